import { HOUR } from './__testUtils__/buckets';
import { forecastExhaustion } from './forecast';

const START = Date.UTC(2026, 0, 1);

describe('forecastExhaustion', () => {
  it('extrapolates the average consumption rate of the window so far', () => {
    // A quarter of the budget in an hour: the other three quarters last three hours.
    expect(forecastExhaustion(0.25, START, START + HOUR)).toBe(
      START + 4 * HOUR,
    );
  });

  it('is the evaluation time once the budget is spent or overspent', () => {
    expect(forecastExhaustion(1, START, START + HOUR)).toBe(START + HOUR);
    expect(forecastExhaustion(3.5, START, START + HOUR)).toBe(START + HOUR);
  });

  it('is null when nothing is being consumed', () => {
    expect(forecastExhaustion(0, START, START + HOUR)).toBeNull();
    expect(forecastExhaustion(0, START, START)).toBeNull();
  });

  it('is not capped at the end of a calendar period', () => {
    // 1 % in 10 days: 990 more days, far beyond any period end.
    const day = 24 * HOUR;
    expect(forecastExhaustion(0.01, START, START + 10 * day)).toBe(
      START + 1000 * day,
    );
  });
});
