/**
 * A viewer's sealed bid from Twitch chat, in Chromium, as a person does it: in the final call
 * `!bid 60` typed in chat is answered with a link on this site (the public bid is not taken, and
 * is deleted where the bot moderates); the viewer opens the link, signs in with (the local)
 * Twitch by typing their login and pressing Enter, types their bid and presses Enter, and is
 * told it is in, sealed, in the same words whoever leads.
 */
import type { Browser } from 'playwright-core';
import { launchBrowser, keepScreenshot, viewports } from '../support/browser';
import { auctionWorld, liveAuction, startAuction, type TestClock } from '../support/auctions';
import { botSaid, chatBiddingOn, sayInChat, signInChatter, type Chatter } from '../support/chat-bidding';
import { liftBidderLimits } from '../support/marketplace';
import type { TestRuntime } from '../support/local-runtime';

let rt: TestRuntime;
let clock: TestClock;
let builder: string;
let browser: Browser;
const channel = 'lavkeebs';
const viewer: Chatter = { login: 'quiet_bidder', userId: '510000076' };
let link: string;
let auctionId: string;

beforeAll(async () => {
  ({ rt, clock, builder } = await auctionWorld());
  browser = await launchBrowser();
  await liftBidderLimits(rt);
  await chatBiddingOn(rt, builder, channel);
  // The broadcaster mods the bot, which granted moderator:manage:chat_messages with its other scopes.
  await fetch(`${rt.url}/_local/twitch/channels/${channel}/moderator`, { method: 'POST' });
  await signInChatter(rt, viewer);
  await startAuction(rt, builder, { price: 25, duration: '2m' });
  auctionId = (await liveAuction(rt, builder)).auctionId;
  // The stated end has passed: the sealed final call is on.
  clock.advance(2 * 60_000 + 1_000);
  await rt.settle();
  await sayInChat(rt, channel, viewer, '!bid 60');
  await rt.settle();
  for (let i = 0; i < 3 && !link; i++) {
    clock.advance(1_100);
    await rt.tasks.runDueNow();
    await rt.settle();
    link = /https?:\/\/\S+\/bid\/[0-9a-z]+/.exec((await botSaid(rt, channel)).map((m) => m.text).join('\n'))?.[0] ?? '';
  }
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await rt?.close();
});

describe('a sealed bid from chat, placed in private', () => {
  it('answers !bid in the final call with a link on this site to the auction’s private bid page', () => {
    expect(link).toBe(`${rt.url}/bid/${auctionId}`);
  });

  it('takes the viewer through the Twitch sign-in to the form, and their bid typed and entered is in, sealed', async () => {
    const context = await browser.newContext({ viewport: viewports.phone });
    try {
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('pageerror', (error) => problems.push(error.message));
      await page.goto(link, { waitUntil: 'load' });
      // Signed out: the local Twitch asks who to sign in as, as Twitch's own page would.
      expect(page.url()).toContain('/_local/twitch/authorize');
      await page.getByLabel('Twitch login').pressSequentially(viewer.login);
      await page.getByLabel('Twitch user id (optional)').pressSequentially(viewer.userId);
      await page.keyboard.press('Enter');
      await page.waitForURL(`**/bid/${auctionId}`);
      await page.getByRole('heading', { name: /Your sealed bid/ }).waitFor();
      expect(await page.locator('main').innerText()).toContain(`Signed in with Twitch as ${viewer.login}`);
      await page.getByLabel(/Your bid, at least/).pressSequentially('60');
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: 'Your bid is in, sealed until the final call ends' }).waitFor();
      await keepScreenshot(page, 'sealed-bid-placed-phone');
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
