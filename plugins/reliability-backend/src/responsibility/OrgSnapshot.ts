import { AuthService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  resolveResponsibilityLink,
  ResolvedResponsibility,
  ResponsibilitySource,
  toFullRef,
  refKey,
} from '@reliability-suite/plugin-reliability-common';

/** The kinds the ownership model covers; Groups and Users are read for membership. */
export const OWNED_KINDS = ['Component', 'System', 'Domain', 'Resource', 'API'];
const OWNED_KEYS = new Set(OWNED_KINDS.map(refKey));

const FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'metadata.annotations',
  'metadata.links',
  'spec.owner',
  'spec.system',
  'spec.domain',
  'spec.memberOf',
];

/**
 * The snapshot's catalog reads. Relations are read for Groups only (their `hasMember`):
 * every entity has several, and for the owned kinds and Users they are not used, so reading
 * them would only make the snapshot, kept for its lifetime, larger.
 */
const READS = [
  { kinds: [...OWNED_KINDS, 'User'], fields: FIELDS },
  { kinds: ['Group'], fields: [...FIELDS, 'relations'] },
];

export function entityRefOf(entity: Entity): string {
  return refKey(
    `${entity.kind}:${entity.metadata.namespace ?? 'default'}/${
      entity.metadata.name
    }`,
  );
}

/** One entity of the model with its responsibility resolved. */
export type OrgEntity = {
  ref: string;
  entity: Entity;
  title: string;
  systemRef: string | null;
  responsibility: ResolvedResponsibility;
  /** The entities the model was resolved through: itself, its System, its Domain. */
  chain: Array<{ from: ResponsibilitySource; entity: Entity }>;
};

/** The organisation as the catalog describes it, read once and used for many answers. */
export type OrgSnapshot = {
  at: number;
  byRef: Map<string, Entity>;
  /** Components, Systems, Domains, Resources and APIs, with responsibility resolved. */
  owned: OrgEntity[];
  ownedByRef: Map<string, OrgEntity>;
  groups: Entity[];
  /** Groups with at least one member (a User's memberOf, or the group's hasMember). */
  groupsWithMembers: Set<string>;
  /** The distinct members of each group (a User's memberOf, or the group's hasMember). */
  memberCounts: Map<string, number>;
};

type ChainLink = OrgEntity['chain'][number];

/** The resolved rest of a chain (a System with its Domain, or a Domain), shared by many. */
type Tail = { links: ChainLink[]; resolved: ResolvedResponsibility | null };

const NO_TAIL: Tail = { links: [], resolved: null };

/**
 * Builds the snapshot from catalog entities (pure: tests and the bench pass their own).
 *
 * Each System and Domain is resolved once, and the entities below it share that part of
 * their model and chain (the same objects): the snapshot is kept for its lifetime, and a
 * copy per entity made it three times the size of the catalog's answer it was built from.
 */
export function buildOrgSnapshot(entities: Entity[], at: number): OrgSnapshot {
  const refs = entities.map(entityRefOf);
  const byRef = new Map(entities.map((e, i) => [refs[i], e]));
  const groupsWithMembers = new Set<string>();
  const members = new Map<string, Set<string>>();
  const addMember = (groupRef: string, userRef: string) => {
    groupsWithMembers.add(groupRef);
    if (!members.has(groupRef)) members.set(groupRef, new Set());
    members.get(groupRef)!.add(refKey(userRef));
  };
  entities.forEach((e, i) => {
    const kind = refKey(e.kind);
    const namespace = e.metadata.namespace ?? 'default';
    if (kind === 'user') {
      const memberOf = e.spec?.memberOf;
      for (const g of Array.isArray(memberOf) ? memberOf : []) {
        const ref = toFullRef(g, 'group', namespace);
        if (ref) addMember(ref, refs[i]);
      }
    }
    if (kind === 'group') {
      for (const r of e.relations ?? []) {
        if (r.type === 'hasMember') addMember(refs[i], r.targetRef);
      }
    }
  });

  const tails = new Map<string, Tail>();
  /** The chain from `ref` on (its entity standing as `from`), resolved once per entity. */
  const tailOf = (
    ref: string | null,
    from: ResponsibilitySource,
    next: (entity: Entity) => Tail,
  ): Tail => {
    const entity = ref ? byRef.get(ref) : undefined;
    if (!ref || !entity) return NO_TAIL;
    const key = `${from} ${ref}`;
    let tail = tails.get(key);
    if (!tail) {
      const rest = next(entity);
      const link = { from, entity, ref };
      tail = {
        links: [link, ...rest.links],
        resolved: resolveResponsibilityLink(link, rest.resolved),
      };
      tails.set(key, tail);
    }
    return tail;
  };
  const domainOf = (holder: Entity): Tail =>
    tailOf(
      toFullRef(
        holder.spec?.domain,
        'domain',
        holder.metadata.namespace ?? 'default',
      ),
      'domain',
      () => NO_TAIL,
    );

  const owned: OrgEntity[] = [];
  entities.forEach((e, i) => {
    const kind = refKey(e.kind);
    if (!OWNED_KEYS.has(kind)) return;
    const ref = refs[i];
    let systemRef: string | null = null;
    let rest = NO_TAIL;
    if (kind === 'system') {
      systemRef = ref;
      rest = domainOf(e);
    } else if (kind !== 'domain') {
      systemRef = toFullRef(
        e.spec?.system,
        'system',
        e.metadata.namespace ?? 'default',
      );
      rest = tailOf(systemRef, 'system', domainOf);
    }
    // The chain's first link is the one resolved (its ref spares parsing the entity again).
    const self = { from: 'entity' as const, entity: e, ref };
    owned.push({
      ref,
      entity: e,
      title: e.metadata.title ?? e.metadata.name,
      systemRef,
      responsibility: resolveResponsibilityLink(self, rest.resolved),
      chain: [self, ...rest.links],
    });
  });
  return {
    at,
    byRef,
    owned,
    ownedByRef: new Map(owned.map(o => [o.ref, o])),
    groups: entities.filter(e => refKey(e.kind) === 'group'),
    groupsWithMembers,
    memberCounts: new Map([...members].map(([g, m]) => [g, m.size])),
  };
}

/**
 * Reads the catalog at most once per `ttlMs` (concurrent callers share one read), so the
 * audit, team pages and the responsibility matrix of many requests cost one catalog query.
 */
export class OrgSnapshotSource {
  private current?: OrgSnapshot;
  private loading?: Promise<OrgSnapshot>;

  constructor(
    private readonly deps: {
      catalog: CatalogService;
      auth: AuthService;
      ttlMs?: number;
      now?: () => number;
    },
  ) {}

  async get(): Promise<OrgSnapshot> {
    const now = this.deps.now?.() ?? Date.now();
    if (this.current && now - this.current.at < (this.deps.ttlMs ?? 30_000)) {
      return this.current;
    }
    this.loading ??= this.load(now).finally(() => {
      this.loading = undefined;
    });
    return this.loading;
  }

  private async load(now: number): Promise<OrgSnapshot> {
    const credentials = await this.deps.auth.getOwnServiceCredentials();
    const answers = await Promise.all(
      READS.map(({ kinds, fields }) =>
        this.deps.catalog.getEntities(
          { filter: kinds.map(kind => ({ kind })), fields },
          { credentials },
        ),
      ),
    );
    this.current = buildOrgSnapshot(
      answers.flatMap(a => a.items),
      now,
    );
    return this.current;
  }
}
