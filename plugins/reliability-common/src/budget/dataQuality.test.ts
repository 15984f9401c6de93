import { HOUR } from './__testUtils__/buckets';
import { MIN_COVERAGE, assessDataQuality, dataCoverage } from './dataQuality';

describe('assessDataQuality', () => {
  it("is 'no-data' without a single event, however much time is covered", () => {
    expect(assessDataQuality(0, 10 * HOUR, 0)).toBe('no-data');
    expect(assessDataQuality(0, 0, 0)).toBe('no-data');
    expect(assessDataQuality(10 * HOUR, 10 * HOUR, 0)).toBe('no-data');
  });

  it("is 'partial' below 90 % coverage of the elapsed window and 'ok' from it", () => {
    expect(MIN_COVERAGE).toBe(0.9);
    expect(assessDataQuality(9 * HOUR - 1, 10 * HOUR, 5)).toBe('partial');
    expect(assessDataQuality(9 * HOUR, 10 * HOUR, 5)).toBe('ok');
    expect(assessDataQuality(10 * HOUR, 10 * HOUR, 5)).toBe('ok');
  });
});

describe('dataCoverage', () => {
  it('is the covered share of the elapsed window, from 0 to 1', () => {
    expect(dataCoverage(0, 10 * HOUR)).toBe(0);
    expect(dataCoverage(HOUR, 0)).toBe(0);
    expect(dataCoverage(4 * HOUR, 10 * HOUR)).toBeCloseTo(0.4, 12);
    expect(dataCoverage(10 * HOUR, 10 * HOUR)).toBe(1);
    // Buckets reaching past the elapsed part never make more than the whole window.
    expect(dataCoverage(11 * HOUR, 10 * HOUR)).toBe(1);
  });
});
