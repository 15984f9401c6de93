import { AuthService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  resolveResponsibility,
  ResolvedResponsibility,
  ResponsibilitySource,
  toFullRef,
  refKey,
} from '@reliability-suite/plugin-reliability-common';

/** The kinds the ownership model covers; Groups and Users are read for membership. */
export const OWNED_KINDS = ['Component', 'System', 'Domain', 'Resource', 'API'];

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

/** Builds the snapshot from catalog entities (pure: tests and the bench pass their own). */
export function buildOrgSnapshot(entities: Entity[], at: number): OrgSnapshot {
  const byRef = new Map(entities.map(e => [entityRefOf(e), e]));
  const groupsWithMembers = new Set<string>();
  const members = new Map<string, Set<string>>();
  const addMember = (groupRef: string, userRef: string) => {
    groupsWithMembers.add(groupRef);
    if (!members.has(groupRef)) members.set(groupRef, new Set());
    members.get(groupRef)!.add(refKey(userRef));
  };
  for (const e of entities) {
    const kind = refKey(e.kind);
    const namespace = e.metadata.namespace ?? 'default';
    if (kind === 'user') {
      const memberOf = e.spec?.memberOf;
      for (const g of Array.isArray(memberOf) ? memberOf : []) {
        const ref = toFullRef(g, 'group', namespace);
        if (ref) addMember(ref, entityRefOf(e));
      }
    }
    if (kind === 'group') {
      for (const r of e.relations ?? []) {
        if (r.type === 'hasMember') addMember(entityRefOf(e), r.targetRef);
      }
    }
  }
  const owned: OrgEntity[] = [];
  for (const e of entities) {
    const kind = refKey(e.kind);
    if (!OWNED_KINDS.map(refKey).includes(kind)) continue;
    const namespace = e.metadata.namespace ?? 'default';
    const chain: OrgEntity['chain'] = [{ from: 'entity', entity: e }];
    let systemRef: string | null = null;
    let domainHolder: Entity | undefined;
    if (kind === 'system') {
      systemRef = entityRefOf(e);
      domainHolder = e;
    } else if (kind !== 'domain') {
      systemRef = toFullRef(e.spec?.system, 'system', namespace);
      const system = systemRef ? byRef.get(systemRef) : undefined;
      if (system) chain.push({ from: 'system', entity: system });
      domainHolder = system;
    }
    if (domainHolder) {
      const domainRef = toFullRef(
        domainHolder.spec?.domain,
        'domain',
        domainHolder.metadata.namespace ?? 'default',
      );
      const domain = domainRef ? byRef.get(domainRef) : undefined;
      if (domain) chain.push({ from: 'domain', entity: domain });
    }
    owned.push({
      ref: entityRefOf(e),
      entity: e,
      title: e.metadata.title ?? e.metadata.name,
      systemRef,
      responsibility: resolveResponsibility(chain),
      chain,
    });
  }
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
