import { makeValidator, parseEntityRef } from '@backstage/catalog-model';
import { isValidTimeZone, parseCalendarStartTime } from './calendar';
import {
  OpenSloDuration,
  durationToMs,
  tryParseOpenSloDuration,
} from './duration';
import { OPENSLO_BUDGETING_METHODS, OpenSloBudgetingMethod } from './types';
import {
  JsonObject,
  Problems,
  REQUIRED,
  arrayField,
  at,
  checkDescription,
  checkUnknownFields,
  describeValue,
  get,
  has,
  isObject,
  join,
  mustBe,
  nameField,
  objectField,
  oneOfField,
  stringField,
  unitList,
} from './validationContext';
import { SliMetricKind, validateInlineIndicator } from './validateSli';
import {
  validateAlertPolicySpec,
  validateRefOrInline,
} from './validateAlerting';

const SLO_SPEC_FIELDS = [
  'description',
  'service',
  'indicator',
  'indicatorRef',
  'timeWindow',
  'budgetingMethod',
  'objectives',
  'alertPolicies',
];

const OBJECTIVE_FIELDS = [
  'displayName',
  'op',
  'value',
  'target',
  'targetPercent',
  'timeSliceTarget',
  'timeSliceWindow',
  'indicator',
  'indicatorRef',
  'compositeWeight',
];

const OPERATORS = ['lt', 'lte', 'gt', 'gte'] as const;

// Rolling windows need a fixed length; calendar windows are whole weeks, months, quarters
// or years, the periods the budget engine can align to (a calendar "day" period is not
// one of them).
const ROLLING_UNITS = ['m', 'h', 'd', 'w'];
const CALENDAR_UNITS = ['w', 'M', 'Q', 'Y'];
const WINDOW_UNITS = ['m', 'h', 'd', 'w', 'M', 'Q', 'Y'];
// Time slices are short and of fixed length; seconds are allowed here only.
const SLICE_UNITS = ['s', 'm', 'h', 'd', 'w'];

const entityValidator = makeValidator();

/** What the objectives' checks need to know about the window. */
type WindowInfo =
  | { kind: 'rolling'; durationMs: number; text: string }
  | { kind: 'calendar' }
  | undefined;

function validateService(problems: Problems, spec: JsonObject, path: string) {
  const service = stringField(problems, spec, path, 'service', {
    required: true,
  });
  if (service === undefined) {
    return;
  }
  let valid = false;
  try {
    // parseEntityRef accepts names the catalog would reject ("a:b:c" gives the name
    // "b:c"), so the parts are checked with the catalog's own rules as well.
    const ref = parseEntityRef(service, {
      defaultKind: 'component',
      defaultNamespace: 'default',
    });
    valid =
      entityValidator.isValidKind(ref.kind) &&
      entityValidator.isValidNamespace(ref.namespace) &&
      entityValidator.isValidEntityName(ref.name);
  } catch {
    valid = false;
  }
  if (!valid) {
    problems.add(
      join(path, 'service'),
      mustBe(
        'a Backstage entity reference, [kind:][namespace/]name (kind defaults to Component), e.g. checkout or system:default/payments',
        service,
      ),
    );
  }
}

function validateCalendar(
  problems: Problems,
  calendar: JsonObject,
  path: string,
): void {
  checkUnknownFields(problems, calendar, path, ['startTime', 'timeZone']);
  const timeZone = stringField(problems, calendar, path, 'timeZone', {
    required: true,
  });
  let zone: string | undefined;
  if (timeZone !== undefined) {
    if (isValidTimeZone(timeZone)) {
      zone = timeZone;
    } else {
      problems.add(
        join(path, 'timeZone'),
        mustBe('an IANA time zone name such as America/New_York', timeZone),
      );
    }
  }
  if (get(calendar, 'startTime') instanceof Date) {
    // A YAML 1.1 parser reads an unquoted 2022-01-01 12:00:00 as a UTC timestamp, which
    // loses the "local time in timeZone" meaning; the text must reach us as written.
    problems.add(
      join(path, 'startTime'),
      "must be a string such as '2022-01-01 12:00:00'; got a date (quote it in YAML)",
    );
    return;
  }
  const startTime = stringField(problems, calendar, path, 'startTime', {
    required: true,
  });
  // With a bad zone the start time is still checked for its format, in UTC, so that a
  // bad zone does not also make a good start time look wrong.
  if (
    startTime !== undefined &&
    !parseCalendarStartTime(startTime, zone ?? 'UTC')
  ) {
    problems.add(
      join(path, 'startTime'),
      mustBe(
        "a date-time such as '2022-01-01 12:00:00' (local time in timeZone) or ISO 8601",
        startTime,
      ),
    );
  }
}

function validateTimeWindowItem(
  problems: Problems,
  item: unknown,
  path: string,
): WindowInfo {
  if (!isObject(item)) {
    problems.add(
      path,
      mustBe('an object with duration, isRolling and calendar', item),
    );
    return undefined;
  }
  checkUnknownFields(problems, item, path, [
    'duration',
    'isRolling',
    'calendar',
  ]);

  // isRolling may be omitted: the spec says it is then false when a calendar is given.
  const isRolling = get(item, 'isRolling');
  const hasCalendar = has(item, 'calendar');
  let mode: 'rolling' | 'calendar' | undefined;
  if (isRolling === undefined) {
    if (hasCalendar) {
      mode = 'calendar';
    } else {
      problems.add(
        join(path, 'isRolling'),
        'required (true for a rolling window, or false with a calendar for a calendar-aligned window)',
      );
    }
  } else if (typeof isRolling !== 'boolean') {
    problems.add(join(path, 'isRolling'), mustBe('true or false', isRolling));
  } else if (isRolling) {
    mode = 'rolling';
    if (hasCalendar) {
      problems.add(
        join(path, 'calendar'),
        'must not be given when isRolling is true (a rolling window has no calendar)',
      );
    }
  } else {
    mode = 'calendar';
    if (!hasCalendar) {
      problems.add(
        join(path, 'calendar'),
        'required when isRolling is false (a calendar-aligned window needs startTime and timeZone); for a rolling window set isRolling: true',
      );
    }
  }

  if (hasCalendar && mode !== 'rolling') {
    const calendar = objectField(problems, item, path, 'calendar', true);
    if (calendar) {
      validateCalendar(problems, calendar, join(path, 'calendar'));
    }
  }

  const durationPath = join(path, 'duration');
  const text = get(item, 'duration');
  if (text === undefined) {
    problems.add(durationPath, REQUIRED);
    return undefined;
  }
  const duration = tryParseOpenSloDuration(text);
  if (!duration || !WINDOW_UNITS.includes(duration.unit)) {
    problems.add(
      durationPath,
      mustBe(
        `a duration: a positive integer followed by ${unitList(WINDOW_UNITS)}`,
        text,
      ),
    );
    return undefined;
  }
  if (mode === 'rolling') {
    if (!ROLLING_UNITS.includes(duration.unit)) {
      problems.add(
        durationPath,
        mustBe(
          `a fixed length for a rolling window, in ${unitList(
            ROLLING_UNITS,
          )} (months, quarters and years are calendar windows)`,
          text,
        ),
      );
      return undefined;
    }
    const durationMs = safeDurationMs(duration);
    if (durationMs === undefined) {
      problems.add(durationPath, mustBe('a shorter duration', text));
      return undefined;
    }
    return { kind: 'rolling', durationMs, text: String(text) };
  }
  if (mode === 'calendar') {
    if (!CALENDAR_UNITS.includes(duration.unit)) {
      problems.add(
        durationPath,
        mustBe(
          `whole calendar periods for a calendar window, in ${unitList(
            CALENDAR_UNITS,
          )} (e.g. 1M); use isRolling: true for a window of days`,
          text,
        ),
      );
      return undefined;
    }
    return { kind: 'calendar' };
  }
  return undefined;
}

function safeDurationMs(duration: OpenSloDuration): number | undefined {
  try {
    return durationToMs(duration);
  } catch {
    return undefined;
  }
}

function validateTimeWindow(
  problems: Problems,
  spec: JsonObject,
  path: string,
): WindowInfo {
  // The spec lets implementations default the window; the suite has no default to offer,
  // and an error budget cannot be sized without one, so it is required here.
  const windows = arrayField(problems, spec, path, 'timeWindow', true);
  if (!windows) {
    return undefined;
  }
  const windowsPath = join(path, 'timeWindow');
  if (windows.length !== 1) {
    problems.add(
      windowsPath,
      `must have exactly one item (a rolling or a calendar-aligned window); got ${windows.length}`,
    );
    return undefined;
  }
  return validateTimeWindowItem(problems, windows[0], at(windowsPath, 0));
}

/** The number in (low, high) or (low, high], else a message naming the range. */
function checkRange(
  problems: Problems,
  obj: JsonObject,
  path: string,
  key: string,
  low: number,
  high: number,
  highInclusive: boolean,
): number | undefined {
  const value = get(obj, key);
  const ok =
    typeof value === 'number' &&
    value > low &&
    (highInclusive ? value <= high : value < high);
  if (!ok) {
    problems.add(
      join(path, key),
      `must be a number ${
        highInclusive
          ? `greater than ${low} and at most ${high}`
          : `between ${low} and ${high} (exclusive)`
      }; got ${describeValue(value)}`,
    );
    return undefined;
  }
  return value as number;
}

function validateTimeSliceWindow(
  problems: Problems,
  objective: JsonObject,
  path: string,
  window: WindowInfo,
): void {
  const value = get(objective, 'timeSliceWindow');
  let sliceMs: number | undefined;
  // The spec allows a plain number, read as minutes.
  if (typeof value === 'number') {
    sliceMs =
      Number.isSafeInteger(value) && value > 0 ? value * 60_000 : undefined;
  } else {
    const duration = tryParseOpenSloDuration(value);
    sliceMs =
      duration && SLICE_UNITS.includes(duration.unit)
        ? safeDurationMs(duration)
        : undefined;
  }
  const slicePath = join(path, 'timeSliceWindow');
  if (sliceMs === undefined) {
    problems.add(
      slicePath,
      mustBe(
        `a duration (a positive integer followed by ${unitList(
          SLICE_UNITS,
        )}) or a whole number of minutes`,
        value,
      ),
    );
    return;
  }
  if (window?.kind === 'rolling' && sliceMs > window.durationMs) {
    problems.add(
      slicePath,
      mustBe(`at most the time window (${window.text})`, value),
    );
  }
}

interface ObjectiveContext {
  method: OpenSloBudgetingMethod | undefined;
  window: WindowInfo;
  /** The SLO-level indicator's kind, when it is inline. */
  sloIndicator: SliMetricKind | undefined;
  composite: boolean;
}

/**
 * `op` and `value`: the spec says they are "only needed when using a thresholdMetric".
 * With a threshold SLI both are required (they define a good value); with a ratio SLI they
 * have no effect, so giving them is a warning; with an SLI known only by reference (or an
 * invalid one) nothing can be required, and a lone op or value is a warning. A malformed
 * op or value is an error wherever it stands.
 */
function validateComparison(
  problems: Problems,
  objective: JsonObject,
  path: string,
  indicatorKind: SliMetricKind | undefined,
): void {
  const hasOp = has(objective, 'op');
  const hasValue = has(objective, 'value');
  oneOfField(problems, objective, path, 'op', OPERATORS, false);
  if (hasValue) {
    const value = get(objective, 'value');
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      problems.add(join(path, 'value'), mustBe('a number', value));
    }
  }
  if (indicatorKind === 'ratio') {
    for (const key of ['op', 'value'] as const) {
      if (has(objective, key)) {
        problems.warn(
          join(path, key),
          'has no effect with a ratioMetric indicator (op and value compare the values of a thresholdMetric); it is ignored',
        );
      }
    }
    return;
  }
  const required = indicatorKind === 'threshold';
  const report = required
    ? problems.add.bind(problems)
    : problems.warn.bind(problems);
  const unknownKind = required
    ? ''
    : ' if its indicator is a thresholdMetric (a ratioMetric ignores both)';
  if (hasOp && !hasValue) {
    report(join(path, 'value'), `required when op is given${unknownKind}`);
  } else if (hasValue && !hasOp) {
    report(
      join(path, 'op'),
      `required when value is given${unknownKind} (one of: ${OPERATORS.join(
        ', ',
      )})`,
    );
  } else if (!hasOp && !hasValue && required) {
    problems.add(
      path,
      'op and value are required with a thresholdMetric indicator (they define a good value)',
    );
  }
}

/** Returns the objective's name when it can be determined, for the uniqueness check. */
function validateObjective(
  problems: Problems,
  objective: unknown,
  path: string,
  index: number,
  context: ObjectiveContext,
): string | undefined {
  if (!isObject(objective)) {
    problems.add(path, mustBe('an object', objective));
    return undefined;
  }
  checkUnknownFields(problems, objective, path, OBJECTIVE_FIELDS);
  const hasDisplayName = has(objective, 'displayName');
  const displayName = stringField(problems, objective, path, 'displayName', {
    required: false,
  });

  // Indicator per objective: composite SLOs only (the SLO-level check decides which).
  let indicatorKind = context.sloIndicator;
  if (context.composite) {
    const hasIndicator = has(objective, 'indicator');
    const hasRef = has(objective, 'indicatorRef');
    if (hasIndicator === hasRef) {
      problems.add(
        path,
        `exactly one of indicator or indicatorRef is required${
          hasIndicator ? '; got both' : ''
        } (in a composite SLO every objective names its indicator)`,
      );
    }
    indicatorKind = hasIndicator
      ? validateInlineIndicator(
          problems,
          get(objective, 'indicator'),
          join(path, 'indicator'),
        )
      : undefined;
    nameField(problems, objective, path, 'indicatorRef', false);
    if (has(objective, 'compositeWeight')) {
      const weight = get(objective, 'compositeWeight');
      if (typeof weight !== 'number' || !(weight > 0) || weight === Infinity) {
        problems.add(
          join(path, 'compositeWeight'),
          mustBe('a number greater than 0', weight),
        );
      }
    }
  } else if (has(objective, 'compositeWeight')) {
    problems.add(
      join(path, 'compositeWeight'),
      'only allowed in a composite SLO (objectives with their own indicator or indicatorRef)',
    );
  }

  validateComparison(problems, objective, path, indicatorKind);

  // Targets: 0 and 1 (0 % and 100 %) are excluded, they leave no room for either good or
  // bad events, so the error budget would be all or nothing.
  const hasTarget = has(objective, 'target');
  const hasPercent = has(objective, 'targetPercent');
  if (hasTarget && hasPercent) {
    problems.add(
      path,
      'exactly one of target or targetPercent is required; got both',
    );
  } else if (!hasTarget && !hasPercent) {
    problems.add(path, 'exactly one of target or targetPercent is required');
  } else if (hasTarget) {
    checkRange(problems, objective, path, 'target', 0, 1, false);
  } else {
    checkRange(problems, objective, path, 'targetPercent', 0, 100, false);
  }

  // Time slices: required by the methods that use them, and refused by the others, where
  // they would be silently ignored and suggest a different method was meant.
  const { method } = context;
  if (has(objective, 'timeSliceTarget')) {
    if (method !== undefined && method !== 'Timeslices') {
      problems.add(
        join(path, 'timeSliceTarget'),
        `only used with budgetingMethod Timeslices; got budgetingMethod ${method}`,
      );
    } else {
      checkRange(problems, objective, path, 'timeSliceTarget', 0, 1, true);
    }
  } else if (method === 'Timeslices') {
    problems.add(
      join(path, 'timeSliceTarget'),
      'required when budgetingMethod is Timeslices (the fraction of good events that makes a slice good)',
    );
  }
  const usesSlices = method === 'Timeslices' || method === 'RatioTimeslices';
  if (has(objective, 'timeSliceWindow')) {
    if (method !== undefined && !usesSlices) {
      problems.add(
        join(path, 'timeSliceWindow'),
        `only used with budgetingMethod Timeslices or RatioTimeslices; got budgetingMethod ${method}`,
      );
    } else {
      validateTimeSliceWindow(problems, objective, path, context.window);
    }
  } else if (usesSlices) {
    problems.add(
      join(path, 'timeSliceWindow'),
      `required when budgetingMethod is ${method} (the length of a time slice, e.g. 1m)`,
    );
  }

  if (hasDisplayName) {
    return displayName;
  }
  return defaultObjectiveName(index);
}

/**
 * The name of an objective without displayName: `objective-<position>`, counted from 1.
 *
 * @internal
 */
export function defaultObjectiveName(index: number): string {
  return `objective-${index + 1}`;
}

function validateObjectives(
  problems: Problems,
  spec: JsonObject,
  path: string,
  context: ObjectiveContext,
): void {
  const objectives = arrayField(problems, spec, path, 'objectives', true);
  if (!objectives) {
    return;
  }
  const objectivesPath = join(path, 'objectives');
  if (objectives.length === 0) {
    problems.add(objectivesPath, 'must list at least one objective');
    return;
  }
  // Objective names identify results and alerts, so two objectives must not share one.
  const seen = new Map<string, number>();
  objectives.forEach((objective, index) => {
    const objectivePath = at(objectivesPath, index);
    const name = validateObjective(
      problems,
      objective,
      objectivePath,
      index,
      context,
    );
    if (name === undefined) {
      return;
    }
    const first = seen.get(name);
    if (first === undefined) {
      seen.set(name, index);
      return;
    }
    const named = isObject(objective) && has(objective, 'displayName');
    problems.add(
      named ? join(objectivePath, 'displayName') : objectivePath,
      `duplicate objective name '${name}', also used by ${at(
        objectivesPath,
        first,
      )} (an objective is named by its displayName, or objective-<position> without one); objective names must be unique within an SLO`,
    );
  });
}

/** Whether any objective names its own indicator, which makes the SLO composite. */
function isComposite(spec: JsonObject): boolean {
  const objectives = get(spec, 'objectives');
  return (
    Array.isArray(objectives) &&
    objectives.some(
      o => isObject(o) && (has(o, 'indicator') || has(o, 'indicatorRef')),
    )
  );
}

/**
 * The SLO's indicator: exactly one of indicator or indicatorRef on the SLO, or (composite
 * SLOs) on every objective instead. Returns the inline indicator's kind, if any.
 */
function validateSloIndicator(
  problems: Problems,
  spec: JsonObject,
  path: string,
  composite: boolean,
): SliMetricKind | undefined {
  const hasIndicator = has(spec, 'indicator');
  const hasRef = has(spec, 'indicatorRef');
  if (composite) {
    if (hasIndicator || hasRef) {
      problems.add(
        path,
        'indicator or indicatorRef must be given either on the SLO or on every objective (a composite SLO), not both',
      );
    }
  } else if (hasIndicator === hasRef) {
    problems.add(
      path,
      `exactly one of indicator or indicatorRef is required${
        hasIndicator ? '; got both' : ''
      }`,
    );
  }
  nameField(problems, spec, path, 'indicatorRef', false);
  if (!hasIndicator) {
    return undefined;
  }
  return validateInlineIndicator(
    problems,
    get(spec, 'indicator'),
    join(path, 'indicator'),
  );
}

/** Checks an SLO's spec at `path`. */
export function validateSloSpec(
  problems: Problems,
  spec: JsonObject,
  path: string,
): void {
  checkUnknownFields(problems, spec, path, SLO_SPEC_FIELDS);
  checkDescription(problems, spec, path);
  validateService(problems, spec, path);
  const composite = isComposite(spec);
  const sloIndicator = validateSloIndicator(problems, spec, path, composite);
  const method = oneOfField(
    problems,
    spec,
    path,
    'budgetingMethod',
    OPENSLO_BUDGETING_METHODS,
    true,
  );
  const window = validateTimeWindow(problems, spec, path);
  validateObjectives(problems, spec, path, {
    method,
    window,
    sloIndicator,
    composite,
  });

  // An empty key (`alertPolicies:` with nothing under it, as in the spec's examples) is
  // null: no alert policies.
  const policies =
    get(spec, 'alertPolicies') === null
      ? undefined
      : arrayField(problems, spec, path, 'alertPolicies', false);
  policies?.forEach((policy, index) =>
    validateRefOrInline(
      problems,
      policy,
      at(join(path, 'alertPolicies'), index),
      {
        refKey: 'alertPolicyRef',
        kind: 'AlertPolicy',
        validateSpec: validateAlertPolicySpec,
      },
    ),
  );
}
