/**
 * The figures of an incident, from the times its postmortem records. Every time but the
 * start may be missing (an incident still open, or an import from an archive that never
 * kept it); a figure that needs a missing time is null, never a guess.
 */

/** The times of an incident, epoch milliseconds. @public */
export type IncidentTimes = {
  startedAt: number;
  detectedAt?: number | null;
  mitigatedAt?: number | null;
  resolvedAt?: number | null;
};

/** @public */
export type IncidentFigures = {
  /** Start → detected. */
  timeToDetectMs: number | null;
  /** Start → mitigated. */
  timeToMitigateMs: number | null;
  /** Start → resolved. */
  timeToResolveMs: number | null;
};

/** The time fields of an incident. @public */
export type IncidentTimeField =
  | 'startedAt'
  | 'detectedAt'
  | 'mitigatedAt'
  | 'resolvedAt';

/** The fields that must not come before `startedAt` (nor each other, in this order). */
const FIELDS: ReadonlyArray<Exclude<IncidentTimeField, 'startedAt'>> = [
  'detectedAt',
  'mitigatedAt',
  'resolvedAt',
];

/** A time recorded before the one it must follow, e.g. detected before started. @public */
export type IncidentTimeOrderProblem = {
  field: IncidentTimeField;
  at: number;
  /** The recorded time it must not be before. */
  before: { field: IncidentTimeField; at: number };
};

/**
 * The times of an incident that are out of order: nothing may come before the start, and
 * detected ≤ mitigated ≤ resolved where they are known. Structured, so that a form can say
 * it with its own labels and in local time.
 *
 * @public
 */
export function incidentTimeOrder(
  times: IncidentTimes,
): IncidentTimeOrderProblem[] {
  const problems: IncidentTimeOrderProblem[] = [];
  let previous: { field: IncidentTimeField; at: number } = {
    field: 'startedAt',
    at: times.startedAt,
  };
  for (const field of FIELDS) {
    const at = times[field];
    if (at === null || at === undefined) continue;
    if (at < previous.at) problems.push({ field, at, before: previous });
    previous = { field, at };
  }
  return problems;
}

/**
 * Problems with the order of an incident's times, each naming the field, as the API says
 * them (field paths, UTC).
 *
 * @public
 */
export function incidentTimeProblems(times: IncidentTimes): string[] {
  return incidentTimeOrder(times).map(
    p =>
      `${p.field}: ${new Date(p.at).toISOString()} is before ${
        p.before.field
      } (${new Date(p.before.at).toISOString()})`,
  );
}

/** @public */
export function incidentFigures(times: IncidentTimes): IncidentFigures {
  const since = (at: number | null | undefined) =>
    at === null || at === undefined ? null : at - times.startedAt;
  return {
    timeToDetectMs: since(times.detectedAt),
    timeToMitigateMs: since(times.mitigatedAt),
    timeToResolveMs: since(times.resolvedAt),
  };
}

/** One month's mean time to detect and to resolve, and how many incidents each counts. @public */
export type MonthlyFigures = {
  /** `YYYY-MM` (UTC) of the incidents' start. */
  month: string;
  incidents: number;
  mttdMs: number | null;
  detectedCount: number;
  mttrMs: number | null;
  resolvedCount: number;
};

/**
 * MTTD and MTTR by the month incidents started in (UTC), oldest first. An incident without a
 * detection (or resolution) time counts in `incidents` but not in that mean.
 *
 * @public
 */
export function monthlyFigures(incidents: IncidentTimes[]): MonthlyFigures[] {
  const months = new Map<string, { n: number; ttd: number[]; ttr: number[] }>();
  for (const incident of incidents) {
    const month = new Date(incident.startedAt).toISOString().slice(0, 7);
    const m = months.get(month) ?? { n: 0, ttd: [], ttr: [] };
    const f = incidentFigures(incident);
    m.n += 1;
    if (f.timeToDetectMs !== null) m.ttd.push(f.timeToDetectMs);
    if (f.timeToResolveMs !== null) m.ttr.push(f.timeToResolveMs);
    months.set(month, m);
  }
  const mean = (xs: number[]) =>
    xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length;
  return [...months.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([month, m]) => ({
      month,
      incidents: m.n,
      mttdMs: mean(m.ttd),
      detectedCount: m.ttd.length,
      mttrMs: mean(m.ttr),
      resolvedCount: m.ttr.length,
    }));
}

/** An action item as far as being overdue is concerned. @public */
export type ActionItemDue = {
  dueAt?: number | null;
  status: 'open' | 'in-progress' | 'done' | 'wont-do';
};

/** Open (or in progress) and past its due date; items without a due date are never overdue. @public */
export function isOverdue(item: ActionItemDue, now: number): boolean {
  return (
    (item.status === 'open' || item.status === 'in-progress') &&
    item.dueAt !== null &&
    item.dueAt !== undefined &&
    item.dueAt < now
  );
}
