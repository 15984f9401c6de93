import {
  JsonObject,
  Problems,
  REQUIRED,
  arrayField,
  at,
  booleanField,
  checkDescription,
  checkUnknownFields,
  durationField,
  get,
  has,
  isObject,
  join,
  mustBe,
  nameField,
  numberField,
  objectField,
  oneOfField,
  stringField,
} from './validationContext';
import { validateMetadata } from './validateMetadata';

/**
 * Alerting kinds are checked loosely, as the suite does not evaluate them itself: required
 * fields present and of the right type, unknown fields reported, references well formed.
 */

const OPERATORS = ['lt', 'lte', 'gt', 'gte'] as const;
// Alert windows are short, fixed lengths.
const ALERT_WINDOW_UNITS = ['m', 'h', 'd', 'w'];

export function validateAlertConditionSpec(
  problems: Problems,
  spec: JsonObject,
  path: string,
): void {
  checkUnknownFields(problems, spec, path, [
    'description',
    'severity',
    'condition',
  ]);
  checkDescription(problems, spec, path);
  stringField(problems, spec, path, 'severity', { required: true });
  const condition = objectField(problems, spec, path, 'condition', true);
  if (!condition) {
    return;
  }
  const conditionPath = join(path, 'condition');
  checkUnknownFields(problems, condition, conditionPath, [
    'kind',
    'op',
    'threshold',
    'lookbackWindow',
    'alertAfter',
  ]);
  // burnrate is the only kind in v1 and the spec's default, so it may be omitted.
  oneOfField(problems, condition, conditionPath, 'kind', ['burnrate'], false);
  oneOfField(problems, condition, conditionPath, 'op', OPERATORS, false);
  numberField(problems, condition, conditionPath, 'threshold', true);
  durationField(
    problems,
    condition,
    conditionPath,
    'lookbackWindow',
    ALERT_WINDOW_UNITS,
    true,
  );
  // The spec documents alertAfter's default as 0m, so an explicit zero is accepted.
  if (!/^0{1,15}[mhdw]$/.test(String(get(condition, 'alertAfter')))) {
    durationField(
      problems,
      condition,
      conditionPath,
      'alertAfter',
      ALERT_WINDOW_UNITS,
      false,
    );
  }
}

export function validateAlertNotificationTargetSpec(
  problems: Problems,
  spec: JsonObject,
  path: string,
): void {
  checkUnknownFields(problems, spec, path, ['description', 'target']);
  checkDescription(problems, spec, path);
  stringField(problems, spec, path, 'target', { required: true });
}

/**
 * An item that is either a reference (`{ conditionRef: name }`) or an inline object of a
 * kind (`{ kind, metadata, spec }`): the alert policy's conditions and targets, and an
 * SLO's alert policies.
 */
export function validateRefOrInline(
  problems: Problems,
  value: unknown,
  path: string,
  options: {
    refKey: string;
    kind: string;
    validateSpec: (problems: Problems, spec: JsonObject, path: string) => void;
  },
): void {
  const { refKey, kind } = options;
  const choice = `exactly one of ${refKey} or an inline ${kind} (kind, metadata, spec) is required`;
  if (!isObject(value)) {
    problems.add(
      path,
      mustBe(`an object (${refKey} or an inline ${kind})`, value),
    );
    return;
  }
  const isRef = has(value, refKey);
  const isInline = ['kind', 'metadata', 'spec'].some(key => has(value, key));
  if (isRef && isInline) {
    problems.add(path, `${choice}; got both`);
    return;
  }
  if (!isRef && !isInline) {
    // Also catches a misspelt reference key, with the expected name in the message.
    problems.add(path, choice);
    return;
  }
  if (isRef) {
    checkUnknownFields(problems, value, path, [refKey]);
    nameField(problems, value, path, refKey, true);
    return;
  }
  checkUnknownFields(problems, value, path, ['kind', 'metadata', 'spec']);
  const actualKind = get(value, 'kind');
  if (actualKind === undefined) {
    problems.add(join(path, 'kind'), REQUIRED);
  } else if (actualKind !== kind) {
    problems.add(join(path, 'kind'), mustBe(kind, actualKind));
  }
  validateMetadata(problems, value, path);
  const spec = objectField(problems, value, path, 'spec', true);
  if (spec) {
    options.validateSpec(problems, spec, join(path, 'spec'));
  }
}

export function validateAlertPolicySpec(
  problems: Problems,
  spec: JsonObject,
  path: string,
): void {
  checkUnknownFields(problems, spec, path, [
    'description',
    'alertWhenNoData',
    'alertWhenResolved',
    'alertWhenBreaching',
    'conditions',
    'notificationTargets',
  ]);
  checkDescription(problems, spec, path);
  booleanField(problems, spec, path, 'alertWhenNoData', false);
  booleanField(problems, spec, path, 'alertWhenResolved', false);
  booleanField(problems, spec, path, 'alertWhenBreaching', false);

  const conditions = arrayField(problems, spec, path, 'conditions', true);
  const conditionsPath = join(path, 'conditions');
  if (conditions) {
    // v1 takes a list "for future-proofing" but allows a single condition per policy.
    if (conditions.length !== 1) {
      problems.add(
        conditionsPath,
        `must have exactly one condition (OpenSLO v1 allows one per alert policy); got ${conditions.length}`,
      );
    } else {
      validateRefOrInline(problems, conditions[0], at(conditionsPath, 0), {
        refKey: 'conditionRef',
        kind: 'AlertCondition',
        validateSpec: validateAlertConditionSpec,
      });
    }
  }

  const targets = arrayField(problems, spec, path, 'notificationTargets', true);
  const targetsPath = join(path, 'notificationTargets');
  if (targets) {
    if (targets.length === 0) {
      problems.add(
        targetsPath,
        'must list at least one notification target (targetRef or an inline AlertNotificationTarget)',
      );
    }
    targets.forEach((target, index) =>
      validateRefOrInline(problems, target, at(targetsPath, index), {
        refKey: 'targetRef',
        kind: 'AlertNotificationTarget',
        validateSpec: validateAlertNotificationTargetSpec,
      }),
    );
  }
}
