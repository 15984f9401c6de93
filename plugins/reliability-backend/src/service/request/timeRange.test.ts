import { optionalInstant, parseTimeRange } from './timeRange';

describe('time ranges of a request', () => {
  it('reads an instant with its zone', () => {
    expect(optionalInstant('2026-03-01T10:00:00+01:00')).toBe(
      Date.UTC(2026, 2, 1, 9),
    );
    expect(optionalInstant(undefined)).toBeUndefined();
  });

  it('reads either end, or neither', () => {
    expect(
      parseTimeRange({
        from: '2026-01-01T00:00:00Z',
        to: '2026-02-01T00:00:00Z',
      }),
    ).toEqual({ from: Date.UTC(2026, 0, 1), to: Date.UTC(2026, 1, 1) });
    expect(parseTimeRange({ to: '2026-02-01T00:00:00Z' })).toEqual({
      from: undefined,
      to: Date.UTC(2026, 1, 1),
    });
    expect(parseTimeRange({})).toEqual({ from: undefined, to: undefined });
  });
});
