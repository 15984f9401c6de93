import { iso } from './iso';

describe('iso', () => {
  it('writes an instant in UTC, to the millisecond', () => {
    expect(iso(Date.UTC(2026, 0, 2, 3, 4, 5, 6))).toBe(
      '2026-01-02T03:04:05.006Z',
    );
    expect(iso(0)).toBe('1970-01-01T00:00:00.000Z');
  });

  it('answers null where there is no instant', () => {
    expect(iso(null)).toBeNull();
    expect(iso(undefined)).toBeNull();
  });
});
