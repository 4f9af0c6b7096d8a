/**
 * A giveaway's public pages and its OBS overlay in headless Chromium against the local
 * runtime: the official rules and the entries at desktop and phone sizes, the overlay
 * (1280×120) while entry is open and after the draw. No entrant is named on any of them.
 * Screenshots land in test-artifacts/screenshots/.
 */
import type { Browser } from 'playwright-core';
import { keepScreenshot, launchBrowser, openPage, outOfBounds, settled, shown, viewports, type OpenedPage } from '../support/browser';
import { AUCTION_CHANNEL, auctionWorld, type TestClock } from '../support/auctions';
import { say, textOf } from '../support/marketplace';
import { buttonPress, snowflake } from '../support/interactions';
import type { TestRuntime } from '../support/local-runtime';

const PRIZE = 'A hand-built Tofu65 in e-white with lubed Oil Kings and an artisan keycap set, shipped anywhere';

let rt: TestRuntime;
let clock: TestClock;
let browser: Browser;
let giveawayId: string;
const entrants = Array.from({ length: 12 }, () => snowflake());
const opened: OpenedPage[] = [];

beforeAll(async () => {
  let sponsor: string;
  [{ rt, clock, builder: sponsor }, browser] = await Promise.all([auctionWorld(), launchBrowser()]);
  const answer = await say(rt, sponsor, { name: 'giveaway', path: ['start'], options: { prize: PRIZE, duration: '20m', winners: 2 } });
  giveawayId = /Giveaway `([0-9a-z]{8})`/.exec(textOf(answer))?.[1] as string;
  await Promise.all(entrants.map((id) => rt.sendInteraction(buttonPress(`genter:${giveawayId}`, id, { channelId: AUCTION_CHANNEL }))));
  await rt.settle();
}, 90_000);

afterEach(async () => {
  await Promise.all(opened.splice(0).map((o) => o.close()));
});

afterAll(async () => {
  await browser?.close();
  await rt?.close();
});

describe('a giveaway’s public pages', () => {
  it.each([
    ['desktop', viewports.desktop],
    ['phone', viewports.phone],
  ] as const)('shows the official rules whole at %s size', async (name, viewport) => {
    const page = await openPage(browser, `${rt.url}/giveaway/${giveawayId}/rules`, viewport);
    opened.push(page);
    await settled(page.page);
    expect(await shown(page.page, '.lede')).toContain('No purchase necessary');
    expect(await page.page.locator('h2').allTextContents()).toEqual(
      expect.arrayContaining(['Sponsor', 'Dates', 'Who may enter, and how', 'Odds', 'How the winner is drawn', 'How anyone can recompute it']),
    );
    expect(await page.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    expect(page.problems).toEqual([]);
    await keepScreenshot(page.page, `giveaway-rules-${name}`);
  });

  it('lists every entry by pseudonym and names nobody', async () => {
    const page = await openPage(browser, `${rt.url}/giveaway/${giveawayId}`, viewports.phone);
    opened.push(page);
    expect(await page.page.locator('.entries li').count()).toBe(entrants.length);
    const html = await page.page.content();
    for (const id of entrants) expect(html).not.toContain(id);
    expect(page.problems).toEqual([]);
    await keepScreenshot(page.page, 'giveaway-entries');
  });
});

describe('the giveaway overlay', () => {
  it('counts the entries and the time left, then shows the draw, the longest prize whole inside the bar', async () => {
    const page = await openPage(browser, `${rt.url}/overlay/giveaway?giveaway=${giveawayId}`, viewports.queueOverlay);
    opened.push(page);
    await page.page.waitForSelector('#bar:not([hidden])');
    expect(await shown(page.page, '#entries')).toBe(String(entrants.length));
    expect(await shown(page.page, '#how')).toContain('No purchase necessary');
    expect(await shown(page.page, '#state')).toMatch(/^\d+:\d\d$/);
    expect(await outOfBounds(page.page, '#bar')).toEqual([]);
    await keepScreenshot(page.page, 'giveaway-overlay-open');

    // The draw is bound to the first drand round at least 3 s after the end; rounds come every 3 s, so it is
    // published by 6 s after the end whatever the clock's phase. (5 s left it in the future one time in three.)
    clock.advance(20 * 60_000 + 6_000);
    await rt.settle();
    await rt.tasks.runDueNow();
    await rt.settle();
    // The overlay shows the draw at its next poll, which a slow answer on a loaded machine backs off: the wait
    // is generous, not a measure.
    await page.page.waitForFunction(() => /Winners #[0-9a-f]{8} #[0-9a-f]{8}/.test(document.getElementById('state')?.textContent ?? ''), undefined, {
      timeout: 90_000,
    });
    expect(await shown(page.page, '#detail')).toContain('Check your DMs');
    expect(page.problems).toEqual([]);
    await keepScreenshot(page.page, 'giveaway-overlay-drawn');
  }, 150_000);
});
