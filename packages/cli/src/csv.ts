/** One row of an SLI data file. */
export interface CsvRow {
  line: number;
  timestamp: number;
  good: number;
  total: number;
}

const MAX_COUNT = 1e12;

// Epoch milliseconds below this (March 1973) are almost surely epoch seconds.
const MIN_EPOCH_MS = 1e11;

function parseTimestamp(value: string): number | string | undefined {
  if (/^\d+$/.test(value)) {
    const ms = Number(value);
    if (!Number.isSafeInteger(ms)) return 'is too large for epoch milliseconds';
    if (ms < MIN_EPOCH_MS) {
      return 'is before 1973 as epoch milliseconds: epoch seconds? Give milliseconds';
    }
    return ms;
  }
  if (
    !/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:?\d\d)$/i.test(
      value,
    )
  ) {
    return undefined;
  }
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return undefined;
  return ms < 0 ? 'is before 1970' : ms;
}

/** A cell as quoted in a message: a 1 MB cell is not echoed whole. */
function clip(cell: string): string {
  return cell.length > 80 ? `${cell.slice(0, 80)}…` : cell;
}

function parseCount(value: string): number | undefined {
  if (!/^\d+$/.test(value)) return undefined;
  const n = Number(value);
  return n <= MAX_COUNT ? n : undefined;
}

/**
 * Reads `timestamp,good,total` or `timestamp,good,bad` CSV (a header line first; timestamps
 * ISO 8601 with a zone, or epoch milliseconds; counts whole numbers). Every problem is
 * reported with its line and column, and any problem fails the whole file.
 */
export function parseSliCsv(text: string): CsvRow[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = (lines[0] ?? '').split(',').map(h => h.trim().toLowerCase());
  const shape = header.join(',');
  if (shape !== 'timestamp,good,total' && shape !== 'timestamp,good,bad') {
    throw new Error(
      `line 1: the header must be 'timestamp,good,total' or 'timestamp,good,bad'; got '${clip(
        lines[0] ?? '',
      )}'`,
    );
  }
  const withBad = header[2] === 'bad';
  const rows: CsvRow[] = [];
  const problems: string[] = [];
  lines.slice(1).forEach((raw, i) => {
    const line = i + 2;
    if (raw.trim() === '') return;
    const cells = raw.split(',').map(c => c.trim());
    if (cells.length !== 3) {
      problems.push(`line ${line}: expected 3 columns, got ${cells.length}`);
      return;
    }
    const parsed = parseTimestamp(cells[0]);
    const timestamp = typeof parsed === 'number' ? parsed : undefined;
    const good = parseCount(cells[1]);
    const third = parseCount(cells[2]);
    if (parsed === undefined) {
      problems.push(
        `line ${line}, timestamp: '${clip(
          cells[0],
        )}' is not an ISO 8601 date-time with a zone or epoch milliseconds`,
      );
    } else if (typeof parsed === 'string') {
      problems.push(`line ${line}, timestamp: '${clip(cells[0])}' ${parsed}`);
    }
    if (good === undefined) {
      problems.push(
        `line ${line}, good: '${clip(
          cells[1],
        )}' is not a whole number from 0 to ${MAX_COUNT}`,
      );
    }
    if (third === undefined) {
      problems.push(
        `line ${line}, ${header[2]}: '${clip(
          cells[2],
        )}' is not a whole number from 0 to ${MAX_COUNT}`,
      );
    }
    if (timestamp === undefined || good === undefined || third === undefined) {
      return;
    }
    const total = withBad ? good + third : third;
    if (!withBad && good > total) {
      problems.push(`line ${line}, good: ${good} exceeds total ${total}`);
      return;
    }
    rows.push({ line, timestamp, good, total });
  });
  if (problems.length > 0) {
    throw new Error(
      problems.slice(0, 20).join('\n') +
        (problems.length > 20 ? `\n… and ${problems.length - 20} more` : ''),
    );
  }
  return rows;
}

/** One record of a CSV file: its cells, untrimmed, and the line of the file it starts on. */
export interface CsvRecord {
  line: number;
  cells: string[];
}

function atLineBreak(text: string, i: number): boolean {
  return text[i] === '\n' || (text[i] === '\r' && text[i + 1] === '\n');
}

/**
 * Reads CSV as RFC 4180 and spreadsheets write it: cells separated by commas, records by LF
 * or CRLF; a cell in double quotes may hold commas, line breaks (read as LF) and doubled
 * quotes (`""`). A leading byte-order mark is dropped and empty lines are skipped. Every
 * record carries the line it starts on, so a problem can name it even after a cell that
 * spans lines. A quote that is never closed, or text after a closing quote, fails the whole
 * file with its line.
 */
export function parseCsv(text: string): CsvRecord[] {
  const s = text.replace(/^\uFEFF/, '');
  const records: CsvRecord[] = [];
  let i = 0;
  let line = 1;
  while (i < s.length) {
    const start = line;
    const cells: string[] = [];
    let quoted = false;
    for (;;) {
      let cell = '';
      if (s[i] === '"') {
        quoted = true;
        const opened = line;
        i++;
        for (;;) {
          if (i >= s.length) {
            throw new Error(
              `line ${opened}: a quoted cell is never closed (a missing ")`,
            );
          }
          if (s[i] === '"') {
            if (s[i + 1] !== '"') {
              i++;
              break;
            }
            cell += '"';
            i += 2;
          } else if (atLineBreak(s, i)) {
            cell += '\n';
            line++;
            i += s[i] === '\r' ? 2 : 1;
          } else {
            cell += s[i];
            i++;
          }
        }
        if (i < s.length && s[i] !== ',' && !atLineBreak(s, i)) {
          throw new Error(
            `line ${line}: text after the closing quote of a quoted cell; quote the whole cell and double each quote inside it ("")`,
          );
        }
      } else {
        while (i < s.length && s[i] !== ',' && !atLineBreak(s, i)) {
          cell += s[i];
          i++;
        }
      }
      cells.push(cell);
      if (s[i] !== ',') break;
      i++;
    }
    if (i < s.length) {
      i += s[i] === '\r' ? 2 : 1;
      line++;
    }
    if (quoted || cells.length > 1 || cells[0] !== '') {
      records.push({ line: start, cells });
    }
  }
  return records;
}
