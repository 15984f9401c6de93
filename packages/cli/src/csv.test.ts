import { parseCsv, parseSliCsv } from './csv';

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

describe('parseCsv', () => {
  it('reads plain cells, keeping empty ones and surrounding spaces', () => {
    expect(parseCsv('a,b,c\n1,,3 \n,,\n')).toEqual([
      { line: 1, cells: ['a', 'b', 'c'] },
      { line: 2, cells: ['1', '', '3 '] },
      { line: 3, cells: ['', '', ''] },
    ]);
  });

  it('reads quoted cells with commas, doubled quotes and line breaks', () => {
    expect(
      parseCsv(
        'title,summary\n"Cart, web","He said ""retry""\nthen\r\nstopped"\nlast,""\n',
      ),
    ).toEqual([
      { line: 1, cells: ['title', 'summary'] },
      { line: 2, cells: ['Cart, web', 'He said "retry"\nthen\nstopped'] },
      // Lines are counted in the file, so the record after a 3-line cell starts on line 5.
      { line: 5, cells: ['last', ''] },
    ]);
  });

  it('drops a byte-order mark, reads CRLF and skips empty lines', () => {
    expect(parseCsv('\uFEFFa,b\r\n\r\n1,2\r\n\n3,4')).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 3, cells: ['1', '2'] },
      { line: 5, cells: ['3', '4'] },
    ]);
  });

  it('keeps a line holding only an empty quoted cell', () => {
    expect(parseCsv('a\n""\n')).toEqual([
      { line: 1, cells: ['a'] },
      { line: 2, cells: [''] },
    ]);
  });

  it('reads a quote inside an unquoted cell as a character', () => {
    expect(parseCsv('5" screen,x')).toEqual([
      { line: 1, cells: ['5" screen', 'x'] },
    ]);
  });

  it('names the line of a quote that is never closed', () => {
    expect(() => parseCsv('a,b\n1,"open\n2,3\n')).toThrow(
      'line 2: a quoted cell is never closed (a missing ")',
    );
  });

  it('names the line of text after a closing quote', () => {
    expect(() => parseCsv('a,b\n"x\ny"z,1\n')).toThrow(
      /^line 3: text after the closing quote of a quoted cell/,
    );
  });

  it('reads nothing from an empty file', () => {
    expect(parseCsv('')).toEqual([]);
    expect(parseCsv('\uFEFF\n\n')).toEqual([]);
  });
});
