// The postmortem record's vocabulary: its severities and statuses, its fields and their
// bounds, and the shapes of a validated record and of a problem with one field.
import { IncidentTimeOrderProblem } from './figures';

/** @public */
export const POSTMORTEM_SEVERITIES = ['sev1', 'sev2', 'sev3', 'sev4'] as const;
/** @public */
export const POSTMORTEM_STATUSES = ['draft', 'in-review', 'published'] as const;
/** @public */
export const ACTION_ITEM_PRIORITIES = ['p0', 'p1', 'p2', 'p3'] as const;
/** @public */
export const ACTION_ITEM_STATUSES = [
  'open',
  'in-progress',
  'done',
  'wont-do',
] as const;

/** @public */
export type PostmortemSeverity = (typeof POSTMORTEM_SEVERITIES)[number];
/** @public */
export type PostmortemStatus = (typeof POSTMORTEM_STATUSES)[number];
/** @public */
export type ActionItemPriority = (typeof ACTION_ITEM_PRIORITIES)[number];
/** @public */
export type ActionItemStatus = (typeof ACTION_ITEM_STATUSES)[number];

/** An action item, validated. @public */
export type ValidActionItem = {
  title: string;
  link: string | null;
  ownerRef: string | null;
  dueAt: number | null;
  priority: ActionItemPriority;
  status: ActionItemStatus;
  /** Kinds of work, e.g. toil-reduction, automation, reliability; sorted, no repeats. */
  labels: string[];
  /**
   * When a done or wont-do item was closed; null when not given (the store then keeps
   * the time it was first seen closed).
   */
  closedAt: number | null;
};

/** A postmortem record, validated: times epoch ms, entity references canonical. @public */
export type ValidPostmortem = {
  title: string;
  documentUrl: string | null;
  severity: PostmortemSeverity;
  status: PostmortemStatus;
  blamelessReviewHeld: boolean;
  summary: string | null;
  startedAt: number;
  detectedAt: number | null;
  mitigatedAt: number | null;
  resolvedAt: number | null;
  entityRefs: string[];
  actionItems: ValidActionItem[];
  externalId: string | null;
  /** Update only: the updatedAt the caller saw. */
  expectedUpdatedAt: number | null;
};

/** A problem with one field. @public */
export type PostmortemProblem = {
  field: string;
  message: string;
  /**
   * For a time out of order: the time it must not be before, so that a form can name
   * both fields by their labels and in local time (the message says it in UTC).
   */
  before?: IncidentTimeOrderProblem['before'];
};

/** The fields of a postmortem record, in the order documents list them. @public */
export const POSTMORTEM_FIELDS = [
  'title',
  'documentUrl',
  'severity',
  'status',
  'blamelessReviewHeld',
  'summary',
  'startedAt',
  'detectedAt',
  'mitigatedAt',
  'resolvedAt',
  'entityRefs',
  'actionItems',
  'externalId',
  'expectedUpdatedAt',
] as const;
/** The fields of an action item. @public */
export const ACTION_ITEM_FIELDS = [
  'title',
  'link',
  'ownerRef',
  'dueAt',
  'priority',
  'status',
  'labels',
  'closedAt',
] as const;

/** Bounds of a record's fields. @public */
export const POSTMORTEM_LIMITS = {
  title: 300,
  summary: 20_000,
  url: 2000,
  ref: 512,
  externalId: 200,
  entityRefs: 100,
  actionItems: 200,
  labels: 20,
  label: 50,
} as const;

/** The statuses of an action item that is no longer to do. @public */
export const CLOSED_ACTION_ITEM_STATUSES: readonly ActionItemStatus[] = [
  'done',
  'wont-do',
];
