import type { TimeBudgetSettings } from './settings';

/**
 * The SRE time budget: how much of an SRE team's time operational work (pages, tickets,
 * incidents) took in each calendar month (UTC), against its cap. Pure arithmetic over
 * events the backend collects, so the figures can be checked by hand.
 */

const HOUR_MS = 3_600_000;

/** The label that marks an action item as toil reduction. @public */
export const TOIL_REDUCTION_LABEL = 'toil-reduction';

/** A calendar month (UTC): `[start, end)`. @public */
export type MonthRange = { month: string; start: number; end: number };

/**
 * The `count` months (UTC) ending with the month of `now`, oldest first.
 *
 * @public
 */
export function utcMonths(now: number, count: number): MonthRange[] {
  const d = new Date(now);
  const out: MonthRange[] = [];
  for (let i = count - 1; i >= 0; i--) {
    const start = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - i, 1);
    const end = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - i + 1, 1);
    out.push({ month: new Date(start).toISOString().slice(0, 7), start, end });
  }
  return out;
}

/** What the team's operational load and project work are computed from. @public */
export type OperationalEvents = {
  /** When each page-tier alert episode of a supported service fired. */
  pages: number[];
  /** When each ticket-tier alert episode fired. */
  tickets: number[];
  /** Incidents of supported services: start, and resolution (or now if still going on). */
  incidents: Array<{ startedAt: number; endedAt: number }>;
  /**
   * Postmortem action items the team owns: open from their incident's start until closed;
   * `done` when closed with the work done (a wont-do item is closed without it).
   */
  items: Array<{
    openedAt: number;
    closedAt: number | null;
    done: boolean;
    labels: string[];
  }>;
};

/** One month's counts. @public */
export type MonthLoad = {
  month: string;
  pages: number;
  tickets: number;
  /** Incidents that started in the month. */
  incidents: number;
  /** Hours of incident inside the month (an incident across months counts in each). */
  incidentHours: number;
  /** Owned action items open at the month's end (or now, for the current month). */
  openItems: number;
  /** Owned action items done in the month (project work; wont-do items are not). */
  closedItems: number;
  /** Of those, labelled toil-reduction. */
  closedToilReductionItems: number;
};

const inRange = (t: number, m: MonthRange) => t >= m.start && t < m.end;

/**
 * Counts the events by month. Events after `now` do not count (the current month is
 * counted up to now).
 *
 * @public
 */
export function monthlyLoads(
  events: OperationalEvents,
  months: MonthRange[],
  now: number,
): MonthLoad[] {
  return months.map(m => {
    const until = Math.min(m.end, now);
    const incidentMs = events.incidents.reduce(
      (sum, i) =>
        sum +
        Math.max(
          0,
          Math.min(i.endedAt, until) - Math.max(i.startedAt, m.start),
        ),
      0,
    );
    const closed = events.items.filter(
      i =>
        i.done &&
        i.closedAt !== null &&
        inRange(i.closedAt, m) &&
        i.closedAt <= now,
    );
    return {
      month: m.month,
      pages: events.pages.filter(t => inRange(t, m) && t <= now).length,
      tickets: events.tickets.filter(t => inRange(t, m) && t <= now).length,
      incidents: events.incidents.filter(
        i => inRange(i.startedAt, m) && i.startedAt <= now,
      ).length,
      incidentHours: incidentMs / HOUR_MS,
      openItems: events.items.filter(
        i => i.openedAt < until && (i.closedAt === null || i.closedAt >= until),
      ).length,
      closedItems: closed.length,
      closedToilReductionItems: closed.filter(i =>
        i.labels.includes(TOIL_REDUCTION_LABEL),
      ).length,
    };
  });
}

/**
 * Engineer-hours of operational work: pages × hoursPerPage + incident hours ×
 * hoursPerIncidentHour + tickets × hoursPerTicket. Open action items are backlog, not
 * hours spent, so they are reported beside the figure rather than in it.
 *
 * @public
 */
export function operationalHours(
  load: Pick<MonthLoad, 'pages' | 'tickets' | 'incidentHours'>,
  settings: TimeBudgetSettings,
): number {
  return (
    load.pages * settings.hoursPerPage +
    load.incidentHours * settings.hoursPerIncidentHour +
    load.tickets * settings.hoursPerTicket
  );
}

/**
 * The team's hours in a month: members × hoursPerMemberPerMonth, times the part of the
 * month elapsed (1 for a complete month). Null without members: a share of nobody's time
 * means nothing.
 *
 * @public
 */
export function teamHours(
  members: number | null,
  settings: TimeBudgetSettings,
  elapsed = 1,
): number | null {
  if (members === null || !(members > 0)) return null;
  return members * settings.hoursPerMemberPerMonth * elapsed;
}

/** One month of the time budget. @public */
export type MonthTimeBudget = MonthLoad & {
  /** The current month, counted up to now. */
  partial: boolean;
  operationalHours: number;
  /** Null when the team has no members. */
  teamHours: number | null;
  /** operationalHours / teamHours; null without team hours. */
  share: number | null;
  /** share above the cap. */
  overCap: boolean;
};

/**
 * A month's budget. The current month's team hours are prorated to the part elapsed, so
 * its share is the pace so far rather than a figure that can only grow.
 *
 * @public
 */
export function monthTimeBudget(
  load: MonthLoad,
  range: MonthRange,
  now: number,
  members: number | null,
  settings: TimeBudgetSettings,
): MonthTimeBudget {
  const partial = now < range.end;
  const elapsed = partial
    ? Math.max(0, now - range.start) / (range.end - range.start)
    : 1;
  const ops = operationalHours(load, settings);
  const hours = teamHours(members, settings, elapsed);
  const share = hours === null || hours === 0 ? null : ops / hours;
  return {
    ...load,
    partial,
    operationalHours: ops,
    teamHours: hours,
    share,
    overCap: share !== null && share > settings.cap,
  };
}

/** Where the share is heading. @public */
export type TimeBudgetTrend = {
  /** Null with fewer than two complete months with a share. */
  direction: 'rising' | 'falling' | 'steady' | null;
  /** Least-squares slope of the share, per month. */
  perMonth: number | null;
};

/** A change of the share smaller than this a month is noise, not a trend. @public */
export const STEADY_SLOPE = 0.02;

/**
 * The trend of the share over the complete months (the partial month's pace is too
 * jumpy early in a month to steer a trend).
 *
 * @public
 */
export function timeBudgetTrend(months: MonthTimeBudget[]): TimeBudgetTrend {
  const points = months
    .map((m, x) => ({ x, y: m.share, partial: m.partial }))
    .filter(
      (p): p is { x: number; y: number; partial: boolean } =>
        p.y !== null && !p.partial,
    );
  if (points.length < 2) return { direction: null, perMonth: null };
  const n = points.length;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  const sxx = points.reduce((s, p) => s + (p.x - mx) ** 2, 0);
  const sxy = points.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0);
  const perMonth = sxy / sxx;
  let direction: TimeBudgetTrend['direction'] = 'steady';
  if (perMonth > STEADY_SLOPE) direction = 'rising';
  else if (perMonth < -STEADY_SLOPE) direction = 'falling';
  return { direction, perMonth };
}

/**
 * The month that decides whether a team is over its cap: the latest complete one (a
 * partial month's pace after a bad first day would flip the team's status back and
 * forth).
 *
 * @public
 */
export function latestCompleteMonth(
  months: MonthTimeBudget[],
): MonthTimeBudget | null {
  return [...months].reverse().find(m => !m.partial) ?? null;
}
