// Postmortems, as the guest: once (only while the demo has none) the team's archive of
// September and October imported with the CLI, as a team with an existing archive would
// (examples/postmortems-archive.csv), and the two postmortems of the demo's incidents; then,
// on every start, SRE Core's incidents of the last five months (the SRE time budget).
import { execFile } from 'node:child_process';
import path from 'node:path';
import { withGuestRetries } from './guest';
import { log } from './log';
import { incidentPostmortems, timeBudgetRecords } from './postmortemRecords';

// The repository's root: this private package only runs from its sources in the
// repository (bin/demo-data), never from a build, so its place there is known.
// eslint-disable-next-line no-restricted-syntax
const root = path.resolve(__dirname, '../../..');
const ARCHIVE = path.join(root, 'examples/postmortems-archive.csv');
const CLI = path.join(root, 'packages/cli/bin/reliability');

/** The archive, through the CLI as a team would import it (the guest's token as its own). */
async function importArchive(origin: string, userToken: string): Promise<void> {
  await new Promise<void>((resolve, reject) =>
    execFile(
      process.execPath,
      [CLI, 'postmortems', 'import', ARCHIVE, '--url', origin],
      { env: { ...process.env, RELIABILITY_TOKEN: userToken } },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`${stdout}${stderr}`.trim()));
        else {
          log(`archive: ${stdout.trim()}`);
          resolve();
        }
      },
    ),
  );
}

/** The archive and the incidents' postmortems, while there are none; never throws. */
export async function seedPostmortems(
  origin: string,
  anchor: number,
): Promise<void> {
  await withGuestRetries(
    origin,
    'seeding the postmortems',
    async ({ client, token }) => {
      const existing = await client.listPostmortems({ limit: 1 });
      if (existing.totalCount > 0) {
        log('postmortems: some exist already, not seeded');
        return;
      }
      await importArchive(origin, token);
      const result = await client.importPostmortems(
        incidentPostmortems(anchor),
      );
      log(
        `postmortems seeded: ${result.created} created, ${result.updated} updated`,
      );
    },
  );
}

/** SRE Core's incidents of the last five months, on every start; never throws. */
export async function seedTimeBudget(origin: string): Promise<void> {
  await withGuestRetries(
    origin,
    'seeding the SRE time budget',
    async ({ client }) => {
      const result = await client.importPostmortems(
        timeBudgetRecords(Date.now()),
      );
      log(
        `SRE time budget incidents: ${result.created} created, ${result.updated} updated`,
      );
    },
  );
}
