/*
 * The ownership audit and its CSV, a group's SRE load, a System's and a Domain's
 * reliability, and the SRE teams' counts that must agree.
 */
import path from 'node:path';
import { readFileSync } from 'node:fs';
import type { Locator } from '@playwright/test';
import { test } from '../fixtures';
import {
  appUrl,
  artifacts,
  waitFor,
  visit,
  filterBy,
  expectResults,
  watchReliabilityRequests,
  expectCleanPage,
} from '../helpers';

const FINDING_KINDS = [
  'no-owner',
  'owner-not-found',
  'owner-without-members',
  'sre-team-not-found',
  'tier-without-oncall',
  'tier-without-runbook',
  'tier-without-slo',
  'slo-without-data',
  'sre-team-over-capacity',
];

test('the ownership audit shows every kind of finding and downloads as CSV', async ({
  page,
}) => {
  let csv = '';
  await waitFor(
    'every kind of finding in the audit',
    async () => {
      await visit(page, `${appUrl}/reliability/audit`);
      await page
        .getByText('Ownership audit')
        .first()
        .waitFor({ timeout: 30_000 });
      await page.getByText('Findings by owning team').first().waitFor();
      const [download] = await Promise.all([
        page.waitForEvent('download', { timeout: 30_000 }),
        page.getByRole('button', { name: 'Download CSV' }).click(),
      ]);
      if (download.suggestedFilename() !== 'reliability-audit.csv') {
        throw new Error(`downloaded ${download.suggestedFilename()}`);
      }
      csv = readFileSync(await download.path(), 'utf8');
      const missing = FINDING_KINDS.filter(k => !csv.includes(`,${k},`));
      // The SLO without data shows once the first scheduled evaluation has run.
      if (missing.length)
        throw new Error(`not in the CSV yet: ${missing.join(', ')}`);
      return true;
    },
    180_000,
  );
  if (
    !csv.startsWith(
      'severity,kind,entityRef,title,ownerRef,systemRef,tier,engagement,message,fix',
    )
  ) {
    throw new Error(`unexpected CSV header: ${csv.split('\n')[0]}`);
  }
  await page.getByText('No owner').first().waitFor();
  await page.getByText('SRE team over capacity').first().waitFor();
  await page.screenshot({
    path: path.join(artifacts, 'audit.png'),
    fullPage: true,
  });
  // A system typed as a reference: the Ledger (tier 1, no on-call) stays, the unowned
  // Legacy batch jobs (no system) go.
  await filterBy(
    page,
    'System',
    'system:default/payments',
    '/v1/audit',
    'system',
  );
  await expectResults(page, /^Findings \((\d+)\)$/, {
    shown: ['Ledger'],
    hidden: ['No owner'],
  });
});

test("a group's page shows the services it supports and its SRE load", async ({
  page,
}) => {
  await visit(page, `${appUrl}/catalog/default/group/sre-platform`);
  await page
    .getByText('Over capacity', { exact: false })
    .first()
    .waitFor({ timeout: 60_000 });
  await page.getByText('Payments gateway').first().waitFor();
  await page.screenshot({
    path: path.join(artifacts, 'group-page.png'),
    fullPage: true,
  });
});

test("a System and a Domain show their components' SLO and policy states, the frozen Ledger first", async ({
  page,
}) => {
  const requests = watchReliabilityRequests(page);
  try {
    await visit(page, `${appUrl}/catalog/default/system/payments/reliability`);
    const components = page.getByRole('table', {
      name: 'Components',
      exact: true,
    });
    await components.waitFor({ timeout: 60_000 });
    const first = components.getByRole('row').nth(1);
    await first.getByRole('link', { name: 'Ledger' }).waitFor();
    await first.getByText('Frozen').waitFor();
    await first.getByText('Budget exhausted').waitFor();
    // Judged by its components, not "nothing to judge by" beside a frozen Ledger.
    await page
      .getByTestId('verdict')
      .getByText(/Releases frozen for \d+ component/)
      .waitFor();
    if (await page.getByText('Nothing to judge by', { exact: true }).count()) {
      throw new Error('System payments still says it has nothing to judge by');
    }
    await expectCleanPage(page, requests, 'System payments, Reliability tab');
    await page.screenshot({
      path: path.join(artifacts, 'system-payments-reliability.png'),
      fullPage: true,
    });

    await visit(page, `${appUrl}/catalog/default/system/payments`);
    const list = page.getByRole('list', { name: 'Components' });
    await list.waitFor({ timeout: 60_000 });
    await list
      .getByRole('listitem')
      .first()
      .getByRole('link', { name: 'Ledger' })
      .waitFor();
    if (await page.getByText(/No SLOs defined yet/).count()) {
      throw new Error('the System overview card still says it has no SLOs');
    }
    await expectCleanPage(page, requests, 'System payments, overview');

    await visit(page, `${appUrl}/catalog/default/domain/commerce/reliability`);
    const held = page.getByRole('table', { name: 'Components', exact: true });
    await held.waitFor({ timeout: 60_000 });
    await held.getByRole('link', { name: 'Ledger' }).first().waitFor();
    await held.getByRole('link', { name: 'Checkout API' }).first().waitFor();
    await expectCleanPage(page, requests, 'Domain commerce, Reliability tab');
    await page.screenshot({
      path: path.join(artifacts, 'domain-commerce-reliability.png'),
      fullPage: true,
    });
  } finally {
    requests.stop();
  }
});

test('the SRE teams tab, the time budget and the team page count the same supported services', async ({
  page,
}) => {
  const requests = watchReliabilityRequests(page);
  try {
    await visit(page, `${appUrl}/catalog/default/group/sre-core`);
    const heading = page.getByText(/^Supports as SRE team \(\d+\)$/);
    await heading.waitFor({ timeout: 60_000 });
    const onTeamPage = Number(/\((\d+)\)/.exec(await heading.innerText())?.[1]);
    const rows = await page
      .getByRole('table', { name: 'Supported services', exact: true })
      .getByRole('row')
      .count();
    if (rows - 1 !== onTeamPage) {
      throw new Error(
        `the team page says ${onTeamPage} supported services and lists ${
          rows - 1
        }`,
      );
    }
    await page.getByText(/^Also engaged, not counted \(\d+\)$/).waitFor();
    await page
      .getByText(
        new RegExp(
          `^${onTeamPage} supported services? counts? towards the load`,
        ),
      )
      .waitFor();
    await expectCleanPage(page, requests, 'group sre-core');
    await page.screenshot({
      path: path.join(artifacts, 'group-sre-core.png'),
      fullPage: true,
    });

    await visit(page, `${appUrl}/reliability/sre-teams`);
    const column = async (table: Locator, header: string) => {
      const headers = await table.getByRole('columnheader').allInnerTexts();
      const at = headers.findIndex(
        h => h.trim().toLowerCase() === header.toLowerCase(),
      );
      if (at < 0)
        throw new Error(`no column ${header} in ${headers.join(', ')}`);
      const row = table
        .getByRole('row')
        .filter({ hasText: 'SRE Core' })
        .first();
      return Number((await row.getByRole('cell').nth(at).innerText()).trim());
    };
    const teams = page
      .getByRole('table')
      .filter({ hasText: 'Load / capacity' })
      .first();
    await teams
      .getByRole('row')
      .filter({ hasText: 'SRE Core' })
      .first()
      .waitFor({ timeout: 60_000 });
    const inTeams = await column(teams, 'Supported services');
    const budget = page
      .getByRole('table')
      .filter({ hasText: 'Last complete month' })
      .first();
    await budget
      .getByRole('row')
      .filter({ hasText: 'SRE Core' })
      .first()
      .waitFor({ timeout: 60_000 });
    const inBudget = await column(budget, 'Supported services');
    if (inTeams !== onTeamPage || inBudget !== onTeamPage) {
      throw new Error(
        `supported services of SRE Core: team page ${onTeamPage}, SRE teams ${inTeams}, time budget ${inBudget}`,
      );
    }
    await expectCleanPage(page, requests, '/reliability/sre-teams');
  } finally {
    requests.stop();
  }
});
