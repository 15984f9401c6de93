import { makeValidator, parseEntityRef } from '@backstage/catalog-model';
import {
  JsonObject,
  NO_NUL,
  Problems,
  arrayField,
  at,
  booleanField,
  checkUnknownFields,
  get,
  isObject,
  join,
  mustBe,
  oneOfField,
  stringField,
} from '../openslo/validationContext';
import { IncidentTimeOrderProblem, incidentTimeOrder } from './figures';

/**
 * The one validator of a postmortem record, used by the API (create, update, import) and
 * by the CLI before it sends a file: every problem names its field, nothing here throws,
 * and the value comes back normalised (times as epoch ms, references canonical) only when
 * there is no problem at all.
 */

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

/** A label: lower-case words joined by hyphens, e.g. toil-reduction. */
const LABEL = /^[a-z0-9]+(-[a-z0-9]+)*$/;

function labelsField(
  problems: Problems,
  raw: JsonObject,
  path: string,
): string[] | undefined {
  const value = get(raw, 'labels');
  if (value === undefined || value === null) return [];
  const fieldPath = join(path, 'labels');
  if (!Array.isArray(value)) {
    problems.add(fieldPath, mustBe('an array of labels', value));
    return undefined;
  }
  if (value.length > POSTMORTEM_LIMITS.labels) {
    problems.add(
      fieldPath,
      `must have at most ${POSTMORTEM_LIMITS.labels} labels; got ${value.length}`,
    );
    return undefined;
  }
  let ok = true;
  value.forEach((label, i) => {
    if (
      typeof label !== 'string' ||
      label.length > POSTMORTEM_LIMITS.label ||
      !LABEL.test(label)
    ) {
      problems.add(
        at(fieldPath, i),
        mustBe(
          `a label of lower-case letters, digits and hyphens (at most ${POSTMORTEM_LIMITS.label} characters), e.g. toil-reduction`,
          label,
        ),
      );
      ok = false;
    }
  });
  return ok ? [...new Set(value as string[])].sort() : undefined;
}

// Incidents from before the web or from next century are typos (a year of 0202, a
// timestamp in seconds read as ms), not archives.
const EARLIEST = Date.UTC(1990, 0, 1);
const LATEST_AHEAD_MS = 24 * 60 * 60_000;

/** Null (or absent) allowed; otherwise what `check` accepts. */
function nullable<T>(
  obj: JsonObject,
  key: string,
  check: () => T | undefined,
): T | null | undefined {
  return get(obj, key) === null || get(obj, key) === undefined ? null : check();
}

function urlField(
  problems: Problems,
  obj: JsonObject,
  path: string,
  key: string,
): string | null | undefined {
  return nullable(obj, key, () => {
    const value = stringField(problems, obj, path, key, {
      required: false,
      maxLength: POSTMORTEM_LIMITS.url,
    });
    if (value === undefined) return undefined;
    let url: URL | undefined;
    try {
      url = new URL(value);
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
      problems.add(join(path, key), mustBe('an http(s) URL', value));
      return undefined;
    }
    return value;
  });
}

function timeField(
  problems: Problems,
  obj: JsonObject,
  path: string,
  key: string,
  required: boolean,
  now: number,
): number | null | undefined {
  const value = get(obj, key);
  if (value === undefined || value === null) {
    if (required) problems.add(join(path, key), 'required');
    return null;
  }
  const ms =
    typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value)
      ? Date.parse(value)
      : NaN;
  if (Number.isNaN(ms)) {
    problems.add(
      join(path, key),
      mustBe('an ISO 8601 date-time such as 2026-03-01T14:05:00Z', value),
    );
    return undefined;
  }
  if (ms < EARLIEST || ms > now + LATEST_AHEAD_MS) {
    problems.add(
      join(path, key),
      `must be between 1990 and now; got ${String(value)}`,
    );
    return undefined;
  }
  return ms;
}

function refField(
  problems: Problems,
  value: unknown,
  path: string,
  defaultKind: string,
): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') {
    problems.add(path, mustBe('an entity reference', value));
    return undefined;
  }
  if (value.includes('\u0000')) {
    problems.add(path, NO_NUL);
    return undefined;
  }
  if (value.length > POSTMORTEM_LIMITS.ref) {
    problems.add(
      path,
      `must be at most ${POSTMORTEM_LIMITS.ref} characters; got ${value.length}`,
    );
    return undefined;
  }
  try {
    const ref = parseEntityRef(value.trim(), {
      defaultKind,
      defaultNamespace: 'default',
    });
    return `${ref.kind}:${ref.namespace}/${ref.name}`.toLocaleLowerCase(
      'en-US',
    );
  } catch (e) {
    problems.add(path, `not an entity reference: ${(e as Error).message}`);
    return undefined;
  }
}

const catalogNames = makeValidator();
const OWNER_KINDS = ['group', 'user'];

/**
 * An action item's owner: a group or user of the catalog by its reference (a bare name is a
 * group). A display name such as "Checkout team" is refused: nobody could find the owner
 * from it, and the catalog could never link it.
 */
function ownerField(
  problems: Problems,
  value: unknown,
  path: string,
): string | undefined {
  const ref = refField(problems, value, path, 'group');
  if (ref === undefined) return undefined;
  const { kind, namespace, name } = parseEntityRef(ref);
  if (
    !OWNER_KINDS.includes(kind) ||
    !catalogNames.isValidNamespace(namespace) ||
    !catalogNames.isValidEntityName(name)
  ) {
    problems.add(
      path,
      mustBe(
        'the entity reference of a group or user, e.g. group:default/team-checkout or user:default/jane',
        value,
      ),
    );
    return undefined;
  }
  return ref;
}

function actionItem(
  problems: Problems,
  raw: unknown,
  path: string,
  now: number,
): ValidActionItem | undefined {
  if (!isObject(raw)) {
    problems.add(path, mustBe('an object', raw));
    return undefined;
  }
  checkUnknownFields(problems, raw, path, ACTION_ITEM_FIELDS);
  const title = stringField(problems, raw, path, 'title', {
    required: true,
    maxLength: POSTMORTEM_LIMITS.title,
  });
  const link = urlField(problems, raw, path, 'link');
  const ownerRef = nullable(raw, 'ownerRef', () =>
    ownerField(problems, get(raw, 'ownerRef'), join(path, 'ownerRef')),
  );
  const dueAt = timeField(problems, raw, path, 'dueAt', false, Infinity);
  const priority =
    oneOfField(
      problems,
      raw,
      path,
      'priority',
      ACTION_ITEM_PRIORITIES,
      false,
    ) ?? 'p2';
  const status =
    oneOfField(problems, raw, path, 'status', ACTION_ITEM_STATUSES, false) ??
    'open';
  const labels = labelsField(problems, raw, path);
  let closedAt = timeField(problems, raw, path, 'closedAt', false, now);
  if (
    typeof closedAt === 'number' &&
    !CLOSED_ACTION_ITEM_STATUSES.includes(status)
  ) {
    problems.add(
      join(path, 'closedAt'),
      `only a done or wont-do item is closed; this one is ${status}`,
    );
    closedAt = undefined;
  }
  if (
    title === undefined ||
    link === undefined ||
    ownerRef === undefined ||
    dueAt === undefined ||
    labels === undefined ||
    closedAt === undefined
  ) {
    return undefined;
  }
  return { title, link, ownerRef, dueAt, priority, status, labels, closedAt };
}

/**
 * Validates one postmortem record (an API body, an imported record, a CLI file's row).
 *
 * @param now - the time against which "in the future" is judged
 * @public
 */
export function validatePostmortemInput(
  raw: unknown,
  now: number,
  path = '',
): { value?: ValidPostmortem; problems: PostmortemProblem[] } {
  const problems = new Problems();
  if (!isObject(raw)) {
    problems.add(path || '(record)', mustBe('an object', raw));
    return { problems: toProblems(problems) };
  }
  checkUnknownFields(problems, raw, path, POSTMORTEM_FIELDS);
  const title = stringField(problems, raw, path, 'title', {
    required: true,
    maxLength: POSTMORTEM_LIMITS.title,
  });
  const documentUrl = urlField(problems, raw, path, 'documentUrl');
  const severity = oneOfField(
    problems,
    raw,
    path,
    'severity',
    POSTMORTEM_SEVERITIES,
    true,
  );
  const status =
    oneOfField(problems, raw, path, 'status', POSTMORTEM_STATUSES, false) ??
    'draft';
  const blamelessReviewHeld =
    booleanField(problems, raw, path, 'blamelessReviewHeld', false) ?? false;
  const summary = nullable(raw, 'summary', () => {
    const value = get(raw, 'summary');
    if (typeof value !== 'string' || value.length > POSTMORTEM_LIMITS.summary) {
      problems.add(
        join(path, 'summary'),
        mustBe(
          `text of at most ${POSTMORTEM_LIMITS.summary} characters`,
          value,
        ),
      );
      return undefined;
    }
    if (value.includes('\u0000')) {
      problems.add(join(path, 'summary'), NO_NUL);
      return undefined;
    }
    return value;
  });
  const startedAt = timeField(problems, raw, path, 'startedAt', true, now);
  const order = new Map<string, IncidentTimeOrderProblem['before']>();
  const detectedAt = timeField(problems, raw, path, 'detectedAt', false, now);
  const mitigatedAt = timeField(problems, raw, path, 'mitigatedAt', false, now);
  const resolvedAt = timeField(problems, raw, path, 'resolvedAt', false, now);
  const expectedUpdatedAt = timeField(
    problems,
    raw,
    path,
    'expectedUpdatedAt',
    false,
    Infinity,
  );
  if (
    typeof startedAt === 'number' &&
    detectedAt !== undefined &&
    mitigatedAt !== undefined &&
    resolvedAt !== undefined
  ) {
    for (const p of incidentTimeOrder({
      startedAt,
      detectedAt,
      mitigatedAt,
      resolvedAt,
    })) {
      const fieldPath = join(path, p.field);
      problems.add(
        fieldPath,
        `${new Date(p.at).toISOString()} is before ${
          p.before.field
        } (${new Date(p.before.at).toISOString()})`,
      );
      order.set(fieldPath, p.before);
    }
  }

  const entityPath = join(path, 'entityRefs');
  const rawRefs = arrayField(problems, raw, path, 'entityRefs', true);
  let entityRefs: string[] | undefined;
  if (rawRefs !== undefined) {
    if (rawRefs.length === 0) {
      problems.add(entityPath, 'must name at least one affected entity');
    } else if (rawRefs.length > POSTMORTEM_LIMITS.entityRefs) {
      problems.add(
        entityPath,
        `must have at most ${POSTMORTEM_LIMITS.entityRefs} items; got ${rawRefs.length}`,
      );
    } else {
      const refs = rawRefs.map((r, i) =>
        refField(problems, r, at(entityPath, i), 'component'),
      );
      if (refs.every((r): r is string => r !== undefined)) {
        entityRefs = [...new Set(refs)];
      }
    }
  }

  const itemsPath = join(path, 'actionItems');
  const rawItems = arrayField(problems, raw, path, 'actionItems', false) ?? [];
  let actionItems: ValidActionItem[] | undefined;
  if (rawItems.length > POSTMORTEM_LIMITS.actionItems) {
    problems.add(
      itemsPath,
      `must have at most ${POSTMORTEM_LIMITS.actionItems} items; got ${rawItems.length}`,
    );
  } else {
    const items = rawItems.map((r, i) =>
      actionItem(problems, r, at(itemsPath, i), now),
    );
    if (items.every((r): r is ValidActionItem => r !== undefined)) {
      actionItems = items;
    }
  }
  const externalId = nullable(raw, 'externalId', () =>
    stringField(problems, raw, path, 'externalId', {
      required: false,
      maxLength: POSTMORTEM_LIMITS.externalId,
    }),
  );

  if (problems.list.length > 0) {
    return { problems: toProblems(problems, order) };
  }
  return {
    value: {
      title: title!,
      documentUrl: documentUrl!,
      severity: severity!,
      status,
      blamelessReviewHeld,
      summary: summary!,
      startedAt: startedAt!,
      detectedAt: detectedAt!,
      mitigatedAt: mitigatedAt!,
      resolvedAt: resolvedAt!,
      entityRefs: entityRefs!,
      actionItems: actionItems!,
      externalId: externalId!,
      expectedUpdatedAt: expectedUpdatedAt!,
    },
    problems: [],
  };
}

function toProblems(
  problems: Problems,
  order = new Map<string, IncidentTimeOrderProblem['before']>(),
): PostmortemProblem[] {
  return problems.list.map(p => {
    const before = order.get(p.path);
    return before
      ? { field: p.path, message: p.message, before }
      : { field: p.path, message: p.message };
  });
}
