import { InputError } from '@backstage/errors';
import type {
  BudgetingMethod,
  CalendarUnit,
  ObjectiveDefinition,
  SloWindow,
} from '../budget/types';
import { parseCalendarStartTime } from './calendar';
import {
  OpenSloDurationUnit,
  durationToMs,
  parseOpenSloDuration,
} from './duration';
import { OpenSloObjective, OpenSloSlo, OpenSloTimeWindow } from './types';
import { validateOpenSloDocument } from './validate';
import { defaultObjectiveName } from './validateSloObjectives';

/** What the error-budget engine needs of an SLO. @public */
export interface SloDefinition {
  budgetingMethod: BudgetingMethod;
  window: SloWindow;
  objectives: ObjectiveDefinition[];
}

const CALENDAR_UNITS: Partial<Record<OpenSloDurationUnit, CalendarUnit>> = {
  w: 'Week',
  M: 'Month',
  Q: 'Quarter',
  Y: 'Year',
};

function toWindow(timeWindow: OpenSloTimeWindow): SloWindow {
  const duration = parseOpenSloDuration(timeWindow.duration);
  if (timeWindow.isRolling === true) {
    return { kind: 'rolling', durationMs: durationToMs(duration) };
  }
  // Validation guarantees a calendar, a w/M/Q/Y unit and a start time that parses.
  const calendar = timeWindow.calendar!;
  const unit = CALENDAR_UNITS[duration.unit]!;
  const start = parseCalendarStartTime(calendar.startTime, calendar.timeZone)!;
  return {
    kind: 'calendar',
    unit,
    count: duration.amount,
    // Converted to ISO 8601 with the zone's offset at that moment, so the engine need not
    // know the spec's zone-less format: 2022-01-01 12:00:00 in America/New_York becomes
    // 2022-01-01T12:00:00.000-05:00.
    startTime: start.toISO()!,
    timeZone: calendar.timeZone,
  };
}

/**
 * targetPercent / 100 without binary noise: 99.9 / 100 is 0.9990000000000001 in floating
 * point, while reading the decimal "99.9e-2" gives the closest number to 0.999.
 */
function percentToFraction(percent: number): number {
  const text = String(percent);
  return text.includes('e') ? percent / 100 : Number(`${text}e-2`);
}

function sliceWindowMs(value: string | number): number {
  // A plain number is minutes, as the spec says.
  return typeof value === 'number'
    ? value * 60_000
    : durationToMs(parseOpenSloDuration(value));
}

function toObjective(
  objective: OpenSloObjective,
  index: number,
  method: BudgetingMethod,
): ObjectiveDefinition {
  const definition: ObjectiveDefinition = {
    name: objective.displayName ?? defaultObjectiveName(index),
    target:
      objective.target ?? percentToFraction(objective.targetPercent as number),
  };
  if (method === 'Timeslices') {
    definition.timeSliceTarget = objective.timeSliceTarget;
  }
  if (method !== 'Occurrences' && objective.timeSliceWindow !== undefined) {
    definition.timeSliceWindowMs = sliceWindowMs(objective.timeSliceWindow);
  }
  return definition;
}

/**
 * Converts an OpenSLO SLO into the error-budget engine's definition.
 *
 * - A rolling window becomes `{ kind: 'rolling', durationMs }`; a calendar window becomes
 *   `{ kind: 'calendar', unit, count, startTime, timeZone }`, with the unit from w, M, Q, Y
 *   (Week, Month, Quarter, Year), `count` the duration's amount and `startTime` in ISO 8601
 *   with the zone's offset.
 * - An objective's `target` is `target`, or `targetPercent / 100`.
 * - An objective's name is its `displayName`, or `objective-<position>` (counting from 1)
 *   without one; validation makes the names unique within the SLO.
 * - `timeSliceTarget` is kept for Timeslices; `timeSliceWindowMs` for Timeslices and
 *   RatioTimeslices (a plain number of `timeSliceWindow` is minutes).
 *
 * @throws InputError when the SLO does not pass `validateOpenSloDocument`, naming every
 * problem: converting an invalid document would give a wrong budget, not an error.
 * @public
 */
export function toSloDefinition(slo: OpenSloSlo): SloDefinition {
  const problems = validateOpenSloDocument(slo);
  if (problems.length > 0) {
    throw new InputError(
      `Invalid OpenSLO SLO: ${problems
        .map(p => `${p.path}: ${p.message}`)
        .join('; ')}`,
    );
  }
  if (slo.kind !== 'SLO') {
    throw new InputError(`Expected an OpenSLO SLO; got kind ${slo.kind}`);
  }
  const budgetingMethod = slo.spec.budgetingMethod;
  return {
    budgetingMethod,
    window: toWindow(slo.spec.timeWindow[0]),
    objectives: slo.spec.objectives.map((objective, index) =>
      toObjective(objective, index, budgetingMethod),
    ),
  };
}
