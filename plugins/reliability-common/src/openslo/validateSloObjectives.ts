// An SLO's objectives: targets, comparisons, time slices and unique names.
import { tryParseOpenSloDuration } from './duration';
import { OpenSloBudgetingMethod } from './types';
import {
  JsonObject,
  Problems,
  arrayField,
  at,
  checkUnknownFields,
  describeValue,
  get,
  has,
  isObject,
  join,
  mustBe,
  nameField,
  oneOfField,
  stringField,
  unitList,
} from './validationContext';
import { SliMetricKind, validateInlineIndicator } from './validateSli';
import { WindowInfo, safeDurationMs } from './validateSloTimeWindow';

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

// Time slices are short and of fixed length; seconds are allowed here only.
const SLICE_UNITS = ['s', 'm', 'h', 'd', 'w'];

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

export function validateObjectives(
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
