/*
 * The SRE reviewer's journey: the review queue shows every open review (draft, submitted,
 * changes requested) with the right count; an entity opens on its Reliability tab's Readiness
 * section with the review panel on the first screen; a comment posted with a decision shows
 * in the review's history with who and when; the queue's state filter survives a reload.
 */
import path from 'node:path';
import { test } from '../fixtures';
import {
  visit,
  assertHealthy,
  waitFor,
  appUrl,
  backendUrl,
  artifacts,
  token,
} from '../helpers';

const OPEN_STATES = ['draft', 'submitted', 'changes-requested'];

/** What GET /v1/reviews answers, as far as this journey reads it. */
type ReviewList = {
  totalCount: number;
  items: { review: { entityRef: string; state: string } }[];
};

test('SRE reviewer: the queue shows every open review, opens the Readiness section, a decision shows in the history, the filter survives a reload', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1440, height: 1000 });

  // What the backend holds: every review, so the queue's count can be checked against it.
  // The demo seeds three reviews (Checkout API approved, Cart web a draft, Search API
  // handed back); the seeding may still be under way when the test starts.
  let all: ReviewList = { totalCount: 0, items: [] };
  await waitFor(
    'the seeded readiness reviews',
    async () => {
      const res = await page.request.get(
        `${backendUrl}/api/reliability/v1/reviews?limit=500`,
        {
          headers: {
            Authorization: `Bearer ${token}`,
          },
        },
      );
      if (!res.ok()) return false;
      all = await res.json();
      return all.totalCount >= 3;
    },
    180_000,
  );
  const open = all.items.filter(i => OPEN_STATES.includes(i.review.state));
  if (open.length === 0) {
    throw new Error(
      `no open review in the demo: ${all.items
        .map(i => `${i.review.entityRef} ${i.review.state}`)
        .join(', ')}`,
    );
  }

  // The queue opens on the open reviews, with their count, one row each, names not refs.
  await visit(page, `${appUrl}/reliability/reviews`);
  const title = page.getByText(`Open reviews (${open.length})`);
  await title.waitFor({ timeout: 60_000 });
  // The queue's card, whatever its table's title says under the filter chosen.
  const table = page
    .getByText('Readiness reviews', { exact: true })
    .first()
    .locator('xpath=ancestor::*[.//table][1]');
  const rows = table.locator('tbody tr').filter({
    has: page.getByRole('link'),
  });
  await waitFor(
    `${open.length} rows in the queue`,
    async () => (await rows.count()) === open.length,
    30_000,
  );
  const cart = rows.filter({ hasText: 'Cart web' });
  await cart.waitFor({ timeout: 30_000 });
  if ((await table.getByText('component:default/').count()) > 0) {
    throw new Error('the queue shows raw entity references');
  }
  await assertHealthy(page);
  await page.screenshot({ path: path.join(artifacts, 'review-queue.png') });

  // The filter is kept in the URL and survives a reload.
  await page.getByLabel('State').click();
  await page.getByRole('option', { name: 'All', exact: true }).click();
  const total = page.getByText(`All reviews (${all.totalCount})`);
  await total.waitFor({ timeout: 30_000 });
  if (!page.url().includes('state=')) {
    throw new Error(`the filter is not in the URL: ${page.url()}`);
  }
  await page.reload();
  await total.waitFor({ timeout: 60_000 });
  await assertHealthy(page);

  // The history of a review, from the queue.
  const checkout = table
    .locator('tbody tr')
    .filter({ hasText: 'Checkout API' });
  await checkout.getByRole('button', { name: 'History' }).click();
  const history = page.getByRole('dialog');
  await history
    .getByTestId('review-history-entry')
    .filter({ hasText: 'approved' })
    .first()
    .waitFor({ timeout: 30_000 });
  await history.getByRole('button', { name: 'Close' }).click();
  await history.waitFor({ state: 'detached', timeout: 10_000 });

  // An entity opens on its Readiness section, the review panel on the first screen.
  await page.getByLabel('State').click();
  await page.getByRole('option', { name: /^Open/ }).click();
  await title.waitFor({ timeout: 30_000 });
  if (page.url().includes('state=')) {
    throw new Error(
      `the default filter should leave the URL bare: ${page.url()}`,
    );
  }
  await rows
    .filter({ hasText: 'Cart web' })
    .getByRole('link', { name: 'Cart web' })
    .click();
  await page.waitForURL(
    '**/catalog/default/component/cart-web/reliability/readiness',
  );
  const panel = page.getByText('Readiness review', { exact: true }).first();
  await panel.waitFor({ timeout: 60_000 });
  const summary = page.getByTestId('readiness-summary');
  await summary.waitFor({ timeout: 30_000 });
  if (!/^\d+ of \d+ met · .*review: draft$/.test(await summary.innerText())) {
    throw new Error(`unexpected summary line: ${await summary.innerText()}`);
  }
  const box = await panel.boundingBox();
  if (!box || box.y + box.height > 1000) {
    throw new Error(
      `the review panel is not on the first screen (at y=${box?.y})`,
    );
  }

  // Comment on the review; the history names who and when, and what the comment came with.
  const body = `e2e: the on-call rotation is still missing (${Date.now()})`;
  await page.getByRole('button', { name: 'Add comment' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Comment').fill(body);
  await dialog.getByRole('button', { name: 'Post comment' }).click();
  const entry = page
    .getByTestId('review-history-entry')
    .filter({ hasText: body });
  await entry.waitFor({ timeout: 30_000 });
  const text = await entry.innerText();
  if (!/Guest \(demo\)\s+commented/.test(text)) {
    throw new Error(`the history entry does not say who commented: ${text}`);
  }
  if (!/GMT|UTC|[A-Z]{3,4}/.test(text)) {
    throw new Error(`the history entry has no time zone: ${text}`);
  }
  await assertHealthy(page);
  await page.screenshot({
    path: path.join(artifacts, 'readiness-comment.png'),
  });

  // A decision with a comment, where one is waiting: the readiness test above leaves Search
  // API submitted. The SRE requests changes; the history says so, with the comment; then
  // the owning team (the guest wears both hats in the demo) submits again, so a rerun
  // finds it as it was.
  const search = await page.request.get(
    `${backendUrl}/api/reliability/v1/entities/component/default/search-api/readiness`,
    {
      headers: {
        Authorization: `Bearer ${token}`,
      },
    },
  );
  const searchState = (await search.json()).review?.state;
  if (searchState !== 'submitted') {
    console.log(
      `  (Search API's review is ${searchState}, not submitted: no decision to take)`,
    );
    return;
  }
  await visit(
    page,
    `${appUrl}/catalog/default/component/search-api/reliability/readiness`,
  );
  const state = page.getByTestId('readiness-review-state');
  await state.filter({ hasText: 'Submitted' }).waitFor({ timeout: 60_000 });
  const why = `e2e: load test the new index at peak first (${Date.now()})`;
  await page.getByRole('button', { name: 'Request changes' }).click();
  const decide = page.getByRole('dialog');
  await decide.getByLabel('Comment').fill(why);
  await decide.getByRole('button', { name: 'Request changes' }).click();
  const decided = page
    .getByTestId('review-history-entry')
    .filter({ hasText: why });
  await decided.waitFor({ timeout: 30_000 });
  if ((await decided.getAttribute('data-decision')) !== 'request-changes') {
    throw new Error(`the comment does not say it came with 'request changes'`);
  }
  if (!/requested changes/.test(await decided.innerText())) {
    throw new Error(`the history does not say changes were requested`);
  }
  await state
    .filter({ hasText: 'Changes requested' })
    .waitFor({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Submit for review' }).click();
  await page
    .getByRole('dialog')
    .getByRole('button', { name: 'Submit for review' })
    .click();
  await state.filter({ hasText: 'Submitted' }).waitFor({ timeout: 30_000 });
  await assertHealthy(page);
});
