/**
 * A fast burn fires the ticket tiers as well as the page tiers (100× over an hour is also
 * more than 3× over a day). Alerting set-ups inhibit the ticket while the page fires
 * (Alertmanager's inhibit rules, as in the SRE Workbook's examples): the page already
 * called someone. Counting both would charge the team twice for one burn.
 */

/** An alert episode as the time budget needs it. @public */
export type AlertSpan = {
  /** Which objective it belongs to: only a page of the same objective inhibits. */
  objectiveKey: string;
  severity: 'page' | 'ticket';
  firedAt: number;
  /** Null while it still fires. */
  end: number | null;
};

/**
 * The ticket episodes that no page episode of the same objective overlapped (a ticket that
 * fired before a page, or went on after it, still overlaps it: the same burn).
 *
 * @public
 */
export function uninhibitedTickets<T extends AlertSpan>(
  episodes: T[],
  now: number,
): T[] {
  const pages = episodes.filter(e => e.severity === 'page');
  return episodes.filter(
    t =>
      t.severity === 'ticket' &&
      !pages.some(
        p =>
          p.objectiveKey === t.objectiveKey &&
          p.firedAt < (t.end ?? now) &&
          t.firedAt < (p.end ?? now),
      ),
  );
}
