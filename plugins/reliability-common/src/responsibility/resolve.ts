import { Entity, parseEntityRef } from '@backstage/catalog-model';
import {
  ANNOTATION_ENGAGEMENT,
  ANNOTATION_ONCALL,
  ANNOTATION_SRE_TEAM,
  ANNOTATION_TIER,
  ENGAGEMENT_MODELS,
  EngagementModel,
} from '../annotations';
import { refKey } from '../entityRef';

/** Where a resolved value came from. @public */
export type ResponsibilitySource = 'entity' | 'system' | 'domain';

/** A value of the model with the entity that set it. @public */
export type Sourced<T> = {
  value: T;
  from: ResponsibilitySource;
  fromRef: string;
};

/** Links the model reads, by `metadata.links[].type`. @public */
export const RESPONSIBILITY_LINK_TYPES = [
  'runbook',
  'dashboard',
  'playbook',
] as const;

/** @public */
export type ResponsibilityLinkType = (typeof RESPONSIBILITY_LINK_TYPES)[number];

/** Who does what for an entity, with inheritance from its System and Domain resolved. @public */
export type ResolvedResponsibility = {
  /** The owner as a full, lower-case entity reference (default kind group). */
  ownerRef: string | null;
  sreTeamRef: Sourced<string> | null;
  engagement: Sourced<EngagementModel> | null;
  tier: Sourced<number> | null;
  /** A URL or reference to the rotation; also PagerDuty and Opsgenie annotations. */
  oncall: Sourced<string> | null;
  links: Record<ResponsibilityLinkType, Array<{ url: string; title?: string }>>;
};

/**
 * toFullRef's answers by default namespace, default kind and value. A catalog names the same
 * owners and teams thousands of times, and each answer parsed the reference and built
 * several strings; kept, one answer serves (and is shared by) every entity that names it.
 * Emptied when it holds FULL_REFS_KEPT answers.
 */
const fullRefs = new Map<string, Map<string, Map<string, string | null>>>();
let fullRefsKept = 0;
const FULL_REFS_KEPT = 10_000;

function parseFullRef(
  value: string,
  defaultKind: string,
  defaultNamespace: string,
): string | null {
  try {
    const ref = parseEntityRef(value, { defaultKind, defaultNamespace });
    return refKey(`${ref.kind}:${ref.namespace}/${ref.name}`);
  } catch {
    return null;
  }
}

/** A full, lower-case reference, or null for a value that is not a reference. @public */
export function toFullRef(
  value: unknown,
  defaultKind: string,
  defaultNamespace: string,
): string | null {
  if (typeof value !== 'string' || value.trim() === '') return null;
  let byKind = fullRefs.get(defaultNamespace);
  if (!byKind) fullRefs.set(defaultNamespace, (byKind = new Map()));
  let byValue = byKind.get(defaultKind);
  if (!byValue) byKind.set(defaultKind, (byValue = new Map()));
  const known = byValue.get(value);
  if (known !== undefined) return known;
  const ref = parseFullRef(value, defaultKind, defaultNamespace);
  if (fullRefsKept >= FULL_REFS_KEPT) {
    fullRefs.clear();
    fullRefsKept = 0;
    return ref;
  }
  byValue.set(value, ref);
  fullRefsKept++;
  return ref;
}

function refOf(entity: Entity): string {
  return refKey(
    `${entity.kind}:${entity.metadata.namespace ?? 'default'}/${
      entity.metadata.name
    }`,
  );
}

function oncallOf(entity: Entity): string | undefined {
  const a = entity.metadata.annotations ?? {};
  const pagerduty = a['pagerduty.com/service-id'];
  const opsgenie = a['opsgenie.com/component-selector'];
  return (
    a[ANNOTATION_ONCALL] ??
    (pagerduty ? `pagerduty:${pagerduty}` : undefined) ??
    (opsgenie ? `opsgenie:${opsgenie}` : undefined)
  );
}

function annotationOf(entity: Entity, name: string): string | undefined {
  return entity.metadata.annotations?.[name] || undefined;
}

function sreTeamOf(entity: Entity): string | undefined {
  return (
    toFullRef(
      annotationOf(entity, ANNOTATION_SRE_TEAM),
      'group',
      entity.metadata.namespace ?? 'default',
    ) ?? undefined
  );
}

function engagementOf(entity: Entity): EngagementModel | undefined {
  const v = annotationOf(entity, ANNOTATION_ENGAGEMENT);
  return (ENGAGEMENT_MODELS as readonly string[]).includes(v ?? '')
    ? (v as EngagementModel)
    : undefined;
}

function tierOf(entity: Entity): number | undefined {
  const v = annotationOf(entity, ANNOTATION_TIER);
  return v && /^[1-4]$/.test(v) ? Number(v) : undefined;
}

type Link = ResolvedResponsibility['links'][ResponsibilityLinkType][number];

/** No links; shared by every model without links of a type, so never changed. */
const NONE = Object.freeze([]) as unknown as Link[];
const NO_LINKS: ResolvedResponsibility['links'] = Object.freeze({
  runbook: NONE,
  dashboard: NONE,
  playbook: NONE,
});

/** One entity of a chain: where it stands in it, and its reference when already known. @public */
export type ResponsibilityLink = {
  from: ResponsibilitySource;
  entity: Entity;
  /** The entity's full, lower-case reference; computed from the entity when absent. */
  ref?: string;
};

/**
 * The model of a chain given its first entity and the model of the rest of the chain
 * (`inherited`, null at its end): each value from this entity, else the inherited one, and
 * links by type likewise. Inherited values are the same objects, not copies, so models of
 * many entities below one System share what they take from it (the org snapshot resolves
 * each System and Domain once for all of them).
 *
 * @public
 */
export function resolveResponsibilityLink(
  link: ResponsibilityLink,
  inherited: ResolvedResponsibility | null,
): ResolvedResponsibility {
  const { entity, from } = link;
  let ref = link.ref;
  function own<T>(value: T | undefined, above: Sourced<T> | null | undefined) {
    if (value === undefined) return above ?? null;
    ref ??= refOf(entity);
    return { value, from, fromRef: ref };
  }
  let links = inherited?.links ?? NO_LINKS;
  const entityLinks = entity.metadata.links ?? [];
  if (entityLinks.length > 0) {
    const mine = {} as ResolvedResponsibility['links'];
    for (const type of RESPONSIBILITY_LINK_TYPES) {
      const found = entityLinks.filter(l => refKey(l.type ?? '') === type);
      mine[type] =
        found.length > 0
          ? found.map(l => ({ url: l.url, title: l.title }))
          : links[type];
    }
    links = mine;
  }
  return {
    ownerRef: toFullRef(
      entity.spec?.owner,
      'group',
      entity.metadata.namespace ?? 'default',
    ),
    sreTeamRef: own(sreTeamOf(entity), inherited?.sreTeamRef),
    engagement: own(engagementOf(entity), inherited?.engagement),
    tier: own(tierOf(entity), inherited?.tier),
    oncall: own(oncallOf(entity), inherited?.oncall),
    links,
  };
}

/**
 * The responsibility model of an entity: each annotation from the entity itself, else its
 * System, else its Domain (the chain, in that order, as far as it exists); links by type
 * likewise, taken whole from the first entity in the chain that has any of that type. The
 * owner is the entity's own.
 *
 * @public
 */
export function resolveResponsibility(
  chain: ResponsibilityLink[],
): ResolvedResponsibility {
  let resolved: ResolvedResponsibility | null = null;
  for (let i = chain.length - 1; i >= 0; i--) {
    resolved = resolveResponsibilityLink(chain[i], resolved);
  }
  if (!resolved) throw new Error('resolveResponsibility: the chain is empty');
  return resolved;
}
