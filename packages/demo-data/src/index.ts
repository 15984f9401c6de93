/**
 * The demo portal's data, through the public API as any pusher would (run by
 * scripts/start.sh):
 *
 *   demo-data [--url http://localhost:7007] [--days 35] [--once]
 *
 * Waits for the backend, fills `--days` of per-minute SLI data for each example SLO that has
 * none yet (so a second run adds nothing), then, beside the live data so that their retries
 * do not hold it up, seeds once as the demo's guest: three production-readiness reviews,
 * the postmortems (the archive through the CLI and two of the demo's incidents), SRE Core's
 * time budget, Cart web's SLO history and a leadership decision. Unless --once, it then
 * keeps pushing the current minute every 30 s so burn-rate alerts stay live. Authenticates
 * with RELIABILITY_DEMO_TOKEN, the static external-access token scripts/start.sh hands the
 * backend. Exits 2 without it.
 *
 * @packageDocumentation
 */
import { reliabilityClient } from './connection';
import { seedDecisions } from './decisions';
import { logError } from './log';
import { parseOptions } from './options';
import { seedPostmortems, seedTimeBudget } from './postmortems';
import { seedReviews } from './reviews';
import { backfill, streamLive, waitForBackend } from './sli';
import { seedSloHistory } from './sloHistory';
import { minuteOf } from './time';

/** A guest step's last word, should it throw after all (it logs its own failures). */
const reportFailure = (what: string) => (e: unknown) =>
  logError(`${what}: ${e instanceof Error ? e.message : String(e)}`);

/**
 * Runs the seeder; answers the exit code (2: no token; 0: done with --once). Without
 * --once it streams live data and never returns. A back-fill that fails throws.
 */
export async function main(argv: string[]): Promise<number> {
  const options = parseOptions(argv.slice(2), process.env);
  if ('error' in options) {
    logError(options.error);
    return 2;
  }
  const { origin, days, once, token } = options;
  // Incidents are placed relative to this minute, when the demo started.
  const anchor = minuteOf(Date.now());
  const client = reliabilityClient(origin, token);

  await waitForBackend(client);
  await backfill(client, anchor, days);
  const seeding = Promise.all([
    seedReviews(origin).catch(reportFailure('seeding the readiness reviews')),
    // After the postmortems: those are seeded only while there are none.
    seedPostmortems(origin, anchor)
      .catch(reportFailure('seeding the postmortems'))
      .then(() => seedTimeBudget(origin)),
    seedSloHistory(origin, anchor).catch(
      reportFailure('importing the SLO history'),
    ),
    seedDecisions(origin).catch(
      reportFailure('recording the leadership decision'),
    ),
  ]);
  if (once) {
    await seeding;
    return 0;
  }
  return streamLive(client, anchor);
}
