import fc from 'fast-check';
import { parseCsv, parseSliCsv } from './csv';

/**
 * Hostile input for the CLI's CSV readers: on any text they either return rows or fail
 * with an Error that names a line, never with anything else (a TypeError, a RangeError,
 * a hang), and what they return holds only sound values.
 */

/** Text made mostly of the characters CSV cares about, plus anything at all. */
const csvText = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc
    .array(
      fc.oneof(
        fc.constantFrom(',', '"', '""', '\n', '\r\n', '\r', '\uFEFF', ' '),
        fc.string({ maxLength: 5 }),
      ),
      { maxLength: 80 },
    )
    .map(parts => parts.join('')),
);

/** A number cell of any sort, sound or not. */
const numberCell = fc.oneof(
  fc.nat().map(String),
  fc.constantFrom(
    '1e308',
    String(Number.MAX_SAFE_INTEGER + 2),
    '9'.repeat(400),
    'NaN',
    'Infinity',
    '-1',
    '1.5',
    '0x10',
    '',
    '٣', // Arabic-Indic three
    '\u0000',
  ),
);
const timestampCell = fc.oneof(
  fc
    .date({
      min: new Date('0001-01-01T00:00:00Z'),
      max: new Date('9999-12-31T23:59:59Z'),
      noInvalidDate: true,
    })
    .map(d => d.toISOString()),
  fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }).map(String),
  fc.constantFrom(
    '1764240000', // seconds
    '0',
    '9'.repeat(400),
    '1970-01-01T00:00:00Z',
    '2026-02-30T00:00:00Z',
    '2026-11-27T10:00:00',
    'NaN',
  ),
);

/** True when `run` returns, or throws a plain Error naming a line (and not echoing 1 MB). */
function returnsOrFailsNamingALine(run: () => unknown): boolean {
  try {
    run();
    return true;
  } catch (e) {
    return (
      e instanceof Error &&
      e.constructor === Error &&
      /^line \d+/.test(e.message) &&
      e.message.length < 20 * 400
    );
  }
}

describe('parseSliCsv on hostile input', () => {
  it('returns sound rows or fails naming a line, for any text', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          csvText,
          csvText.map(t => `timestamp,good,total\n${t}`),
          csvText.map(t => `timestamp,good,bad\r\n${t}`),
        ),
        text => {
          expect(returnsOrFailsNamingALine(() => parseSliCsv(text))).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('takes only safe, ordered values from rows of any numbers', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('total', 'bad'),
        fc.array(fc.tuple(timestampCell, numberCell, numberCell), {
          minLength: 1,
          maxLength: 20,
        }),
        (third, rows) => {
          const text = [
            `timestamp,good,${third}`,
            ...rows.map(r => r.join(',')),
          ].join('\n');
          let parsed: ReturnType<typeof parseSliCsv> | undefined;
          expect(
            returnsOrFailsNamingALine(() => {
              parsed = parseSliCsv(text);
            }),
          ).toBe(true);
          for (const row of parsed ?? []) {
            expect(Number.isSafeInteger(row.timestamp)).toBe(true);
            expect(row.timestamp).toBeGreaterThanOrEqual(0);
            expect(Number.isSafeInteger(row.good)).toBe(true);
            expect(Number.isSafeInteger(row.total)).toBe(true);
            expect(row.good).toBeGreaterThanOrEqual(0);
            expect(row.good).toBeLessThanOrEqual(row.total);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('names the line and column of hostile cells', () => {
    const fail = (row: string) => {
      try {
        parseSliCsv(`timestamp,good,total\n${row}\n`);
      } catch (e) {
        return (e as Error).message;
      }
      return 'accepted';
    };
    expect(fail('1764240000,1,1')).toBe(
      "line 2, timestamp: '1764240000' is before 1973 as epoch milliseconds: epoch seconds? Give milliseconds",
    );
    expect(fail(`${'9'.repeat(400)},1,1`)).toBe(
      `line 2, timestamp: '${'9'.repeat(
        80,
      )}…' is too large for epoch milliseconds`,
    );
    expect(fail('0001-01-01T00:00:00Z,1,1')).toBe(
      "line 2, timestamp: '0001-01-01T00:00:00Z' is before 1970",
    );
    expect(fail('2026-11-27T10:00:00Z,1e308,1')).toMatch(/^line 2, good: /);
    expect(
      fail(`2026-11-27T10:00:00Z,1,${Number.MAX_SAFE_INTEGER + 2}`),
    ).toMatch(/^line 2, total: /);
    expect(fail('2026-11-27T10:00:00Z,5,4')).toBe(
      'line 2, good: 5 exceeds total 4',
    );
    expect(fail(`2026-11-27T10:00:00Z,${'x'.repeat(1_000_000)},1`)).toMatch(
      /^line 2, good: 'x{80}…' is not a whole number/,
    );
    expect(fail('9999-12-31T23:59:59Z,1,1')).toBe('accepted');
  });
});

describe('parseCsv on hostile input', () => {
  it('returns records or fails naming a line, for any text', () => {
    fc.assert(
      fc.property(csvText, text => {
        expect(returnsOrFailsNamingALine(() => parseCsv(text))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('reads back what was written, whatever the cells hold', () => {
    const cell = fc.oneof(
      fc.string({ maxLength: 20 }),
      fc.constantFrom(
        'مرحبا',
        '🔥',
        '\u0000',
        '\uD800',
        'a,b',
        'say "hi"',
        'a\nb',
      ),
    );
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 2, maxLength: 5 }), {
          minLength: 1,
          maxLength: 10,
        }),
        fc.constantFrom('\n', '\r\n'),
        (rows, eol) => {
          // Quoted cells, as a spreadsheet writes them; line breaks inside read as LF.
          const text = rows
            .map(r => r.map(c => `"${c.replace(/"/g, '""')}"`).join(','))
            .join(eol);
          const records = parseCsv(text);
          expect(records.map(r => r.cells)).toEqual(
            rows.map(r => r.map(c => c.replace(/\r\n/g, '\n'))),
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  it('reads 1 MB cells and 10,000 columns in bounded time', () => {
    const big = 'x'.repeat(1_000_000);
    const start = Date.now();
    expect(parseCsv(`a,b\n"${big}",${big}\n`)[1].cells).toEqual([big, big]);
    expect(parseCsv(Array(10_000).fill('c').join(','))[0].cells).toHaveLength(
      10_000,
    );
    expect(() => parseCsv(`"${big}`)).toThrow(
      'line 1: a quoted cell is never closed (a missing ")',
    );
    expect(Date.now() - start).toBeLessThan(5_000);
  });
});
