/*
 * Notifications people can act on: a freeze enacted in the UI reaches the owning team's
 * inbox (the guest is a member of team-checkout, which owns Cart web) with the service's
 * title and the actor's name, and the notification opens the service's Policy section. The
 * lift replaces it (same scope) instead of piling up a second one.
 */
import path from 'node:path';
import type { Page } from '@playwright/test';
import { test } from '../fixtures';
import {
  visit,
  assertHealthy,
  watchReliabilityRequests,
  expectCleanPage,
  appUrl,
  artifacts,
} from '../helpers';

const FROZEN = 'Cart web: release freeze by Guest (demo)';
const LIFTED = 'Cart web: release freeze lifted by Guest (demo)';
const POLICY_PATH = '/catalog/default/component/cart-web/reliability/policy';

/** Enacts or lifts Cart web's freeze through its dialog on the Policy section. */
async function act(page: Page, button: string, reason: string) {
  await visit(page, `${appUrl}${POLICY_PATH}`);
  await page.getByRole('button', { name: button }).click({ timeout: 60_000 });
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Reason').fill(reason);
  await dialog.getByRole('button', { name: button }).click();
  await dialog.waitFor({ state: 'detached', timeout: 30_000 });
  // The outcome shows; the page is checked when the next visit() leaves it.
  const next = button === 'Enact freeze' ? 'Lift freeze' : 'Enact freeze';
  await page.getByRole('button', { name: next }).waitFor({ timeout: 30_000 });
}

test('a freeze reaches the owning team at /notifications, named, and opens the Policy section', async ({
  page,
}) => {
  const requests = watchReliabilityRequests(page);
  try {
    // A run against a portal where an earlier run stopped halfway finds Cart web frozen.
    await visit(page, `${appUrl}${POLICY_PATH}`);
    const enact = page.getByRole('button', { name: 'Enact freeze' });
    const lift = page.getByRole('button', { name: 'Lift freeze' });
    await enact.or(lift).first().waitFor({ timeout: 60_000 });
    if (await lift.count()) {
      await act(page, 'Lift freeze', 'e2e: left over from an earlier run');
    }
    await act(page, 'Enact freeze', 'e2e: notifications journey');

    await visit(page, `${appUrl}/notifications`);
    const frozen = page.getByRole('link', { name: FROZEN, exact: true });
    await frozen.waitFor({ timeout: 60_000 });
    // Why, then what to do (the inbox shows the first line; "Show more" the rest).
    await page
      .getByText(/^Why: e2e: notifications journey \(.*\)\. What to do:/)
      .first()
      .waitFor();
    // Names, not references, in what the inbox shows.
    const inbox = await page.locator('body').innerText();
    const raw = /(component|user|group):default\//.exec(inbox);
    if (raw) throw new Error(`the inbox shows a raw reference: ${raw[0]}`);
    await assertHealthy(page);
    await page.screenshot({
      path: path.join(artifacts, 'notifications.png'),
    });

    await frozen.click();
    await page.waitForURL(url => url.pathname === POLICY_PATH, {
      timeout: 30_000,
    });
    await page
      .getByRole('button', { name: 'Lift freeze' })
      .waitFor({ timeout: 60_000 });
    // No error panel: visit() checks the page when the lift below leaves it.
    await expectCleanPage(
      page,
      requests,
      'the Policy section from the notification',
    );

    // The lift takes the freeze's place in the inbox: one notification per subject.
    await act(page, 'Lift freeze', 'e2e: notifications journey done');
    await visit(page, `${appUrl}/notifications`);
    await page
      .getByRole('link', { name: LIFTED, exact: true })
      .first() // earlier runs' lifts, on a portal tested before
      .waitFor({ timeout: 60_000 });
    if (await page.getByRole('link', { name: FROZEN, exact: true }).count()) {
      throw new Error(
        'the freeze notification is still listed beside its lift',
      );
    }
    await expectCleanPage(page, requests, '/notifications');
  } finally {
    requests.stop();
  }
});
