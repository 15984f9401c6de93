/*
 * globalSetup of the browser journeys: starts the portal as `make start` does
 * (scripts/start.sh) on a fresh SQLite directory and on E2E_APP_PORT/E2E_BACKEND_PORT, and
 * returns the teardown that stops it. With E2E_BASE_URL set, it tests an already running
 * portal instead and starts nothing.
 *
 * The portal's output goes to e2e/artifacts/portal.log (E2E_PORTAL_LOG for the workers):
 * the last journey (99-portal-log.spec.ts) fails the run on its error lines, and the
 * reporter (portal-log-reporter.ts) prints its tail when a run failed.
 */
import { randomBytes } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FullConfig } from '@playwright/test';
import { appUrl, artifacts, backendUrl, root, waitFor } from './helpers';

export const portalLog = path.join(artifacts, 'portal.log');

/** Throws when something already answers on `url`: a test against a stale portal proves nothing. */
async function expectFree(url: string): Promise<void> {
  const answered = await fetch(url).then(
    () => true,
    () => false,
  );
  if (answered) {
    throw new Error(
      `${url} already answers: stop what runs there, or give this run other ports (E2E_APP_PORT, E2E_BACKEND_PORT)`,
    );
  }
}

/** Whether any process of the portal's process group still runs. */
function running(portal: ChildProcess): boolean {
  try {
    process.kill(-portal.pid!, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Stops every process of the portal (app, backend, seeder) and waits until they are gone:
 * a backend still shutting down when the next run starts would hold its port and answer
 * that run's requests. What has not stopped 30 s after SIGTERM is killed.
 */
async function stop(portal: ChildProcess): Promise<void> {
  if (!portal.pid) return;
  try {
    process.kill(-portal.pid, 'SIGTERM');
  } catch {
    return; // already gone
  }
  const deadline = Date.now() + 30_000;
  while (running(portal) && Date.now() < deadline) {
    await new Promise(r => setTimeout(r, 500));
  }
  if (running(portal)) {
    console.log('the portal did not stop within 30 s of SIGTERM: killing it');
    try {
      process.kill(-portal.pid, 'SIGKILL');
    } catch {
      // gone in the meantime
    }
  }
}

export default async function startPortal(
  _config: FullConfig,
): Promise<(() => Promise<void>) | void> {
  if (process.env.E2E_BASE_URL) return undefined;
  // A previous run's log would be read as this run's (by the reporter, when this set-up fails).
  rmSync(portalLog, { force: true });
  await expectFree(backendUrl);
  await expectFree(appUrl);
  // The token the portal accepts from scripts (the CLI's gate calls, the journeys' API
  // calls); the workers, started after this, inherit it.
  process.env.RELIABILITY_DEMO_TOKEN ??= randomBytes(24).toString('hex');
  process.env.E2E_PORTAL_LOG = portalLog;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'reliability-e2e-'));
  // Appending (the file was removed above): a line another process adds is not overwritten.
  const log = createWriteStream(portalLog, { flags: 'a' });
  const portal = spawn('bash', ['scripts/start.sh'], {
    cwd: root,
    detached: true,
    env: {
      ...process.env,
      APP_CONFIG_backend_database_connection_directory: dataDir,
      PORTAL_APP_PORT: process.env.E2E_APP_PORT ?? '3000',
      PORTAL_BACKEND_PORT: process.env.E2E_BACKEND_PORT ?? '7007',
      // The full 35 days, as `make start` pushes them: the error-budget policies' states
      // (Search API at risk, the Ledger frozen) depend on the whole window's traffic.
      BROWSER: 'none',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  portal.stdout!.pipe(log);
  portal.stderr!.pipe(log);
  const teardown = async () => {
    await stop(portal);
    log.end();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitFor(
      'the backend',
      async () => (await fetch(`${backendUrl}/api/reliability/health`)).ok,
      240_000,
    );
    await waitFor('the app', async () => (await fetch(appUrl)).ok, 300_000);
  } catch (e) {
    // Playwright runs no teardown when the setup fails: stop what was started.
    await teardown();
    throw new Error(`${(e as Error).message} (the portal's log: ${portalLog})`);
  }
  return teardown;
}
