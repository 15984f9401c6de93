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

/** A full, lower-case reference, or null for a value that is not a reference. @public */
export function toFullRef(
  value: unknown,
  defaultKind: string,
  defaultNamespace: string,
): string | null {
  if (typeof value !== 'string' || value.trim() === '') return null;
  try {
    const ref = parseEntityRef(value, { defaultKind, defaultNamespace });
    return refKey(`${ref.kind}:${ref.namespace}/${ref.name}`);
  } catch {
    return null;
  }
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

/**
 * The responsibility model of an entity: each annotation from the entity itself, else its
 * System, else its Domain (the chain, in that order, as far as it exists); links by type
 * likewise, taken whole from the first entity in the chain that has any of that type.
 *
 * @public
 */
export function resolveResponsibility(
  chain: Array<{ from: ResponsibilitySource; entity: Entity }>,
): ResolvedResponsibility {
  const [self] = chain;
  const namespace = self.entity.metadata.namespace ?? 'default';
  function first<T>(
    read: (entity: Entity) => T | undefined,
  ): Sourced<T> | null {
    for (const link of chain) {
      const value = read(link.entity);
      if (value !== undefined) {
        return { value, from: link.from, fromRef: refOf(link.entity) };
      }
    }
    return null;
  }
  const annotation = (name: string) => (entity: Entity) =>
    entity.metadata.annotations?.[name] || undefined;
  const links = {} as ResolvedResponsibility['links'];
  for (const type of RESPONSIBILITY_LINK_TYPES) {
    links[type] =
      first(entity => {
        const found = (entity.metadata.links ?? []).filter(
          l => refKey(l.type ?? '') === type,
        );
        return found.length > 0
          ? found.map(l => ({ url: l.url, title: l.title }))
          : undefined;
      })?.value ?? [];
  }
  return {
    ownerRef: toFullRef(self.entity.spec?.owner, 'group', namespace),
    sreTeamRef: first(
      entity =>
        toFullRef(
          annotation(ANNOTATION_SRE_TEAM)(entity),
          'group',
          entity.metadata.namespace ?? 'default',
        ) ?? undefined,
    ),
    engagement: first(entity => {
      const v = annotation(ANNOTATION_ENGAGEMENT)(entity);
      return (ENGAGEMENT_MODELS as readonly string[]).includes(v ?? '')
        ? (v as EngagementModel)
        : undefined;
    }),
    tier: first(entity => {
      const v = annotation(ANNOTATION_TIER)(entity);
      return v && /^[1-4]$/.test(v) ? Number(v) : undefined;
    }),
    oncall: first(oncallOf),
    links,
  };
}
