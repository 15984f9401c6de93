import {
  CLOSED_ACTION_ITEM_STATUSES,
  validatePostmortemInput,
} from '@reliability-suite/plugin-reliability-common';
import type {
  ActionItemInput,
  ActionItemPriority,
  ActionItemStatus,
  BurnEpisode,
  EntityPostmortems,
  IncidentTimeField,
  Postmortem,
  PostmortemInput,
  PostmortemProblem,
  PostmortemSeverity,
  PostmortemStatus,
} from '@reliability-suite/plugin-reliability-common';
import {
  formatLocalTime,
  formatPercent,
  localizeTimes,
} from '../shared/format';

/** A policy's postmortem rule: the share of budget above which an incident needs one. */
export type PostmortemRule = EntityPostmortems['rule'];

/** How a severity reads on a chip. */
export const SEVERITY_LABEL: Record<PostmortemSeverity, string> = {
  sev1: 'SEV1',
  sev2: 'SEV2',
  sev3: 'SEV3',
  sev4: 'SEV4',
};

/** What each severity means, for the dialog's select. */
export const SEVERITY_DESCRIPTION: Record<PostmortemSeverity, string> = {
  sev1: 'critical: most users affected',
  sev2: 'major: many users or a key feature affected',
  sev3: 'minor: some users, a workaround exists',
  sev4: 'low: little user impact',
};

/** How a postmortem's status reads. */
export const STATUS_LABEL: Record<PostmortemStatus, string> = {
  draft: 'Draft',
  'in-review': 'In review',
  published: 'Published',
};

/** How an action item's priority reads. */
export const PRIORITY_LABEL: Record<ActionItemPriority, string> = {
  p0: 'P0',
  p1: 'P1',
  p2: 'P2',
  p3: 'P3',
};

/** How an action item's status reads. */
export const ACTION_STATUS_LABEL: Record<ActionItemStatus, string> = {
  open: 'Open',
  'in-progress': 'In progress',
  done: 'Done',
  'wont-do': 'Won’t do',
};

/** The times of an incident, in their order. */
export const INCIDENT_TIMES = [
  'startedAt',
  'detectedAt',
  'mitigatedAt',
  'resolvedAt',
] as const;
export type IncidentTime = (typeof INCIDENT_TIMES)[number];

/** The label of each time, in the timeline and the dialog. */
export const TIME_LABEL: Record<IncidentTime, string> = {
  startedAt: 'Started',
  detectedAt: 'Detected',
  mitigatedAt: 'Mitigated',
  resolvedAt: 'Resolved',
};

/** Why a postmortem must be published, for the "needs publishing" chip's tooltip. */
export function needsPublishingText(rules: PostmortemRule[]): string {
  const shares = [
    ...new Set(
      rules.map(r => r.budgetShareAbove).filter((s): s is number => s !== null),
    ),
  ].sort((a, b) => a - b);
  const share =
    shares.length === 0
      ? 'postmortem'
      : shares.map(s => formatPercent(s, 1)).join(' / ');
  const policy = rules.length > 1 ? 'policies’' : 'policy’s';
  return `over the ${policy} ${share} share of budget; publish the postmortem`;
}

/** The UTC day of a time, YYYY-MM-DD. */
export function utcDay(iso: string): string {
  return new Date(iso).toISOString().slice(0, 10);
}

/** A due date (an ISO time) as the day it falls on in UTC, for people. */
export function formatDueDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  return at.toLocaleDateString(undefined, { timeZone: 'UTC' });
}

/** The title the dialog suggests for a burn episode: "Checkout availability burn on 2026-11-20". */
export function episodeTitle(episode: BurnEpisode): string {
  return `${episode.sloTitle} burn on ${utcDay(episode.start)}`;
}

/** One step of an incident's timeline and the time since the previous recorded step. */
export type TimelineStep = {
  field: IncidentTime;
  label: string;
  at: string | null;
  /** Since the last recorded step before it; null for the start or a missing time. */
  sinceMs: number | null;
  /** The step that interval is measured from. */
  sinceLabel: string | null;
};

/** Started → detected → mitigated → resolved, with the intervals between recorded times. */
export function timelineSteps(
  times: Pick<Postmortem, IncidentTime>,
): TimelineStep[] {
  let previous: { label: string; at: number } | null = null;
  return INCIDENT_TIMES.map(field => {
    const at = times[field] ?? null;
    const ms = at === null ? NaN : Date.parse(at);
    const step: TimelineStep = {
      field,
      label: TIME_LABEL[field],
      at,
      sinceMs: previous && !Number.isNaN(ms) ? ms - previous.at : null,
      sinceLabel: previous && !Number.isNaN(ms) ? previous.label : null,
    };
    if (!Number.isNaN(ms)) previous = { label: TIME_LABEL[field], at: ms };
    return step;
  });
}

// ---------------------------------------------------------------------------------------------
// The dialog's form

/** An ISO time as a datetime-local input's value, in the browser's time zone ('' for none). */
export function toLocalInput(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(
    d.getHours(),
  )}:${pad(d.getMinutes())}`;
}

/** A datetime-local input's value (local time) as ISO UTC; null when empty, undefined when invalid. */
export function fromLocalInput(value: string): string | null | undefined {
  if (value.trim() === '') return null;
  // A date-time without an offset is local time (ECMAScript), which is what the input shows.
  const at = new Date(value.trim());
  return Number.isNaN(at.getTime()) ? undefined : at.toISOString();
}

/** A date input's value (YYYY-MM-DD) as the end of that day, UTC: due means by the end of it. */
export function endOfDayUtc(day: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  const at = new Date(`${day}T23:59:59.999Z`);
  return Number.isNaN(at.getTime()) ? undefined : at.toISOString();
}

/** What the dialog starts from: nothing, a burn episode's times, or a postmortem to edit. */
export type PostmortemDraft = Partial<Omit<PostmortemInput, 'actionItems'>> & {
  actionItems?: ActionItemInput[];
};

/** An action item as the editor holds it. */
export type ActionItemForm = {
  /** Stable React key. */
  key: number;
  title: string;
  ownerRef: string;
  /** YYYY-MM-DD (UTC day), '' for none. */
  dueDate: string;
  /** The due time it started from, kept as it was while its day is unchanged. */
  originalDueAt: string | null;
  priority: ActionItemPriority;
  status: ActionItemStatus;
  link: string;
  /** Comma-separated labels, e.g. "toil-reduction, automation". */
  labels: string;
  /** When the item was closed, as it came; sent back while it stays closed. */
  closedAt: string | null;
};

/** The dialog's fields as it holds them. */
export type PostmortemForm = {
  title: string;
  documentUrl: string;
  severity: PostmortemSeverity | '';
  status: PostmortemStatus;
  blamelessReviewHeld: boolean;
  summary: string;
  /** datetime-local values. */
  times: Record<IncidentTime, string>;
  /** Comma-separated entity references. */
  entityRefs: string;
  actionItems: ActionItemForm[];
};

let nextKey = 1;

/** A new, empty action item row. */
export function emptyActionItem(): ActionItemForm {
  nextKey += 1;
  return {
    key: nextKey,
    title: '',
    ownerRef: '',
    dueDate: '',
    originalDueAt: null,
    priority: 'p2',
    status: 'open',
    link: '',
    labels: '',
    closedAt: null,
  };
}

/** The form for a draft. */
export function formOf(draft: PostmortemDraft): PostmortemForm {
  return {
    title: draft.title ?? '',
    documentUrl: draft.documentUrl ?? '',
    severity: draft.severity ?? '',
    status: draft.status ?? 'draft',
    blamelessReviewHeld: draft.blamelessReviewHeld ?? false,
    summary: draft.summary ?? '',
    times: {
      startedAt: toLocalInput(draft.startedAt),
      detectedAt: toLocalInput(draft.detectedAt),
      mitigatedAt: toLocalInput(draft.mitigatedAt),
      resolvedAt: toLocalInput(draft.resolvedAt),
    },
    entityRefs: (draft.entityRefs ?? []).join(', '),
    actionItems: (draft.actionItems ?? []).map(item => ({
      ...emptyActionItem(),
      title: item.title,
      ownerRef: item.ownerRef ?? '',
      dueDate: item.dueAt ? utcDay(item.dueAt) : '',
      originalDueAt: item.dueAt ?? null,
      priority: item.priority ?? 'p2',
      status: item.status ?? 'open',
      link: item.link ?? '',
      labels: (item.labels ?? []).join(', '),
      closedAt: item.closedAt ?? null,
    })),
  };
}

/** "a, b c" → ['a', 'b', 'c']. */
export function splitRefs(value: string): string[] {
  return value
    .split(/[\s,]+/)
    .map(s => s.trim())
    .filter(s => s !== '');
}

function timeOf(
  form: PostmortemForm,
  draft: PostmortemDraft,
  field: IncidentTime,
): string | null | undefined {
  const value = form.times[field];
  const original = draft[field];
  // An unchanged time is sent as it was (the input has no seconds).
  if (original && value === toLocalInput(original)) return original;
  const iso = fromLocalInput(value);
  if (iso === undefined) return value; // the validator names it
  if (iso === null && field === 'startedAt') return undefined; // required
  return iso;
}

function dueOf(item: ActionItemForm): string | null {
  if (item.dueDate === '') return null;
  if (item.originalDueAt && utcDay(item.originalDueAt) === item.dueDate) {
    return item.originalDueAt;
  }
  return endOfDayUtc(item.dueDate) ?? item.dueDate;
}

/**
 * The request body for the form, checked by the same validator the server runs (so the
 * dialog names the same fields the server would): the body when valid, and the problems.
 * On edit it carries the postmortem's externalId (a PUT replaces the whole record) and the
 * updatedAt the caller saw, so a postmortem changed meanwhile answers 409.
 */
export function inputOf(
  form: PostmortemForm,
  draft: PostmortemDraft,
  edit: Pick<Postmortem, 'updatedAt' | 'externalId'> | undefined,
  now = Date.now(),
): { input?: PostmortemInput; problems: PostmortemProblem[] } {
  const raw: Record<string, unknown> = {
    title: form.title.trim() === '' ? undefined : form.title.trim(),
    documentUrl: form.documentUrl.trim() || null,
    severity: form.severity || undefined,
    status: form.status,
    blamelessReviewHeld: form.blamelessReviewHeld,
    summary: form.summary.trim() || null,
    startedAt: timeOf(form, draft, 'startedAt'),
    detectedAt: timeOf(form, draft, 'detectedAt'),
    mitigatedAt: timeOf(form, draft, 'mitigatedAt'),
    resolvedAt: timeOf(form, draft, 'resolvedAt'),
    entityRefs: splitRefs(form.entityRefs),
    actionItems: form.actionItems.map(item => ({
      title: item.title.trim() === '' ? undefined : item.title.trim(),
      link: item.link.trim() || null,
      ownerRef: item.ownerRef.trim() || null,
      dueAt: dueOf(item),
      priority: item.priority,
      status: item.status,
      labels: splitRefs(item.labels),
      // Kept while the item stays closed; a reopened item is open again.
      closedAt: CLOSED_ACTION_ITEM_STATUSES.includes(item.status)
        ? item.closedAt
        : null,
    })),
  };
  if (edit?.externalId) raw.externalId = edit.externalId;
  if (edit) raw.expectedUpdatedAt = edit.updatedAt;
  const { problems } = validatePostmortemInput(raw, now);
  if (problems.length > 0) return { problems };
  return { input: raw as PostmortemInput, problems: [] };
}

/** The problem with a field, if any ('entityRefs' also matches 'entityRefs[2]'). */
export function problemWith(
  problems: PostmortemProblem[],
  field: string,
): PostmortemProblem | undefined {
  return problems.find(
    p => p.field === field || p.field.startsWith(`${field}[`),
  );
}

/** Whether the problem is only that a required field is still empty. */
export function isMissing(problem: PostmortemProblem | undefined): boolean {
  return problem?.message === 'required';
}

// ---------------------------------------------------------------------------------------------
// Problems as the dialog says them

/** The labels of the dialog's fields, by the field names the validator and the API use. */
export const FIELD_LABEL: Record<string, string> = {
  title: 'Title',
  documentUrl: 'Document URL',
  severity: 'Severity',
  status: 'Status',
  summary: 'Summary',
  ...TIME_LABEL,
  entityRefs: 'Affected entities',
  actionItems: 'Action items',
};

/** The labels of an action item's fields. */
export const ACTION_ITEM_FIELD_LABEL: Record<string, string> = {
  title: 'Action item',
  link: 'Link',
  ownerRef: 'Owner',
  dueAt: 'Due date',
  priority: 'Priority',
  status: 'Item status',
  labels: 'Labels',
  closedAt: 'Closed',
};

/**
 * A field path as the dialog labels it: "detectedAt" → "Detected", "entityRefs[1]" →
 * "Affected entity 2", "actionItems[0].ownerRef" → "Action item 1, Owner"; a path it does
 * not know stays as it is.
 */
export function fieldLabel(field: string): string {
  const item = /^actionItems\[(\d+)\](?:\.(\w+))?/.exec(field);
  if (item) {
    const row = `Action item ${Number(item[1]) + 1}`;
    const label = item[2] && ACTION_ITEM_FIELD_LABEL[item[2]];
    return label ? `${row}, ${label}` : row;
  }
  const entity = /^entityRefs\[(\d+)\]$/.exec(field);
  if (entity) return `Affected entity ${Number(entity[1]) + 1}`;
  return FIELD_LABEL[field] ?? field;
}

/**
 * What is wrong with a field, said next to it: a time out of order names both times by
 * their labels, with the one it must follow in local time ("Detected must not be before
 * Started (Dec 3, 2026, 09:50 GMT+1)"); any UTC time in another message is written local.
 */
export function problemMessage(problem: PostmortemProblem): string {
  if (problem.before) {
    return `${fieldLabel(problem.field)} must not be before ${fieldLabel(
      problem.before.field,
    )} (${formatLocalTime(problem.before.at)})`;
  }
  return localizeTimes(problem.message);
}

/** A problem said away from its field (a list under the form, a refused request): labelled. */
export function problemText(problem: PostmortemProblem): string {
  const message = problemMessage(problem);
  return problem.before ? message : `${fieldLabel(problem.field)}: ${message}`;
}

/**
 * The field problems of an API 400 ("detectedAt: … ; entityRefs[1]: no entity …"), or
 * none when the message is not a list of them.
 */
export function parseServerProblems(message: string): PostmortemProblem[] {
  const path = String.raw`[A-Za-z]\w*(?:\[\d+\]|\.\w+)*`;
  const parts = message.split(new RegExp(`; (?=${path}: )`));
  const problems: PostmortemProblem[] = [];
  for (const part of parts) {
    const match = new RegExp(`^(${path}): ([\\s\\S]+)$`).exec(part);
    if (!match) return [];
    const [, field, text] = match;
    // The API says a time out of order in UTC; the form says it with labels, local.
    const order = /^\S+ is before (\w+) \((\S+)\)$/.exec(text);
    const at = order ? Date.parse(order[2]) : NaN;
    problems.push(
      order && !Number.isNaN(at)
        ? {
            field,
            message: text,
            before: { field: order[1] as IncidentTimeField, at },
          }
        : { field, message: text },
    );
  }
  return problems;
}
