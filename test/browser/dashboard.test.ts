/**
 * The web dashboard in headless Chromium against the local runtime: signing in through the
 * local Discord's authorize page, each page at desktop and phone size with nothing cut or
 * running off the side, the earnings chart drawn, CSVs downloaded and parsed, the paid-by-hand
 * form submitted, and no console error anywhere. Screenshots land in test-artifacts/screenshots/.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { keepScreenshot, launchBrowser, openPage, viewports, type OpenedPage } from '../support/browser';
import { startTestRuntime, type TestRuntime } from '../support/local-runtime';
import { dashboardWorld, GUILD, parseCsv, type DashboardWorld } from '../support/dashboard';
import { giveOrderAnAddress, sampleAddress } from '../support/shipping-address';
import { recordDebtMove } from '../../shared/debts';
import { groupBuyPath } from '../../shared/groupbuys';
import { aGroupBuy } from '../../shared/groupbuys/test/group-buy-fixture';

let rt: TestRuntime;
let w: DashboardWorld;
let browser: Browser;
const opened: OpenedPage[] = [];

beforeAll(async () => {
  [rt, browser] = await Promise.all([startTestRuntime(), launchBrowser()]);
  w = await dashboardWorld(rt);
  // A funded group buy of the server whose ship month has passed with `done` not proved: months of a real one, set down as its record.
  await rt.store.set(groupBuyPath(lateGroupBuy.groupBuyId), lateGroupBuy);
}, 120_000);

afterEach(async () => {
  await Promise.all(opened.splice(0).map((o) => o.close()));
});

afterAll(async () => {
  await browser?.close();
  await rt?.close();
});

const admin = { userId: '800000000000000001', username: 'ana_admin', adminGuilds: [GUILD] };
const lateGroupBuy = aGroupBuy({
  guildId: GUILD,
  title: 'GMK Olivia, a long title that has to wrap on a phone',
  status: 'funded',
  shipsMonth: '2026-09',
  fundedUnits: 52,
});

/** Opens `path` signed in as `who`: the local Discord takes who to sign in as from the first link, and the browser follows redirects. */
async function visitAs(
  who: { userId: string; username?: string; adminGuilds?: string[] },
  path: string,
  viewport: { width: number; height: number },
): Promise<OpenedPage> {
  const hints = new URLSearchParams({
    user_id: who.userId,
    username: who.username ?? `user${who.userId.slice(-4)}`,
    admin_guilds: (who.adminGuilds ?? []).join(','),
  });
  const opening = await openPage(browser, `${rt.url}${path}${path.includes('?') ? '&' : '?'}${hints}`, viewport);
  opened.push(opening);
  return opening;
}

/** How far the page runs past the viewport's width, and every element cut or poking out of the main column. */
async function overflow(page: Page): Promise<{ sideways: number; out: string[] }> {
  return page.evaluate(() => {
    const main = document.querySelector('main .wrap') as HTMLElement;
    const box = main.getBoundingClientRect();
    const out: string[] = [];
    for (const el of Array.from(main.querySelectorAll('*'))) {
      const r = el.getBoundingClientRect();
      // Headers a phone folds into each cell's label are kept for screen readers only, clipped to nothing.
      const clipped = el.closest('.visually-hidden, thead');
      if (r.width === 0 || r.height === 0 || getComputedStyle(el).visibility === 'hidden' || (clipped && getComputedStyle(clipped).clipPath !== 'none'))
        continue;
      if (r.left < box.left - 1 || r.right > box.right + 1)
        out.push(`${el.tagName.toLowerCase()}.${el.className} "${(el.textContent ?? '').trim().slice(0, 30)}" leaves the column`);
      const ownText = Array.from(el.childNodes).some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim() !== '');
      if (ownText && el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).display !== 'inline' && getComputedStyle(el).overflowX !== 'visible')
        out.push(`${el.tagName.toLowerCase()} "${(el.textContent ?? '').trim().slice(0, 30)}" is cut`);
    }
    return { sideways: document.documentElement.scrollWidth - document.documentElement.clientWidth, out };
  });
}

const sizes = [
  ['desktop', viewports.desktop],
  ['phone', viewports.phone],
] as const;

describe('signing in', () => {
  it('GIVEN a signed-out browser THEN the local Discord’s page asks who to be, and Authorize comes back to the dashboard signed in', async () => {
    const opening = await openPage(browser, `${rt.url}/dashboard/builder`, viewports.desktop);
    opened.push(opening);
    const { page, problems } = opening;
    expect(new URL(page.url()).pathname).toBe('/_local/discord/oauth2/authorize');
    // Someone the page does not list: typed in by Discord id, as the form below the people asks.
    await page.getByLabel('Discord user id').fill(w.builder);
    await page.getByLabel('Username').fill('dash_builder');
    await Promise.all([page.waitForURL(`${rt.url}/dashboard/builder`), page.getByRole('button', { name: 'Authorize', exact: true }).click()]);
    await expect(page.locator('h1').innerText()).resolves.toBe('Your builds and sales');
    await expect(page.locator('.signed-in').innerText()).resolves.toContain('dash_builder');
    const cookies = await page.context().cookies();
    expect(cookies.find((c) => c.name === '__session')).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(problems).toEqual([]);
  });
});

describe.each(sizes)('at %s size', (name, viewport) => {
  it('shows the builder’s orders, the chart drawn with bars, and nothing cut or off the side', async () => {
    const { page, problems } = await visitAs({ userId: w.builder }, '/dashboard/builder', viewport);
    await keepScreenshot(page, `dashboard-builder-${name}`);
    // One chart drawn for the screen's width: the other is not displayed.
    const chart = page.locator('svg.earnings-chart:visible');
    await expect(chart.count()).resolves.toBe(1);
    expect((await chart.boundingBox())?.width).toBeGreaterThan(viewport.width / 2 - 40);
    expect(await chart.locator('g.week').count()).toBe(12);
    const barHeights = await chart.locator('rect').evaluateAll((rects) => rects.map((r) => r.getBoundingClientRect().height));
    const labelSizes = await chart.locator('text').evaluateAll((texts) => texts.map((t) => t.getBoundingClientRect().height));
    expect(Math.min(...labelSizes)).toBeGreaterThanOrEqual(10);
    expect(barHeights.some((h) => h > 20)).toBe(true);
    await expect(page.locator('section[aria-labelledby="orders"]').innerText()).resolves.toContain('Lavender 65%');
    expect(await overflow(page)).toEqual({ sideways: 0, out: [] });
    expect(problems).toEqual([]);
  });

  // One page a test: four pages in one test waited on each other's browser time under a busy machine.
  it.each([
    ['the host’s shows and cuts', () => ({ userId: w.host }), '/dashboard/host', 'Your shows'],
    ['the racer’s ledger', () => ({ userId: w.racers[0] as string }), '/dashboard/racer', 'Your race earnings'],
    ['the overview', () => admin, '/dashboard', 'Your C500 dashboard'],
    ['an order’s page', () => ({ userId: w.builder }), () => `/dashboard/orders/${w.orders.released.orderId}`, 'Lavender 65%'],
  ] as const)('shows %s, with nothing cut or off the side', async (_, who, where, heading) => {
    const path = typeof where === 'function' ? where() : where;
    const { page, problems } = await visitAs(who(), path, viewport);
    await keepScreenshot(page, `dashboard-${path.split('/')[2] ?? 'overview'}-${name}`);
    await expect(page.locator('h1').innerText()).resolves.toBe(heading);
    expect(await overflow(page)).toEqual({ sideways: 0, out: [] });
    expect(problems).toEqual([]);
  });

  it('shows a guild admin every ledger of their server and its blocked bidders, with nothing cut or off the side', async () => {
    const { page, problems } = await visitAs(admin, `/dashboard/guild/${GUILD}`, viewport);
    await keepScreenshot(page, `dashboard-guild-${name}`);
    for (const id of ['#sales', '#balances', '#host-payouts', '#waiting', '#strikes', '#blocked'])
      await expect(page.locator(id).isVisible()).resolves.toBe(true);
    await expect(page.locator('section[aria-labelledby="sales"]').innerText()).resolves.toContain('Dashboard Cup');
    const late = page.locator('section[aria-labelledby="late-group-buys"]');
    await late.scrollIntoViewIfNeeded();
    await late.screenshot({ path: `test-artifacts/screenshots/dashboard-late-group-buys-${name}.png` });
    await expect(late.innerText()).resolves.toContain('September 2026');
    await expect(late.getByRole('link', { name: lateGroupBuy.title }).getAttribute('href')).resolves.toBe(`/groupbuy/${lateGroupBuy.groupBuyId}`);
    const blocked = await page.locator('section[aria-labelledby="blocked"]').innerText();
    expect(blocked).toContain(`twitch.tv/${w.blockedLogin}`);
    expect(blocked).toContain(w.striker);
    expect(await overflow(page)).toEqual({ sideways: 0, out: [] });
    expect(problems).toEqual([]);
  });
});

describe('the platform’s result', () => {
  for (const [name, viewport] of sizes)
    it(`shows a guild admin the result folded from the journal, every column inside its card, at ${name} size`, async () => {
      const { page, problems } = await visitAs(admin, `/dashboard/guild/${GUILD}/result`, viewport);
      await keepScreenshot(page, `dashboard-result-${name}`);
      await expect(page.locator('h1').innerText()).resolves.toBe('The platform’s result');
      const byOrder = await page.locator('section[aria-labelledby="orders"]').innerText();
      expect(byOrder).toContain(w.orders.released.orderId);
      expect(await page.locator('a[href$="/journal.csv"]').count()).toBe(1);
      expect(await overflow(page)).toEqual({ sideways: 0, out: [] });
      expect(problems).toEqual([]);
    });
});

describe('downloads and forms', () => {
  it('downloads the builder’s orders as a CSV with a header and a row per order', async () => {
    const { page, problems } = await visitAs({ userId: w.builder }, '/dashboard/builder', viewports.desktop);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('section[aria-labelledby="orders"] a.csv')]);
    expect(download.suggestedFilename()).toMatch(/^c500-builder-orders-\d{4}-\d{2}-\d{2}\.csv$/);
    const rows = parseCsv(readFileSync((await download.path()) as string, 'utf8'));
    expect(rows[0]).toEqual(expect.arrayContaining(['id', 'state', 'amount']));
    expect(rows.slice(1).map((r) => r[0])).toContain(w.orders.released.orderId);
    expect(rows).toHaveLength(5);
    expect(problems).toEqual([]);
  });

  it('downloads each of a guild’s CSVs and parses them', async () => {
    const { page, problems } = await visitAs(admin, `/dashboard/guild/${GUILD}`, viewports.desktop);
    const links = page.locator('a.csv');
    expect(await links.count()).toBe(6);
    for (let i = 0; i < 6; i++) {
      const [download] = await Promise.all([page.waitForEvent('download'), links.nth(i).click()]);
      const rows = parseCsv(readFileSync((await download.path()) as string, 'utf8'));
      expect(rows.length).toBeGreaterThanOrEqual(2);
      expect(new Set(rows.map((r) => r.length)).size).toBe(1);
    }
    expect(problems).toEqual([]);
  });

  it('marks a host cut paid by hand from the form, and the page then says who and the note', async () => {
    const { page, problems } = await visitAs(admin, `/dashboard/guild/${GUILD}`, viewports.phone);
    await page.fill(`#note-${w.orders.lot.orderId}`, 'Bank transfer, 2 Dec');
    await Promise.all([page.waitForURL(/done=paid-by-hand/), page.click('.paid-form button')]);
    await expect(page.locator('.notice').innerText()).resolves.toContain('marked paid by hand');
    await expect(page.locator('section[aria-labelledby="host-payouts"]').innerText()).resolves.toContain('Bank transfer, 2 Dec');
    await keepScreenshot(page, 'dashboard-guild-paid-by-hand-phone');
    expect(await overflow(page)).toEqual({ sideways: 0, out: [] });
    expect(problems).toEqual([]);
  });
});

describe('the debts page', () => {
  it('writes a debt off as an admin would on a phone: types the amount and a note, presses Write off, and sees it on the account', async () => {
    const debtor = '813000000000000077';
    await recordDebtMove(rt.store, {
      guildId: GUILD,
      userId: debtor,
      entryId: 'refused:browser-write-off',
      kind: 'refused-reversal',
      orderId: w.orders.released.orderId,
      amountCents: 4_000,
      currency: 'usd',
      reason: 'a refund Stripe could not take back',
      at: new Date().toISOString(),
    });
    const { page, problems } = await visitAs(admin, `/dashboard/guild/${GUILD}/debts`, viewports.phone);
    await page.fill(`#amount-${debtor}`, '15');
    await page.fill(`#dnote-${debtor}`, 'Left the hobby');
    await Promise.all([page.waitForURL(/done=debt-written-off/), page.click(`form[action$="/${debtor}/paid"] button:has-text("Write off")`)]);
    await expect(page.locator('.notice').innerText()).resolves.toContain('Written off');
    const account = await page.locator('main').innerText();
    expect(account).toContain('written off: Left the hobby');
    expect(account).toContain('$25.00');
    await keepScreenshot(page, 'dashboard-debts-written-off-phone');
    expect(await overflow(page)).toEqual({ sideways: 0, out: [] });
    expect(problems).toEqual([]);
  });
});

describe('the debts page at a laptop’s size', () => {
  it('keeps each order id on one line beside a long reason, so it reads and copies as one id', async () => {
    const debtor = '813000000000000078';
    await recordDebtMove(rt.store, {
      guildId: GUILD,
      userId: debtor,
      entryId: 'refused:browser-order-id-whole',
      kind: 'refused-reversal',
      orderId: w.orders.released.orderId,
      amountCents: 12_345,
      currency: 'usd',
      reason: 'A buyer’s refund after the builder’s money went out, which Stripe could not take back from their balance (refused for lack of balance).',
      at: new Date().toISOString(),
    });
    const { page, problems } = await visitAs(admin, `/dashboard/guild/${GUILD}/debts`, { width: 1280, height: 800 });
    const id = page.locator('td[data-label="Order"] code.id', { hasText: w.orders.released.orderId }).first();
    expect(await id.evaluate((code) => code.getClientRects().length)).toBe(1);
    await keepScreenshot(page, 'dashboard-debts-laptop');
    expect(problems).toEqual([]);
  });
});

describe('the packing slip', () => {
  it.each(sizes)('fits the %s screen with the whole address, and on paper prints the slip alone', async (name, viewport) => {
    await giveOrderAnAddress(rt.store, w.orders.released.orderId);
    const { page, problems } = await visitAs({ userId: w.builder }, `/dashboard/builder/orders/${w.orders.released.orderId}/slip`, viewport);
    await keepScreenshot(page, `dashboard-slip-${name}`);
    await expect(page.locator('.slip address').innerText()).resolves.toContain(sampleAddress.line1);
    expect(await overflow(page)).toEqual({ sideways: 0, out: [] });
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('.site-header').isVisible()).resolves.toBe(false);
    await expect(page.locator('.no-print').first().isVisible()).resolves.toBe(false);
    await expect(page.locator('.slip').isVisible()).resolves.toBe(true);
    expect(problems).toEqual([]);
  });
});
