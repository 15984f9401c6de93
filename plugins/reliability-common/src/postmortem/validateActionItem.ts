// An action item of a postmortem: its owner, due date, priority, status, labels, and
// when it was closed.
import {
  JsonObject,
  Problems,
  at,
  checkUnknownFields,
  get,
  isObject,
  join,
  mustBe,
  oneOfField,
  stringField,
} from '../openslo/validationContext';
import {
  ACTION_ITEM_FIELDS,
  ACTION_ITEM_PRIORITIES,
  ACTION_ITEM_STATUSES,
  CLOSED_ACTION_ITEM_STATUSES,
  POSTMORTEM_LIMITS,
  ValidActionItem,
} from './types';
import { nullable, ownerField, timeField, urlField } from './validateFields';

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
export function actionItem(
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
