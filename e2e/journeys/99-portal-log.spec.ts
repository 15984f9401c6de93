/*
 * The last checks of a run: the portal globalSetup started logged no error line while the
 * journeys ran, and every journey takes its `test` from e2e/fixtures.ts (so its pages get
 * the health check after each test).
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { test } from '../fixtures';

test('the portal logged no error lines', async () => {
  test.skip(
    !!process.env.E2E_BASE_URL,
    'a portal this run did not start: its log is not ours to read',
  );
  const file = process.env.E2E_PORTAL_LOG;
  if (!file) throw new Error('E2E_PORTAL_LOG is not set: was globalSetup run?');
  const lines = readFileSync(file, 'utf8')
    .replace(/\u001b\[[0-9;]*m/g, '')
    .split('\n');
  if (!lines.some(l => l.includes('Plugin initialization complete'))) {
    throw new Error(`the backend start-up log was not captured in ${file}`);
  }
  // Backstage's dev log lines are "<time> <plugin> <level> <message>".
  const errors = lines.filter(l => /^\S+Z \S+ error /.test(l));
  if (errors.length) {
    throw new Error(`error lines in the log (${file}):\n${errors.join('\n')}`);
  }
});

test("every journey takes its test from e2e/fixtures.ts, not @playwright/test's", async () => {
  const own = readdirSync(__dirname).filter(
    f =>
      f.endsWith('.spec.ts') &&
      // A value import of its `test` (types may come from there).
      /import\s*\{[^}]*\btest\b[^}]*\}\s*from\s*'@playwright\/test'/.test(
        readFileSync(path.join(__dirname, f), 'utf8'),
      ),
  );
  if (own.length) {
    throw new Error(
      `these import @playwright/test directly, so their pages are not checked: ${own.join(
        ', ',
      )}`,
    );
  }
});
