import {
  evaluateObjective,
  OpenSloSlo,
  SliBucket,
  toSloDefinition,
  validateOpenSloDocument,
} from '@reliability-suite/plugin-reliability-common';
import { readFile } from 'node:fs/promises';
import { parseAllDocuments } from 'yaml';
import { CsvRow, parseSliCsv } from '../csv';

const MINUTE = 60_000;

/** Reads the one OpenSLO SLO of a file, or explains why there is not exactly one. */
export async function readSloFile(file: string): Promise<OpenSloSlo> {
  const docs = parseAllDocuments(await readFile(file, 'utf8'));
  const values = (Array.isArray(docs) ? docs : [docs]).map(d => {
    if (d.errors.length > 0) {
      throw new Error(`${file}: YAML: ${d.errors[0].message}`);
    }
    return d.toJS({ maxAliasCount: 100 });
  });
  const slos = values.filter(
    v => v?.apiVersion === 'openslo/v1' && v?.kind === 'SLO',
  );
  if (slos.length !== 1) {
    throw new Error(
      `${file}: expected exactly one OpenSLO SLO document, found ${slos.length}`,
    );
  }
  const problems = validateOpenSloDocument(slos[0]);
  if (problems.length > 0) {
    throw new Error(
      `${file}: ${problems.map(p => `${p.path}: ${p.message}`).join('; ')}`,
    );
  }
  return slos[0] as OpenSloSlo;
}

/** Rows summed into 1-minute buckets, oldest first. */
export function toBuckets(rows: CsvRow[]): SliBucket[] {
  const byStart = new Map<number, SliBucket>();
  for (const row of rows) {
    const start = Math.floor(row.timestamp / MINUTE) * MINUTE;
    const b = byStart.get(start);
    if (b) {
      b.good += row.good;
      b.total += row.total;
    } else {
      byStart.set(start, {
        start,
        durationMs: MINUTE,
        good: row.good,
        total: row.total,
      });
    }
  }
  return [...byStart.values()].sort((a, b) => a.start - b.start);
}

/** The engine's verdict on an SLO for a CSV of data, in the CLI's JSON shape. */
export async function evaluateFiles(
  sloFile: string,
  dataFile: string,
  at: number,
) {
  const slo = await readSloFile(sloFile);
  const rows = parseSliCsv(await readFile(dataFile, 'utf8'));
  const buckets = toBuckets(rows);
  const definition = toSloDefinition(slo);
  return {
    slo: slo.metadata.name,
    objectives: definition.objectives.map(objective => {
      const e = evaluateObjective({
        objective,
        budgetingMethod: definition.budgetingMethod,
        window: definition.window,
        buckets,
        at,
      });
      return {
        name: e.name,
        target: e.target,
        sli: e.sli,
        goodEvents: e.goodEvents,
        totalEvents: e.totalEvents,
        errorBudget: {
          consumed: e.errorBudget.consumed,
          remaining: e.errorBudget.remaining,
        },
        burnRates: e.burnRates,
        alerts: e.alerts,
        dataQuality: e.dataQuality,
      };
    }),
  };
}
