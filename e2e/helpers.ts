/*
 * What the browser journeys share: where the portal is, waiting for what a page shows, and
 * the health check of every page a test visits (no failed request to /api/, no error
 * panel). The check itself runs after every test through the `page` fixture (fixtures.ts);
 * `visit()` runs it on the page it leaves.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';

export const root = path.resolve(__dirname, '..');
/** Screenshots the journeys take (git-ignored). */
export const artifacts = path.join(root, 'e2e/artifacts');
mkdirSync(artifacts, { recursive: true });

// The portal globalSetup starts listens on E2E_APP_PORT and E2E_BACKEND_PORT (3000 and 7007
// by default), so two test runs can go on side by side.
const appPort = process.env.E2E_APP_PORT ?? '3000';
const backendPort = process.env.E2E_BACKEND_PORT ?? '7007';
export const appUrl = process.env.E2E_BASE_URL ?? `http://localhost:${appPort}`;
export const backendUrl =
  process.env.E2E_BACKEND_URL ?? `http://localhost:${backendPort}`;

/**
 * The external-access token the portal accepts, for the API calls a journey makes as a
 * script would: the one globalSetup gave the portal it started (it sets the variable before
 * the workers start; test files are also loaded once before it, to list the tests, where
 * this is empty and unused), else the running portal's.
 */
export const token = process.env.RELIABILITY_DEMO_TOKEN ?? '';

/**
 * How long a page may take to show what it loads before an attempt is retried: on a
 * machine at load 30 (CI beside other work) a page's API answers took over 10 s, and an
 * attempt that reloads the page every 10 s never saw them.
 */
export const SHOWN_WITHIN = 60_000;

/** A page that failed its health check: a failure now, not something to wait out. */
export class UnhealthyPageError extends Error {}

/** Retries `check` every second until it returns true, for at most `timeoutMs`. */
export async function waitFor(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: Error | undefined;
  while (Date.now() < deadline) {
    try {
      if (await check()) return;
    } catch (e) {
      if (e instanceof UnhealthyPageError) throw e;
      last = e as Error;
    }
    await new Promise(r => setTimeout(r, 1000));
  }
  throw new Error(
    `timed out waiting for ${what}${last ? `: ${last.message}` : ''}`,
  );
}

// ---- Every page a test visits: its requests to /api/ succeeded, and no error panel shows.

/** A request expected to fail, matched by status (any if unset) and path. */
export type ExpectedFailure = { status?: number | string; path: RegExp };

type ApiFailure = {
  method: string;
  path: string;
  status: number | string;
  page: string;
};

/**
 * Failing requests that are known defects owned elsewhere, each matched narrowly: the test
 * still fails on any other. Remove an entry when its defect is fixed.
 */
const KNOWN_FAILURES: ExpectedFailure[] = [];

/** Error-coloured alerts that are states the product reports by design, by their title. */
const STATE_ALERT_TITLES = [
  /^Release freeze$/,
  /^Escalated$/,
  /^Over its operational cap$/,
  /^Over capacity$/,
  /^\d+ SRE teams? over capacity$/,
];

const apiFailures: ApiFailure[] = [];

/** Forgets the failed requests recorded so far (the next test starts without them). */
export function clearApiFailures(): void {
  apiFailures.length = 0;
}

/** Records every failed response (4xx, 5xx) and failed request to /api/ the page makes. */
export function recordApiFailures(page: Page): void {
  const onApi = (
    request: { url(): string; method(): string },
    status: ApiFailure['status'],
  ) => {
    const url = new URL(request.url());
    if (!url.pathname.startsWith('/api/')) return;
    apiFailures.push({
      method: request.method(),
      path: `${url.pathname}${url.search}`,
      status,
      page: page.url(),
    });
  };
  page.on('response', r => {
    if (r.status() >= 400) onApi(r.request(), r.status());
  });
  page.on('requestfailed', r => {
    // A request the page cancelled by moving on is not a failure of the backend.
    const reason = r.failure()?.errorText;
    if (reason !== 'net::ERR_ABORTED') onApi(r, `failed (${reason})`);
  });
}

const matches = (
  failure: ApiFailure,
  { status, path: pattern }: ExpectedFailure,
) =>
  (status === undefined || failure.status === status) &&
  pattern.test(failure.path.split('?')[0]);

/**
 * Fails the test on a failed /api/ request since the last check (except the `expected`
 * ones and the known defects) and on a visible error panel: Backstage's ErrorPanel,
 * ResponseErrorPanel and WarningPanel, "Request failed", or an error alert that is not a
 * state banner.
 */
export async function assertHealthy(
  page: Page,
  { expected = [] }: { expected?: ExpectedFailure[] } = {},
): Promise<void> {
  // Requests still under way are waited for a little, not forever: a page may poll.
  await page
    .waitForLoadState('networkidle', { timeout: 5_000 })
    .catch(() => {});
  const unexpected = apiFailures
    .splice(0)
    .filter(f => ![...expected, ...KNOWN_FAILURES].some(e => matches(f, e)));
  if (unexpected.length) {
    throw new UnhealthyPageError(
      `failed requests:\n${unexpected
        .map(f => `${f.status} ${f.method} ${f.path} (on ${f.page})`)
        .join('\n')}`,
    );
  }
  const panels = page.locator(
    [
      '[class*="BackstageWarningPanel-panel"]',
      '.MuiAlert-standardError',
      '.MuiAlert-outlinedError',
      '.MuiAlert-filledError',
    ].join(', '),
  );
  const shown: string[] = [];
  for (const panel of await panels.all()) {
    if (!(await panel.isVisible())) continue;
    const title = await panel
      .locator('.MuiAlertTitle-root')
      .first()
      // Long enough for a loaded machine: a title not read in time made a state banner
      // count as an error panel.
      .innerText({ timeout: 10_000 })
      .catch(() => '');
    if (STATE_ALERT_TITLES.some(t => t.test(title.trim()))) continue;
    shown.push((await panel.innerText()).split('\n').slice(0, 3).join(' '));
  }
  const requestFailed = page.getByText(/Request failed with/);
  if (
    (await requestFailed.count()) &&
    (await requestFailed.first().isVisible())
  ) {
    shown.push(await requestFailed.first().innerText());
  }
  if (shown.length) {
    throw new UnhealthyPageError(
      `error panels on ${page.url()}:\n${shown.join('\n')}`,
    );
  }
}

/** Leaves the current page (checking it first, as it was) and opens `url`. */
export async function visit(page: Page, url: string): Promise<void> {
  if (page.url().startsWith(appUrl)) await assertHealthy(page);
  await page.goto(url);
}

/**
 * Types `text` into the filter field labelled `label` and waits for the page's request to
 * `route` with it as `param` (none for ''); that request and the page must be healthy.
 */
export async function filterBy(
  page: Page,
  label: string,
  text: string,
  route: string,
  param: string,
): Promise<void> {
  const answered = page.waitForResponse(
    r => {
      const url = new URL(r.url());
      return (
        url.pathname === `/api/reliability${route}` &&
        (url.searchParams.get(param) ?? '') === text
      );
    },
    { timeout: 30_000 },
  );
  await page.getByLabel(label, { exact: true }).fill(text);
  await answered;
  await assertHealthy(page);
}

/**
 * The results table, titled `title` (with the count as its group), lists `shown` and not
 * `hidden`; its count is at least the rows it shows.
 */
export async function expectResults(
  page: Page,
  title: RegExp,
  { shown = [], hidden = [] }: { shown?: string[]; hidden?: string[] },
): Promise<void> {
  const heading = page.getByText(title).first();
  await heading.waitFor({ timeout: 30_000 });
  // The nearest element around the title that holds a table: this table, not another one
  // on the page.
  const table = heading.locator('xpath=ancestor::*[.//table][1]');
  const rows = (text: string) =>
    table.getByRole('row').filter({ hasText: text }).first();
  // Gone first: rows of the previous results may still be rendered for a moment.
  for (const text of hidden) {
    await rows(text).waitFor({ state: 'detached', timeout: 30_000 });
  }
  for (const text of shown) {
    await rows(text).waitFor({ timeout: 30_000 });
  }
  // And still gone now that the new results are drawn (above, the table may have been
  // between two renders).
  for (const text of hidden) {
    if (await rows(text).count()) {
      throw new Error(`the results still list ${text}`);
    }
  }
  const count = Number(title.exec((await heading.innerText()).trim())?.[1]);
  if (count < shown.length) {
    throw new Error(
      `the table says ${count} results but shows ${shown.length}`,
    );
  }
  await assertHealthy(page);
}

/** `reliability gate` of the CLI against the portal: its exit code and output. */
export function gate(...args: string[]): {
  code: number | null;
  output: string;
} {
  const run = spawnSync(
    process.execPath,
    [
      path.join(root, 'packages/cli/bin/reliability'),
      'gate',
      '--url',
      backendUrl,
      '--token',
      token,
      ...args,
    ],
    { encoding: 'utf8' },
  );
  return { code: run.status, output: `${run.stdout}${run.stderr}` };
}

export function expectGate(
  result: { code: number | null; output: string },
  code: number,
  what: string,
): void {
  if (result.code !== code) {
    throw new Error(
      `${what}: reliability gate exited ${result.code}, expected ${code}:\n${result.output}`,
    );
  }
}

/** What `watchReliabilityRequests` returns. */
export type WatchedRequests = { failed(): string[]; stop(): void };

/**
 * Watches the reliability API's answers while a test runs: `failed()` lists those that
 * failed (status 400 and above).
 */
export function watchReliabilityRequests(page: Page): WatchedRequests {
  const failures: string[] = [];
  const onResponse = (response: { url(): string; status(): number }) => {
    if (
      response.url().includes('/api/reliability/') &&
      response.status() >= 400
    ) {
      failures.push(`${response.status()} ${response.url()}`);
    }
  };
  page.on('response', onResponse);
  return {
    failed: () => failures,
    stop: () => page.off('response', onResponse),
  };
}

/** No error or warning panel on the page, and no failed reliability request. */
export async function expectCleanPage(
  page: Page,
  requests: WatchedRequests,
  what: string,
): Promise<void> {
  const panels = await page
    .locator('[class*="BackstageWarningPanel-panel"]')
    .count();
  if (panels > 0) {
    throw new Error(`${what}: ${panels} error or warning panel(s) shown`);
  }
  if (requests.failed().length) {
    throw new Error(
      `${what}: failed requests:\n${requests.failed().join('\n')}`,
    );
  }
}

/** Words (4+ letters) inside table cells that the layout split across two lines. */
export function wordsBrokenInTables(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const broken: string[] = [];
    for (const cell of document.querySelectorAll('td, th')) {
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      let node;
      while ((node = walker.nextNode())) {
        const re = /[A-Za-z]{4,}/g;
        let m;
        while ((m = re.exec(node.textContent ?? ''))) {
          const range = document.createRange();
          range.setStart(node, m.index);
          range.setEnd(node, m.index + m[0].length);
          const lines = new Set(
            [...range.getClientRects()]
              .filter(r => r.width > 0)
              .map(r => Math.round(r.top)),
          );
          if (lines.size > 1) broken.push(m[0]);
        }
      }
    }
    return broken;
  });
}
