// The SLO's time window: one rolling or calendar-aligned window, validated for the engine.
import { isValidTimeZone, parseCalendarStartTime } from './calendar';
import {
  OpenSloDuration,
  durationToMs,
  tryParseOpenSloDuration,
} from './duration';

import {
  JsonObject,
  Problems,
  REQUIRED,
  arrayField,
  at,
  checkUnknownFields,
  get,
  has,
  isObject,
  join,
  mustBe,
  objectField,
  stringField,
  unitList,
} from './validationContext';

// Rolling windows need a fixed length; calendar windows are whole weeks, months, quarters
// or years, the periods the budget engine can align to (a calendar "day" period is not
// one of them).
const ROLLING_UNITS = ['m', 'h', 'd', 'w'];
const CALENDAR_UNITS = ['w', 'M', 'Q', 'Y'];
const WINDOW_UNITS = ['m', 'h', 'd', 'w', 'M', 'Q', 'Y'];

/** What the objectives' checks need to know about the window. */
export type WindowInfo =
  | { kind: 'rolling'; durationMs: number; text: string }
  | { kind: 'calendar' }
  | undefined;

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

export function safeDurationMs(duration: OpenSloDuration): number | undefined {
  try {
    return durationToMs(duration);
  } catch {
    return undefined;
  }
}

export function validateTimeWindow(
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
