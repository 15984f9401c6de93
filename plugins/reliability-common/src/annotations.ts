/**
 * Annotations the Reliability Suite reads from catalog entities. They live here, once, so the
 * catalog module, the backend and the frontend agree on the spelling.
 *
 * @public
 */
export const RELIABILITY_ANNOTATION_PREFIX = 'reliability-suite.dev/';

/** A Group reference: the SRE team that supports the entity. @public */
export const ANNOTATION_SRE_TEAM = 'reliability-suite.dev/sre-team';
/** `none | consulting | onboarding | supported`. @public */
export const ANNOTATION_ENGAGEMENT = 'reliability-suite.dev/engagement';
/** `1`–`4`, 1 most critical. @public */
export const ANNOTATION_TIER = 'reliability-suite.dev/tier';
/** A URL or reference to the on-call rotation. @public */
export const ANNOTATION_ONCALL = 'reliability-suite.dev/oncall';
/** Selects an ErrorBudgetPolicy entity by reference. @public */
export const ANNOTATION_ERROR_BUDGET_POLICY =
  'reliability-suite.dev/error-budget-policy';
/** On SRE Groups: how much supported-service weight the team can carry. @public */
export const ANNOTATION_CAPACITY = 'reliability-suite.dev/capacity';
/**
 * On SRE Groups: how many engineers share the team's time, overriding the count of its
 * catalog members (teams whose rotation includes people the catalog does not list).
 * @public
 */
export const ANNOTATION_HEADCOUNT = 'reliability-suite.dev/headcount';

/** The engagement models of the shared-responsibility model. @public */
export const ENGAGEMENT_MODELS = [
  'none',
  'consulting',
  'onboarding',
  'supported',
] as const;

/** @public */
export type EngagementModel = (typeof ENGAGEMENT_MODELS)[number];
