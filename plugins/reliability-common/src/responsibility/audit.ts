/** The kinds of ownership-audit finding, each with its severity. @public */
export const AUDIT_FINDING_KINDS = {
  'no-owner': 'error',
  'owner-not-found': 'error',
  'owner-without-members': 'warning',
  'sre-team-not-found': 'error',
  'tier-without-oncall': 'error',
  'tier-without-runbook': 'warning',
  'tier-without-slo': 'warning',
  'slo-without-data': 'warning',
  'sre-team-over-capacity': 'warning',
  'supported-without-review': 'warning',
} as const;

/** @public */
export type AuditFindingKind = keyof typeof AUDIT_FINDING_KINDS;

/** @public */
export type AuditSeverity = 'error' | 'warning';
