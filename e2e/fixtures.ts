/*
 * The `test` every journey imports (never @playwright/test's own: 99-portal-log.spec.ts
 * checks that). Its `page` is one signed-in page shared by the tests of a worker, as a user
 * goes from one page to the next: the journeys run in order on the demo data they change
 * (workers: 1). After each test, the page it ended on must be healthy (`assertHealthy`: no
 * failed request to /api/ since the last check, no error panel), so a new test cannot
 * forget the check; `visit()` checks each page a test leaves.
 *
 * A failed test leaves a screenshot of its page (failed.png in its folder under
 * e2e/artifacts/test-results/); Playwright then starts a new worker, which signs in again.
 */
import { test as base, type Page } from '@playwright/test';
import {
  appUrl,
  assertHealthy,
  clearApiFailures,
  recordApiFailures,
  visit,
} from './helpers';

/** The suite's first screens are designed for, and judged at, this size (issue 10). */
const VIEWPORT = { width: 1440, height: 1000 };

/** Enters the demo portal as its guest. */
async function signIn(page: Page): Promise<void> {
  await visit(page, appUrl);
  const enter = page.getByRole('button', { name: 'Enter' });
  await enter.waitFor({ timeout: 60_000 });
  await enter.click();
  await page
    .getByRole('navigation', { name: 'sidebar nav' })
    .waitFor({ state: 'attached', timeout: 60_000 });
  // Before the guest enters, the sign-in page asks for a session it does not have yet.
  await assertHealthy(page, {
    expected: [{ status: 401, path: /^\/api\/auth\/guest\/refresh$/ }],
  });
}

export const test = base.extend<{}, { signedInPage: Page }>({
  signedInPage: [
    async ({ browser }, use) => {
      const context = await browser.newContext({ viewport: VIEWPORT });
      // Playwright's defaults for what a test waits on without its own timeout.
      context.setDefaultTimeout(30_000);
      // The development server serves the app unbundled-for-speed: on a machine busy with
      // other work (CI beside other jobs) a first load can take longer than 30 s, which
      // failed a run once at a load average of 15 on 2 cores. Waits for what a page shows
      // keep their own, shorter timeouts.
      context.setDefaultNavigationTimeout(120_000);
      const page = await context.newPage();
      recordApiFailures(page);
      const pageErrors: string[] = [];
      page.on('pageerror', e => pageErrors.push(e.message));
      await signIn(page);
      await use(page);
      if (pageErrors.length) {
        console.log(
          `uncaught errors in the page:\n  ${pageErrors.join('\n  ')}`,
        );
      }
      await context.close();
    },
    { scope: 'worker', timeout: 300_000 },
  ],

  page: async ({ signedInPage: page }, use, testInfo) => {
    await use(page);
    const failed = async () => {
      const screenshot = testInfo.outputPath('failed.png');
      await page
        .screenshot({ path: screenshot })
        .then(() =>
          testInfo.attachments.push({
            name: 'screenshot',
            path: screenshot,
            contentType: 'image/png',
          }),
        )
        .catch(() => {});
      // The next test starts from a blank page, and without this one's failed requests.
      await page.goto('about:blank').catch(() => {});
      clearApiFailures();
    };
    if (testInfo.status !== testInfo.expectedStatus) {
      await failed();
      return;
    }
    try {
      await assertHealthy(page);
    } catch (e) {
      await failed();
      throw e;
    }
  },
});
