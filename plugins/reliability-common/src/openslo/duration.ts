import { InputError } from '@backstage/errors';

/**
 * Units of the OpenSLO duration shorthand. The spec defines m, h, d, w, M, Q and Y; `s` is
 * accepted too because time slices shorter than a minute are common.
 *
 * @public
 */
export type OpenSloDurationUnit = 's' | 'm' | 'h' | 'd' | 'w' | 'M' | 'Q' | 'Y';

/** @public */
export interface OpenSloDuration {
  amount: number;
  unit: OpenSloDurationUnit;
}

// At most 15 digits keeps the amount a safe integer; the unit is case-sensitive (m is a
// minute, M a month), as in the spec. No sign, spaces or fractions: the spec says "a
// positive integer followed by a single-character postfix".
const DURATION_PATTERN = /^([0-9]{1,15})([smhdwMQY])$/;

const FIXED_UNIT_MS: Partial<Record<OpenSloDurationUnit, number>> = {
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  // Days and weeks count as 24 h and 7 × 24 h: rolling windows have a fixed length, DST
  // shifts of the wall clock do not change how much time they cover.
  d: 86_400_000,
  w: 604_800_000,
};

/**
 * Reads a duration shorthand, or returns undefined when the text is not one. Used by the
 * validator, which must not throw.
 *
 * @internal
 */
export function tryParseOpenSloDuration(
  text: unknown,
): OpenSloDuration | undefined {
  if (typeof text !== 'string') {
    return undefined;
  }
  const match = DURATION_PATTERN.exec(text);
  if (!match) {
    return undefined;
  }
  const amount = Number(match[1]);
  if (amount <= 0) {
    return undefined;
  }
  return { amount, unit: match[2] as OpenSloDurationUnit };
}

/**
 * Parses an OpenSLO duration shorthand such as `28d`, `1M` or `30s`.
 *
 * @throws InputError when the text is not a positive integer followed by one of
 * s, m, h, d, w, M, Q, Y.
 * @public
 */
export function parseOpenSloDuration(text: string): OpenSloDuration {
  const duration = tryParseOpenSloDuration(text);
  if (!duration) {
    throw new InputError(
      `Invalid OpenSLO duration '${String(text).slice(
        0,
        80,
      )}'; expected a positive integer followed by s, m, h, d, w, M, Q or Y, e.g. 28d`,
    );
  }
  return duration;
}

/** Whether the unit has a fixed length (s, m, h, d, w), as opposed to M, Q, Y. @public */
export function isFixedDurationUnit(unit: OpenSloDurationUnit): boolean {
  return FIXED_UNIT_MS[unit] !== undefined;
}

/**
 * The length of a fixed-unit duration in milliseconds.
 *
 * @throws InputError for M, Q and Y: months, quarters and years are calendar units whose
 * length depends on where they start, so they have no single length in ms. Also throws
 * when the result would not be a safe integer.
 * @public
 */
export function durationToMs(duration: OpenSloDuration): number {
  const unitMs = FIXED_UNIT_MS[duration.unit];
  if (unitMs === undefined) {
    throw new InputError(
      `Duration ${duration.amount}${duration.unit} uses a calendar unit (M, Q or Y) and has no fixed length in milliseconds`,
    );
  }
  const ms = duration.amount * unitMs;
  if (!Number.isSafeInteger(ms) || ms <= 0) {
    throw new InputError(
      `Duration ${duration.amount}${duration.unit} is not a positive length that fits in milliseconds`,
    );
  }
  return ms;
}
