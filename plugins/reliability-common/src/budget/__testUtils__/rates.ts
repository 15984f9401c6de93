import fc from 'fast-check';
import type { BurnWindow } from '../types';

export type Rates = Record<BurnWindow, number | null>;

/** Burn rates, 0 in every window but those given. */
export const rates = (overrides: Partial<Rates> = {}): Rates => ({
  '5m': 0,
  '30m': 0,
  '1h': 0,
  '2h': 0,
  '6h': 0,
  '1d': 0,
  '3d': 0,
  ...overrides,
});

/**
 * Any burn rates, or no data, window by window: often near the thresholds and the
 * half-budget line (0.5×), where uniform draws would rarely land.
 */
const rate = fc.option(
  fc.oneof(
    fc.constantFrom(0.2, 0.24, 0.3, 0.45, 0.5, 0.51, 0.7, 0.94, 1, 1.5, 3.4),
    fc.double({ min: 0, max: 50, noNaN: true }),
  ),
  { nil: null },
);
export const ratesArb: fc.Arbitrary<Rates> = fc.record({
  '5m': rate,
  '30m': rate,
  '1h': rate,
  '2h': rate,
  '6h': rate,
  '1d': rate,
  '3d': rate,
});
