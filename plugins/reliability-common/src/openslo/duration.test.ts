import { InputError } from '@backstage/errors';
import fc from 'fast-check';
import {
  durationToMs,
  isFixedDurationUnit,
  parseOpenSloDuration,
  tryParseOpenSloDuration,
} from './duration';

describe('parseOpenSloDuration', () => {
  it.each([
    ['30s', 30, 's'],
    ['5m', 5, 'm'],
    ['12h', 12, 'h'],
    ['28d', 28, 'd'],
    ['4w', 4, 'w'],
    ['1M', 1, 'M'],
    ['1Q', 1, 'Q'],
    ['1Y', 1, 'Y'],
    ['365d', 365, 'd'],
  ])('reads %s', (text, amount, unit) => {
    expect(parseOpenSloDuration(text)).toEqual({ amount, unit });
  });

  it.each([
    '',
    'd',
    '0d',
    '-1d',
    '+1d',
    '1.5h',
    '1 d',
    ' 1d',
    '1d ',
    '1D',
    '1W',
    '1y',
    '1q',
    '1ms',
    '1dd',
    'P1D',
    '1234567890123456d',
  ])('rejects %p with an InputError', text => {
    expect(() => parseOpenSloDuration(text)).toThrow(InputError);
    expect(() => parseOpenSloDuration(text)).toThrow(
      /expected a positive integer followed by s, m, h, d, w, M, Q or Y/,
    );
  });

  it('is case-sensitive: m is minutes, M is months', () => {
    expect(parseOpenSloDuration('1m').unit).toBe('m');
    expect(parseOpenSloDuration('1M').unit).toBe('M');
  });

  it('returns undefined instead of throwing in the lenient variant', () => {
    expect(tryParseOpenSloDuration(42)).toBeUndefined();
    expect(tryParseOpenSloDuration(null)).toBeUndefined();
    expect(tryParseOpenSloDuration('x'.repeat(1_000_000))).toBeUndefined();
  });

  it('round-trips every valid duration (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
        fc.constantFrom('s', 'm', 'h', 'd', 'w', 'M', 'Q', 'Y'),
        (amount, unit) => {
          const text = `${amount}${unit}`;
          fc.pre(text.length <= 16);
          expect(parseOpenSloDuration(text)).toEqual({ amount, unit });
        },
      ),
    );
  });
});

describe('durationToMs', () => {
  it.each([
    ['30s', 30_000],
    ['5m', 300_000],
    ['2h', 7_200_000],
    ['28d', 28 * 86_400_000],
    ['1w', 604_800_000],
  ])('converts %s', (text, ms) => {
    expect(durationToMs(parseOpenSloDuration(text))).toBe(ms);
  });

  it.each(['1M', '1Q', '1Y'])('throws for the calendar unit of %s', text => {
    expect(() => durationToMs(parseOpenSloDuration(text))).toThrow(
      /calendar unit \(M, Q or Y\) and has no fixed length/,
    );
  });

  it('throws when the length does not fit in a safe integer', () => {
    expect(() =>
      durationToMs({ amount: 999_999_999_999_999, unit: 'w' }),
    ).toThrow(InputError);
  });

  it('tells fixed units from calendar units', () => {
    expect(
      ['s', 'm', 'h', 'd', 'w'].every(u => isFixedDurationUnit(u as any)),
    ).toBe(true);
    expect(['M', 'Q', 'Y'].some(u => isFixedDurationUnit(u as any))).toBe(
      false,
    );
  });
});
