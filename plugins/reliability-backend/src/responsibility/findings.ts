import {
  AUDIT_FINDING_KINDS,
  AuditFindingKind,
  AuditSeverity,
  ANNOTATION_SRE_TEAM,
  EngagementModel,
  refKey,
  shortRef,
} from '@reliability-suite/plugin-reliability-common';
import { entityRefOf, OrgEntity, OrgSnapshot } from './OrgSnapshot';
import { SreLoad } from './sreLoad';

/** What the SLO status says of a service, for the audit. */
export type ServiceSlos = {
  objectives: number;
  noData: number;
};

export type AuditFinding = {
  entityRef: string;
  title: string;
  kind: AuditFindingKind;
  severity: AuditSeverity;
  message: string;
  fix: string;
  ownerRef: string | null;
  systemRef: string | null;
  tier: number | null;
  engagement: EngagementModel | null;
};

/** Whether the catalog holds an owner (the owner-not-found finding when not). */
export function ownerInCatalog(
  snapshot: OrgSnapshot,
  ownerRef: string | null | undefined,
): ownerRef is string {
  return !!ownerRef && snapshot.byRef.has(ownerRef);
}

/**
 * Whether an SRE team is a Group the catalog holds (the sre-team-not-found finding when not):
 * a User or a missing entity is reported alike.
 */
export function sreTeamInCatalog(
  snapshot: OrgSnapshot,
  sreTeamRef: string | null | undefined,
): boolean {
  return (
    !!sreTeamRef &&
    sreTeamRef.startsWith('group:') &&
    snapshot.byRef.has(sreTeamRef)
  );
}

/** The ownership checks of one entity, as findings (none when all is well). */
function entityFindings(
  o: OrgEntity,
  snapshot: OrgSnapshot,
  slos: Map<string, ServiceSlos>,
): Array<[AuditFindingKind, string, string]> {
  const out: Array<[AuditFindingKind, string, string]> = [];
  const r = o.responsibility;
  const rawOwner = o.entity.spec?.owner;
  if (typeof rawOwner !== 'string' || rawOwner.trim() === '') {
    out.push([
      'no-owner',
      'No owner',
      'Set spec.owner to the group that runs it',
    ]);
  } else if (!ownerInCatalog(snapshot, r.ownerRef)) {
    out.push([
      'owner-not-found',
      `Owner ${shortRef(r.ownerRef ?? rawOwner)} is not in the catalog`,
      'Add the group to the catalog, or correct spec.owner',
    ]);
  } else if (
    r.ownerRef.startsWith('group:') &&
    !snapshot.groupsWithMembers.has(r.ownerRef)
  ) {
    out.push([
      'owner-without-members',
      `Owner ${shortRef(r.ownerRef)} has no members`,
      `Add the team's people to ${shortRef(
        r.ownerRef,
      )} (spec.memberOf of each User)`,
    ]);
  }

  // The SRE team as written where it was set (the entity, its System or its Domain).
  for (const link of o.chain) {
    const raw = link.entity.metadata.annotations?.[ANNOTATION_SRE_TEAM];
    if (!raw) continue;
    const resolved = r.sreTeamRef?.value;
    if (!sreTeamInCatalog(snapshot, resolved)) {
      const where =
        link.from === 'entity' ? '' : ` (set on ${entityRefOf(link.entity)})`;
      out.push([
        'sre-team-not-found',
        `SRE team '${raw}'${where} is not a group in the catalog`,
        `Correct ${ANNOTATION_SRE_TEAM}, or add the group to the catalog`,
      ]);
    }
    break;
  }

  if (refKey(o.entity.kind) !== 'component') return out;
  const tier = r.tier?.value ?? null;
  const service = slos.get(o.ref);
  if (tier !== null && tier <= 2) {
    if (!r.oncall) {
      out.push([
        'tier-without-oncall',
        `Tier ${tier} without an on-call rotation`,
        'Set reliability-suite.dev/oncall (or pagerduty.com/service-id) on it or its System',
      ]);
    }
    if (r.links.runbook.length === 0) {
      out.push([
        'tier-without-runbook',
        `Tier ${tier} without a runbook`,
        'Add a metadata.links entry with type: runbook',
      ]);
    }
    if (!service || service.objectives === 0) {
      out.push([
        'tier-without-slo',
        `Tier ${tier} without an SLO`,
        'Add an OpenSLO SLO entity whose spec.service is this component',
      ]);
    }
  }
  if (service && service.noData > 0) {
    out.push([
      'slo-without-data',
      `${service.noData} of ${service.objectives} SLO objectives have no data`,
      'Push SLI data (POST /api/reliability/v1/sli/events) or fix the SLI source',
    ]);
  }
  return out;
}

/** Every finding of the organisation, errors first, then by entity and kind. */
export function auditFindings(
  snapshot: OrgSnapshot,
  slos: Map<string, ServiceSlos>,
  loads: Map<string, SreLoad>,
  approvedReviews: Set<string> = new Set(),
): AuditFinding[] {
  const findings: AuditFinding[] = [];
  const add = (
    o: Pick<
      AuditFinding,
      'entityRef' | 'title' | 'ownerRef' | 'systemRef' | 'tier' | 'engagement'
    >,
    [kind, message, fix]: [AuditFindingKind, string, string],
  ) =>
    findings.push({
      ...o,
      kind,
      severity: AUDIT_FINDING_KINDS[kind],
      message,
      fix,
    });
  for (const o of snapshot.owned) {
    const base = {
      entityRef: o.ref,
      title: o.title,
      ownerRef: o.responsibility.ownerRef,
      systemRef: o.systemRef,
      tier: o.responsibility.tier?.value ?? null,
      engagement: o.responsibility.engagement?.value ?? null,
    };
    for (const f of entityFindings(o, snapshot, slos)) add(base, f);
    if (
      base.engagement === 'supported' &&
      refKey(o.entity.kind) === 'component' &&
      !approvedReviews.has(o.ref)
    ) {
      add(base, [
        'supported-without-review',
        'SRE-supported without an approved production-readiness review',
        'Run the readiness review on its Reliability tab and have the SRE team approve it, or change the engagement',
      ]);
    }
  }
  for (const load of loads.values()) {
    if (!load.overCapacity || !snapshot.byRef.has(load.groupRef)) continue;
    const group = snapshot.byRef.get(load.groupRef)!;
    const overWeight = load.capacity !== null && load.load > load.capacity;
    const pct = (x: number) => `${Math.round(x * 100)} %`;
    add(
      {
        entityRef: load.groupRef,
        title: load.title,
        ownerRef: load.groupRef,
        systemRef: null,
        tier: null,
        engagement: null,
      },
      [
        'sre-team-over-capacity',
        [
          overWeight
            ? `SRE load ${load.load} over its capacity ${load.capacity} (${load.services.length} supported services)`
            : null,
          load.overTimeCap && load.timeCap
            ? `operational work took ${pct(
                load.timeCap.share,
              )} of its time in ${load.timeCap.month}, over its cap of ${pct(
                load.timeCap.cap,
              )}`
            : null,
        ]
          .filter(Boolean)
          .join('; '),
        overWeight
          ? `Hand services back, move them to another SRE team, or raise reliability-suite.dev/capacity of ${group.metadata.name} with the people to carry it`
          : `Spend the next months on toil reduction and automation (label the action items toil-reduction), hand pages back to the owning teams, or add engineers to ${group.metadata.name}`,
      ],
    );
  }
  const rank = (s: AuditSeverity) => (s === 'error' ? 0 : 1);
  return findings.sort(
    (a, b) =>
      rank(a.severity) - rank(b.severity) ||
      a.entityRef.localeCompare(b.entityRef) ||
      a.kind.localeCompare(b.kind),
  );
}
