import { parseSliCsv } from './csv';

describe('parseSliCsv', () => {
  it('reads good,total and good,bad files', () => {
    expect(
      parseSliCsv(
        'timestamp,good,total\n2026-11-01T00:00:00Z,9,10\n1793491260000,5,5\n',
      ),
    ).toEqual([
      { line: 2, timestamp: Date.UTC(2026, 10, 1), good: 9, total: 10 },
      { line: 3, timestamp: 1793491260000, good: 5, total: 5 },
    ]);
    expect(
      parseSliCsv('timestamp,good,bad\r\n2026-11-01T00:00:00+01:00,9,1'),
    ).toEqual([
      { line: 2, timestamp: Date.UTC(2026, 9, 31, 23), good: 9, total: 10 },
    ]);
  });

  it('rejects a wrong header', () => {
    expect(() => parseSliCsv('time,ok,all\n')).toThrow(
      "line 1: the header must be 'timestamp,good,total' or 'timestamp,good,bad'; got 'time,ok,all'",
    );
  });

  it('names the line and column of every bad cell', () => {
    expect(() =>
      parseSliCsv(
        [
          'timestamp,good,total',
          '2026-11-01 00:00,1,1',
          '2026-11-01T00:00:00Z,-1,2',
          '2026-11-01T00:00:00Z,3,2',
          '2026-11-01T00:00:00Z,1.5,NaN',
          '2026-11-01T00:00:00Z,1',
        ].join('\n'),
      ),
    ).toThrow(
      [
        "line 2, timestamp: '2026-11-01 00:00' is not an ISO 8601 date-time with a zone or epoch milliseconds",
        "line 3, good: '-1' is not a whole number from 0 to 1000000000000",
        'line 4, good: 3 exceeds total 2',
        "line 5, good: '1.5' is not a whole number from 0 to 1000000000000",
        "line 5, total: 'NaN' is not a whole number from 0 to 1000000000000",
        'line 6: expected 3 columns, got 2',
      ].join('\n'),
    );
  });
});
