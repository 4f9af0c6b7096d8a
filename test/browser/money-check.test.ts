/**
 * The admin's money check in headless Chromium against the local runtime (issue 75): an admin
 * signs in, opens the platform's result, follows its link to the money check, finds a buyer
 * owed money outside Stripe (a refund that failed on a charge then charged back and lost,
 * written to the journal as the code writes it), chooses how they were paid back and clicks to
 * record it; the page then says nobody is owed.
 */
import type { Browser } from 'playwright-core';
import { keepScreenshot, launchBrowser, openPage, viewports, type OpenedPage } from '../support/browser';
import { startTestRuntime, type TestRuntime } from '../support/local-runtime';
import { anOrder } from '../support/orders';
import { journalPath, post, type JournalEntry } from '../../shared/journal';
import { orderPath } from '../../shared/orders';

const GUILD = '900000000000000001';
const ORDER = 'owed0001';
const admin = { user_id: '800000000000000001', username: 'ana_admin', admin_guilds: GUILD };

let rt: TestRuntime;
let browser: Browser;
const opened: OpenedPage[] = [];

const entry = (entryId: string, kind: JournalEntry['kind'], postings: JournalEntry['postings']): JournalEntry => ({
  entryId,
  kind,
  at: '2026-11-20T10:05:00.000Z',
  guildId: GUILD,
  currency: 'usd',
  orderId: ORDER,
  postings,
});

beforeAll(async () => {
  [rt, browser] = await Promise.all([startTestRuntime(), launchBrowser()]);
  await rt.store.set(
    orderPath(ORDER),
    anOrder({ orderId: ORDER, guildId: GUILD, status: 'closed', amountCents: 40_000, platformFeeCents: 4_000, builderShareCents: 36_000 }),
  );
  for (const e of [
    entry('charge:owed0001', 'charge', [post.stripe(40_000), post.fees(-4_000), post.held(ORDER, -36_000)]),
    entry(`owed-to-buyer:${ORDER}:0`, 'owed-to-buyer', [post.held(ORDER, 10_000), post.buyer(ORDER, -10_000)]),
  ])
    await rt.store.set(journalPath(e.entryId), e);
}, 120_000);

afterAll(async () => {
  await Promise.all(opened.splice(0).map((o) => o.close()));
  await browser?.close();
  await rt?.close();
});

describe('the admin’s money check', () => {
  it('GIVEN a buyer owed money outside Stripe WHEN the admin follows the result page’s link and records them paid back THEN nobody is owed', async () => {
    const opening = await openPage(browser, `${rt.url}/dashboard/guild/${GUILD}/result?${new URLSearchParams(admin)}`, viewports.desktop);
    opened.push(opening);
    const { page, problems } = opening;
    await expect(page.locator('h1').innerText()).resolves.toBe('The platform’s result');
    await Promise.all([page.waitForURL(`${rt.url}/dashboard/guild/${GUILD}/reconciliation`), page.getByRole('link', { name: 'the money check' }).click()]);
    const owed = page.locator('[data-account="owed-to-buyer"]');
    await expect(owed.innerText()).resolves.toContain('Owed to the buyer: $100.00');
    await keepScreenshot(page, 'dashboard-money-check');
    await page.getByLabel('How the buyer was paid back').selectOption({ label: 'PayPal' });
    await Promise.all([page.waitForURL(/done=buyer-paid/), page.getByRole('button', { name: 'Record the buyer paid back' }).click()]);
    await expect(page.locator('body').innerText()).resolves.toContain('Recorded: the buyer is paid back');
    await expect(page.locator('p.empty').first().innerText()).resolves.toContain('no buyer is owed money');
    await expect(owed.count()).resolves.toBe(0);
    expect(problems).toEqual([]);
  });
});
