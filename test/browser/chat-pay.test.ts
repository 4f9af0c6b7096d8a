/**
 * A winner from Twitch chat in Chromium: the pay page sends them through the sign-in with
 * (the local) Twitch and on to their checkout; another chatter sees only that it is not
 * theirs; the auction overlay shows a chatter leading by their Twitch name, whole, at the
 * OBS size. Desktop and phone sizes, nothing cut or sideways, no console error.
 */
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, keepScreenshot, openPage, outOfBounds, viewports, type OpenedPage } from '../support/browser';
import { auctionWorld, liveAuction, runToHammer, startAuction, type TestClock } from '../support/auctions';
import { botSaid, chatBiddingOn, sayInChat, signInChatter, type Chatter } from '../support/chat-bidding';
import { liftBidderLimits } from '../support/marketplace';
import type { TestRuntime } from '../support/local-runtime';

let rt: TestRuntime;
let clock: TestClock;
let builder: string;
let browser: Browser;
const opened: OpenedPage[] = [];
const channel = 'lavkeebs';
// Twitch's longest login: 25 characters.
const winner: Chatter = { login: 'a_very_long_twitch_login1', userId: '510000011' };
const other: Chatter = { login: 'other_viewer', userId: '510000012' };
let payPath: string;
let auctionId: string;

beforeAll(async () => {
  ({ rt, clock, builder } = await auctionWorld());
  browser = await launchBrowser();
  await liftBidderLimits(rt);
  await chatBiddingOn(rt, builder, channel);
  await signInChatter(rt, winner);
  await startAuction(rt, builder, { price: 25, duration: '2m' });
  auctionId = (await liveAuction(rt, builder)).auctionId;
  clock.advance(1_500);
  await sayInChat(rt, channel, winner, '!bid 99999.99');
  await rt.settle();
}, 90_000);

afterEach(async () => {
  await Promise.all(opened.splice(0).map((o) => o.close()));
});

afterAll(async () => {
  await browser?.close();
  await rt?.close();
});

async function visit(path: string, viewport: { width: number; height: number }, expectStatus = 200): Promise<OpenedPage> {
  const page = await openPage(browser, `${rt.url}${path}`, viewport, { expectStatus });
  opened.push(page);
  return page;
}

const horizontalOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describe('the auction overlay with a chatter leading', () => {
  it('shows the Twitch name, marked as Twitch, whole at the OBS size', async () => {
    const { page, problems } = await visit(`/overlay/auction?id=${auctionId}`, viewports.auctionOverlay);
    await page.waitForFunction((login) => document.body.innerText.includes(login), winner.login);
    expect(await page.locator('body').innerText()).toContain(`${winner.login} (Twitch)`);
    expect(await outOfBounds(page, '#card')).toEqual([]);
    await keepScreenshot(page, 'chat-overlay-twitch-leader');
    expect(problems).toEqual([]);
  });
});

describe('the pay page of a win from chat', () => {
  beforeAll(async () => {
    await runToHammer(rt, clock, auctionId);
    for (let i = 0; i < 3 && !payPath; i++) {
      clock.advance(1_100);
      await rt.tasks.runDueNow();
      await rt.settle();
      payPath = /\/pay\/[0-9a-z-]+/.exec((await botSaid(rt, channel)).map((m) => m.text).join('\n'))?.[0] ?? '';
    }
    if (!payPath) throw new Error('the bot never said where to pay');
  });

  it.each(Object.entries({ desktop: viewports.desktop, phone: viewports.phone }))(
    'takes the winner through the Twitch sign-in to their checkout (%s)',
    async (name, viewport) => {
      const context = await browser.newContext({ viewport });
      try {
        const page = await context.newPage();
        const problems: string[] = [];
        page.on('pageerror', (error) => problems.push(error.message));
        await page.goto(`${rt.url}${payPath}`, { waitUntil: 'load' });
        // Signed out: the page sent the browser to Twitch's authorize page, which (locally) signs in whoever the URL names.
        expect(page.url()).toContain('/_local/twitch/authorize');
        const authorize = new URL(page.url());
        authorize.searchParams.set('login', winner.login);
        authorize.searchParams.set('user_id', winner.userId);
        await page.goto(authorize.toString(), { waitUntil: 'load' });
        await page.waitForURL(/\/_local\/stripe\/checkout\//, { timeout: 15_000 });
        expect(page.url()).toContain('/_local/stripe/checkout/');
        expect(await horizontalOverflow(page)).toBe(0);
        await keepScreenshot(page, `chat-pay-checkout-${name}`);
        expect(problems).toEqual([]);
      } finally {
        await context.close();
      }
    },
  );

  it.each(Object.entries({ desktop: viewports.desktop, phone: viewports.phone }))(
    'tells another chatter it is not theirs, showing nothing of it (%s)',
    async (name, viewport) => {
      const someone = await signInChatter(rt, other);
      const answer = await someone.get(payPath);
      expect(answer.status).toBe(403);
      const html = await answer.text();
      expect(html).toContain('This payment is not yours');
      expect(html).not.toContain('99,999.99');
      // The same page in Chromium, at this size: readable, nothing sideways.
      const context = await browser.newContext({ viewport });
      try {
        const page = await context.newPage();
        await page.setContent(html);
        expect(await horizontalOverflow(page)).toBe(0);
        expect(await outOfBounds(page, 'main')).toEqual([]);
        await keepScreenshot(page, `chat-pay-not-yours-${name}`);
      } finally {
        await context.close();
      }
    },
  );
});
