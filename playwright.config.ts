/*
 * The browser journeys (e2e/journeys/*.spec.ts): `yarn test:e2e`, or `make e2e` (which first
 * makes sure Debian's Chromium is there). See e2e/journeys/README.md.
 */
import { defineConfig } from '@playwright/test';

// E2E_ONLY=<text> runs the tests whose name contains it (for working on one test).
const only = process.env.E2E_ONLY;

export default defineConfig({
  testDir: 'e2e/journeys',
  // The journeys share the demo data they change, in the order of their file names: one
  // worker, one test after the other.
  workers: 1,
  fullyParallel: false,
  // A retry would hide a flake, which this project counts as a defect.
  retries: 0,
  forbidOnly: true,
  grep: only
    ? new RegExp(only.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    : undefined,
  // A test waits minutes for the demo data on a loaded machine (each wait has its own
  // bound); this only ends a test that hangs.
  timeout: 15 * 60_000,
  globalSetup: './e2e/portal.ts',
  outputDir: 'e2e/artifacts/test-results',
  reporter: [['list'], ['./e2e/portal-log-reporter.ts']],
  use: {
    browserName: 'chromium',
    headless: true,
    // Debian's Chromium: no browser is downloaded (`playwright install` is never run).
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
