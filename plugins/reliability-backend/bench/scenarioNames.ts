/**
 * The benchmark's scenarios by name, in the order a run takes them (`--only` picks some;
 * the order stays this one). The reads come before the scenarios that add data, so that
 * what the reads see does not depend on which others ran.
 */
export const SCENARIOS = [
  // The pure engine, no database: runs once, in run.ts's own process.
  'engine',
  'summary',
  'detail',
  'overview',
  'audit',
  'gate',
  'evaluation',
  'ingest',
  // PostgreSQL only: the design's sync target is for the production database.
  'prometheusSync',
  // PostgreSQL only (the production database), last: it pushes into the org at scale.
  'sustained',
] as const;

export type ScenarioName = (typeof SCENARIOS)[number];

const USAGE_HINT = `scenarios: ${SCENARIOS.join(', ')}`;

/**
 * The scenarios `--only` values name (each value one name or several, comma-separated), in
 * run order; all of them when there is no `--only`. Throws on an unknown name, listing the
 * known ones.
 */
export function selectScenarios(only: string[]): ScenarioName[] {
  if (only.length === 0) return [...SCENARIOS];
  const names = only
    .flatMap(value => value.split(','))
    .map(name => name.trim())
    .filter(name => name !== '');
  if (names.length === 0) {
    throw new Error(`--only: no scenario named\n${USAGE_HINT}`);
  }
  const unknown = names.filter(
    name => !(SCENARIOS as readonly string[]).includes(name),
  );
  if (unknown.length > 0) {
    throw new Error(
      `--only: unknown scenario${unknown.length > 1 ? 's' : ''} ${unknown.join(
        ', ',
      )}\n${USAGE_HINT}`,
    );
  }
  return SCENARIOS.filter(s => names.includes(s));
}

const POSTGRES_ONLY: readonly ScenarioName[] = ['prometheusSync', 'sustained'];

/**
 * The scenarios of `selected` that one database runs: all but the engine, which needs none,
 * and the Prometheus sync and the sustained pushes only on PostgreSQL.
 */
export const databaseScenarios = (
  kind: 'sqlite' | 'pg',
  selected: readonly ScenarioName[],
) =>
  selected.filter(
    s => s !== 'engine' && (kind === 'pg' || !POSTGRES_ONLY.includes(s)),
  );
