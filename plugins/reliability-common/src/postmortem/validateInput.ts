import {
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
import {
  POSTMORTEM_FIELDS,
  POSTMORTEM_LIMITS,
  POSTMORTEM_SEVERITIES,
  POSTMORTEM_STATUSES,
  PostmortemProblem,
  ValidActionItem,
  ValidPostmortem,
} from './types';
import { actionItem } from './validateActionItem';
import { nullable, refField, timeField, urlField } from './validateFields';

/**
 * The one validator of a postmortem record, used by the API (create, update, import) and
 * by the CLI before it sends a file: every problem names its field, nothing here throws,
 * and the value comes back normalised (times as epoch ms, references canonical) only when
 * there is no problem at all. The record's vocabulary and shapes are in types.ts, the
 * field checks in validateFields.ts, an action item's in validateActionItem.ts.
 */

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
