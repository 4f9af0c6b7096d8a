/**
 * The live auction overlay as OBS shows it (520×220), in headless Chromium, against the
 * local runtime: every auction state made with really signed requests, at the product's
 * longest inputs (the most a price may be, 100-character items, 32-character names), and
 * the card must hold all of it whole. Screenshots land in test-artifacts/screenshots/.
 */
import type { Browser, Page } from 'playwright-core';
import { auctionPath, auctionsCollection, type Auction } from '../../shared/auctions/rules/auction';
import { auctionLimits } from '../../shared/auctions/rules/auction';
import { openAuctionBook } from '../../shared/local/auction-book-connection';
import {
  keepScreenshot,
  launchBrowser,
  openPage,
  outOfBounds,
  screenshotAlpha,
  settled,
  shippedFontLoaded,
  requestTimes,
  shown,
  viewports,
  wideDisplayName,
  type OpenedPage,
} from '../support/browser';
import { TestClock, runToHammer } from '../support/auctions';
import { asMember, command, inChannel, snowflake, useInteractionClock } from '../support/interactions';
import { answerOf, dmsTo, linkIn, onboard, pay, sessions, setUpGuild, liftBidderLimits, textOf } from '../support/marketplace';
import { startTestRuntime, type TestRuntime } from '../support/local-runtime';
import { personPseudonym } from '../../shared/log';

/** Discord usernames and display names run to 32 characters. */
const LONG_USERNAME = 'the_longest_discord_username_32c';
const WIDE_NAME = wideDisplayName;
/** As long as `/c500 auction start` lets an item be. */
const LONG_ITEM = 'Tofu65 in e-white: lubed Oil Kings, brass plate, GMK Olivia++ keycaps, a coiled cable & a carry case';
/** The most a price may be (shared/common/rules/money.ts maxAmountCents), in dollars. */
const MAX_PRICE = 999_999.99;

let rt: TestRuntime;
let clock: TestClock;
let browser: Browser;
let builder: string;
const opened: OpenedPage[] = [];

beforeAll(async () => {
  clock = new TestClock();
  useInteractionClock(clock);
  [rt, browser] = await Promise.all([startTestRuntime({ clock }), launchBrowser()]);
  builder = snowflake();
  await setUpGuild(rt);
  await liftBidderLimits(rt);
  await onboard(rt, builder);
}, 60_000);

afterEach(async () => {
  await Promise.all(opened.splice(0).map((o) => o.close()));
});

afterAll(async () => {
  await browser?.close();
  await rt?.close();
});

// Every auction runs in a channel of its own, so each test's stays live beside the others'.
let channels = 0;
const newChannel = () => String(911_000_000_000_000_000n + BigInt(++channels));

/** `/c500 auction start` by the builder in a channel of its own; answers the auction. */
async function startAuction(options: Record<string, string | number | boolean>, on = { rt, builder }): Promise<Auction> {
  const channelId = newChannel();
  const answer = await answerOf(
    on.rt,
    inChannel(
      command({ name: 'c500', path: ['auction', 'start'], options: { item: LONG_ITEM, price: MAX_PRICE, duration: '10m', ...options }, userId: on.builder }),
      channelId,
    ),
  );
  const [found] = await on.rt.store.query(auctionsCollection, { where: [['channelId', '==', channelId]] });
  if (!found) throw new Error(`the auction did not start: ${textOf(answer)}`);
  return found.data;
}

/** `/bid` on that auction by a member with this name; answers the bidder's id. */
async function bid(auction: Auction, amount: number, name = LONG_USERNAME, kind: 'username' | 'display name' = 'username', on = rt): Promise<string> {
  const bidder = snowflake();
  const answer = await answerOf(
    on,
    asMember(inChannel(command({ name: 'bid', options: { amount, auction: auction.auctionId }, userId: bidder }), auction.channelId), name, kind),
  );
  if (!/You lead|still lead/.test(textOf(answer))) throw new Error(`the bid of ${amount} was not placed: ${textOf(answer)}`);
  return bidder;
}

const sessionOf = async (auction: Auction, buyerId: string) => {
  const found = (await sessions(rt)).find(
    (s) => s.metadata.auction_id === auction.auctionId && s.metadata.buyer_pseudonym === personPseudonym(buyerId) && s.status === 'open',
  );
  if (!found) throw new Error(`no open checkout for ${buyerId}`);
  return found;
};

async function expire(auction: Auction, buyerId: string): Promise<void> {
  const res = await fetch(`${rt.url}/_local/stripe/sessions/${(await sessionOf(auction, buyerId)).id}/expire`, { method: 'POST' });
  expect(res.status).toBe(200);
  await rt.settle();
}

/** The overlay for an auction, opened at its OBS size once the card has drawn in the shipped font. */
async function overlay(auctionIdParam: string, { waitFor = '#card:not([hidden])', on = rt } = {}): Promise<OpenedPage> {
  const page = await openPage(browser, `${on.url}/overlay/auction?id=${auctionIdParam}`, viewports.auctionOverlay);
  opened.push(page);
  await page.page.waitForSelector(waitFor);
  await settled(page.page);
  return page;
}

/** Opens the overlay, keeps its screenshot and checks that the card holds everything it shows, whole. */
async function expectWholeCard(auction: Auction, screenshot: string, on = rt): Promise<Page> {
  const { page, problems } = await overlay(auction.auctionId, { on });
  await keepScreenshot(page, screenshot);
  expect(await outOfBounds(page, '#card')).toEqual([]);
  expect(problems).toEqual([]);
  return page;
}

describe('the auction overlay while bidding runs', () => {
  it('shows the most a price may be, a 100-character item and a 32-character leader whole, with two hours on an h:mm:ss clock, in the shipped font', async () => {
    expect(LONG_ITEM).toHaveLength(auctionLimits.maxItemLength);
    expect(LONG_USERNAME).toHaveLength(32);
    const auction = await startAuction({ duration: '2h' });
    await bid(auction, MAX_PRICE);
    const page = await expectWholeCard(auction, 'auction-overlay-live-max-price');
    expect(await shown(page, '#price')).toBe('$999,999.99');
    expect(await shown(page, '#item')).toBe(LONG_ITEM);
    expect(await shown(page, '#leader')).toBe(`leading: ${LONG_USERNAME}`);
    expect(await shown(page, '#clock')).toMatch(/^[12]:\d\d:\d\d$/);
    expect(await shippedFontLoaded(page)).toBe(true);
  });

  it('shows $1,450.00 with 90 minutes left, the clock and its label whole beside the price', async () => {
    const auction = await startAuction({ item: 'Tofu65 in e-white', price: 1450, duration: '2h' });
    await bid(auction, 1450, 'dee_bids');
    clock.advance(30 * 60_000);
    const page = await expectWholeCard(auction, 'auction-overlay-live-90-minutes-left');
    expect(await shown(page, '#price')).toBe('$1,450.00');
    expect(await shown(page, '#clock')).toMatch(/^1:(30:00|29:5\d)$/);
    expect((await shown(page, '#slot-label')).toLowerCase()).toBe('ends in');
  });

  it('counts the last ten seconds down as "going…"', async () => {
    const auction = await startAuction({ duration: '2m' });
    await bid(auction, MAX_PRICE, WIDE_NAME, 'display name');
    clock.ms = Date.parse(auction.endsAt) - 7_000;
    const page = await expectWholeCard(auction, 'auction-overlay-live-going');
    expect((await shown(page, '#slot-label')).toLowerCase()).toBe('going…');
    expect(await page.locator('#card').getAttribute('class')).toContain('going');
    expect(await shown(page, '#clock')).toMatch(/^00:0\d$/);
  });

  it('says "final call · 20s sealed" (how long it lasts) after the stated end and counts down to its end, seen the stream’s delay early, the price and leader as they were', async () => {
    const auction = await startAuction({ price: 25, duration: '2m', 'stream-delay': 3, 'final-call': 20 });
    await bid(auction, 40, 'dee_bids');
    clock.ms = Date.parse(auction.endsAt) + 2_000;
    const page = await expectWholeCard(auction, 'auction-overlay-final-call');
    expect((await shown(page, '#slot-label')).toLowerCase()).toBe('final call · 20s sealed');
    expect(await page.locator('#card').getAttribute('class')).toContain('final-call');
    // 20 s of final call, 2 s gone, its zero 3 s (and half a second) early on stream: 14.5 s, shown as 00:15 or, a tick on, 00:14.
    expect(await shown(page, '#clock')).toMatch(/^00:1[45]$/);
    expect(await shown(page, '#price')).toBe('$40.00');
    expect(await shown(page, '#leader')).toBe('leading: dee_bids');
  });

  it('shows a sudden-death auction twelve hours from its end with the clock whole', async () => {
    const auction = await startAuction({ duration: '12h', 'sudden-death': true });
    await bid(auction, MAX_PRICE, WIDE_NAME, 'display name');
    const page = await expectWholeCard(auction, 'auction-overlay-live-sudden-death');
    expect((await shown(page, '#slot-label')).toLowerCase()).toBe('sudden death');
    expect(await shown(page, '#clock')).toMatch(/^1[12]:\d\d:\d\d$/);
    expect(await shown(page, '#leader')).toBe(`leading: ${WIDE_NAME}`);
  });

  it('marks a reserve not met beside the price, leaving the leader’s whole row to the leader', async () => {
    const auction = await startAuction({ price: 999_000, reserve: MAX_PRICE, duration: '1h' });
    await bid(auction, 999_500, WIDE_NAME, 'display name');
    const page = await expectWholeCard(auction, 'auction-overlay-live-reserve-not-met');
    expect(await page.locator('#reserve').isVisible()).toBe(true);
    expect(await shown(page, '#price')).toBe('$999,500.00');
    expect(await shown(page, '#leader')).toBe(`leading: ${WIDE_NAME}`);
  });

  it('says there are no bids yet, with the opening price', async () => {
    const auction = await startAuction({ duration: '1h' });
    const page = await expectWholeCard(auction, 'auction-overlay-live-no-bids');
    expect((await shown(page, '#price-label')).toLowerCase()).toBe('opens at');
    expect(await shown(page, '#price')).toBe('$999,999.99');
    expect(await shown(page, '#leader')).toMatch(/no bids yet/i);
  });
});

describe('the auction overlay in yen', () => {
  let yen: TestRuntime;
  let yenBuilder: string;

  beforeAll(async () => {
    yen = await startTestRuntime({ clock, env: { C500_CURRENCY: 'jpy' } });
    yenBuilder = snowflake();
    await setUpGuild(yen);
    await liftBidderLimits(yen);
    await onboard(yen, yenBuilder);
  }, 60_000);
  afterAll(() => yen?.close());

  it('shows ¥99,999,999, the most a yen price may be, whole beside a twelve-hour clock', async () => {
    const auction = await startAuction({ price: 99_999_999, duration: '12h' }, { rt: yen, builder: yenBuilder });
    await bid(auction, 99_999_999, WIDE_NAME, 'display name', yen);
    const page = await expectWholeCard(auction, 'auction-overlay-live-max-yen', yen);
    expect(await shown(page, '#price')).toBe('99,999,999 JPY');
    expect(await shown(page, '#clock')).toMatch(/^1[12]:\d\d:\d\d$/);
  });
});

describe('the auction overlay once bidding is over', () => {
  it('shows a closed auction, between the hammer freezing the book and the result being written', async () => {
    const auction = await startAuction({});
    await bid(auction, MAX_PRICE);
    // No request can stop the hammer between its two steps: this is its first step, by hand,
    // on the runtime's own book (its Cloud Task would write the result next).
    // Due once the sealed final call (10 s when nobody said) and the settle window after the end
    // are over, on the book's clock (Redis's): this book's is moved a second past that, as the
    // runtime moves its own.
    const dueMs = Date.parse(auction.endsAt) + (auction.finalCallSeconds ?? 0) * 1000 + rt.config.auctions.settleMs;
    const { book, close } = openAuctionBook({ kind: 'redis', redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' }, rt.config, {
      clockOffsetMs: () => dueMs + 1_000 - Date.now(),
    });
    try {
      const frozen = await book.hammer(auction.auctionId, 0, dueMs);
      expect(frozen.kind).toBe('closed');
    } finally {
      await close();
    }
    const page = await expectWholeCard(auction, 'auction-overlay-closed');
    expect(await shown(page, '#stamp')).toBe('CLOSED');
    expect(await shown(page, '#banner')).toBe(`Bidding closed: won by ${LONG_USERNAME}`);
  });

  it('shows an auction the builder cancelled before the first bid', async () => {
    const auction = await startAuction({});
    const answer = await answerOf(
      rt,
      inChannel(command({ name: 'c500', path: ['auction', 'cancel'], options: { auction: auction.auctionId }, userId: builder }), auction.channelId),
    );
    expect(textOf(answer)).toContain('is cancelled');
    const page = await expectWholeCard(auction, 'auction-overlay-cancelled');
    expect(await shown(page, '#stamp')).toBe('CANCELLED');
    expect(await shown(page, '#banner')).toBe('Cancelled by the builder before the first bid');
  });

  it('shows who won while the winner’s payment is awaited, the whole sentence on the card', async () => {
    const auction = await startAuction({});
    await bid(auction, MAX_PRICE);
    await runToHammer(rt, clock, auction.auctionId);
    const page = await expectWholeCard(auction, 'auction-overlay-awaiting-payment');
    expect(await shown(page, '#stamp')).toBe('WON');
    expect(await shown(page, '#banner')).toBe(`Sold to ${LONG_USERNAME} for $999,999.99`);
  });

  it('shows the runner-up’s second chance when the winner lets the checkout expire', async () => {
    const auction = await startAuction({ price: 999_000 });
    await bid(auction, 999_949.99, WIDE_NAME, 'display name');
    const winner = await bid(auction, MAX_PRICE);
    await runToHammer(rt, clock, auction.auctionId);
    await expire(auction, winner);
    const page = await expectWholeCard(auction, 'auction-overlay-second-chance');
    expect(await shown(page, '#stamp')).toBe('OFFERED');
    expect(await shown(page, '#banner')).toBe(`Second chance: offered to ${WIDE_NAME} at $999,949.99`);
  });

  it('shows the auction sold once the winner has paid', async () => {
    const auction = await startAuction({});
    const winner = await bid(auction, MAX_PRICE);
    await runToHammer(rt, clock, auction.auctionId);
    const paid = await pay(rt, linkIn(dmsTo(rt, winner).pop() ?? {}));
    expect(paid.status).toBe(200);
    const page = await expectWholeCard(auction, 'auction-overlay-paid');
    expect(await shown(page, '#stamp')).toBe('SOLD');
    expect(await shown(page, '#banner')).toBe(`Sold to ${LONG_USERNAME} for $999,999.99`);
  });

  it('shows an auction nobody bid on as unsold, saying why', async () => {
    const auction = await startAuction({});
    await runToHammer(rt, clock, auction.auctionId);
    const page = await expectWholeCard(auction, 'auction-overlay-unsold-no-bids');
    expect(await shown(page, '#stamp')).toBe('UNSOLD');
    expect(await shown(page, '#banner')).toBe('Unsold: nobody bid.');
  });

  it('shows an auction whose reserve was not met as unsold, saying why', async () => {
    const auction = await startAuction({ price: 999_000, reserve: MAX_PRICE });
    await bid(auction, 999_500, WIDE_NAME, 'display name');
    await runToHammer(rt, clock, auction.auctionId);
    const page = await expectWholeCard(auction, 'auction-overlay-unsold-reserve-not-met');
    expect(await shown(page, '#banner')).toBe('Unsold: the reserve wasn’t met.');
  });

  it('shows an auction neither the winner nor the runner-ups paid for as unsold, saying why', async () => {
    const auction = await startAuction({ price: 999_000 });
    const bidders = [await bid(auction, 999_000, 'first'), await bid(auction, 999_500, 'second'), await bid(auction, MAX_PRICE)];
    await runToHammer(rt, clock, auction.auctionId);
    for (const bidder of [...bidders].reverse()) await expire(auction, bidder);
    expect((await rt.store.get(auctionPath(auction.auctionId)))?.status).toBe('unsold');
    const page = await expectWholeCard(auction, 'auction-overlay-unsold-no-one-paid');
    expect(await shown(page, '#banner')).toBe('Unsold: neither the winner nor the runner-ups paid.');
  });
});

describe('the auction overlay when something is wrong', () => {
  it('says an id that is not an auction id is one, and asks again only every few seconds, not every second', async () => {
    const { page, problems } = await overlay('NOT-AN-ID!', { waitFor: '#note:not([hidden])' });
    await page.waitForFunction(() => /isn’t an auction id/.test(document.getElementById('note')?.textContent ?? ''));
    await keepScreenshot(page, 'auction-overlay-malformed-id');
    expect(await shown(page, '#note')).toContain('check the ?id= in the overlay URL');
    // A refused id is asked again after about five seconds (±10 %), then ten: never every second.
    const [first, again] = await requestTimes(page, '/overlay/auction/', 2);
    expect((again as number) - (first as number)).toBeGreaterThanOrEqual(4_400);
    expect(problems.length).toBeLessThanOrEqual(4);
    for (const problem of problems) expect(problem).toMatch(/400/);
  });

  it('says there is no such auction for a well-formed id nobody started', async () => {
    const { page } = await overlay('nosuchauction1', { waitFor: '#note:not([hidden])' });
    await page.waitForFunction(() => /No such auction/.test(document.getElementById('note')?.textContent ?? ''));
    await keepScreenshot(page, 'auction-overlay-no-such-auction');
    expect(await page.locator('#card').isHidden()).toBe(true);
  });

  it('keeps showing the last state, marked as reconnecting, when the network drops', async () => {
    const auction = await startAuction({ duration: '2h' });
    await bid(auction, MAX_PRICE);
    const { page } = await overlay(auction.auctionId);
    await page.route('**/overlay/auction/**', (route) => route.abort('internetdisconnected'));
    await page.locator('#conn').waitFor({ state: 'visible' });
    await settled(page);
    await keepScreenshot(page, 'auction-overlay-reconnecting');
    expect(await shown(page, '#price')).toBe('$999,999.99');
    expect(await shown(page, '#leader')).toBe(`leading: ${LONG_USERNAME}`);
    expect(await outOfBounds(page, '#card')).toEqual([]);
    // The mark sits on the card's top edge, inside the OBS source.
    const mark = await page.locator('#conn').boundingBox();
    expect(mark && mark.y >= 0 && mark.x >= 0 && mark.x + mark.width <= viewports.auctionOverlay.width).toBe(true);
  });

  it('draws nothing but the card: the page itself is transparent', async () => {
    const auction = await startAuction({});
    const { page } = await overlay(auction.auctionId);
    expect(await page.evaluate(() => [getComputedStyle(document.documentElement).backgroundColor, getComputedStyle(document.body).backgroundColor])).toEqual([
      'rgba(0, 0, 0, 0)',
      'rgba(0, 0, 0, 0)',
    ]);
    const png = await page.screenshot({ omitBackground: true });
    expect((await screenshotAlpha(page, png)).corner).toBe(0);
  });
});
