/**
 * The show overlay as OBS shows it (1280×300), in headless Chromium, against the local
 * runtime: shows created, filled, started and run with really signed `/c500 show` commands,
 * bids and run-sheet buttons, the clock moved by hand to each hammer and through each gap;
 * at the product's longest inputs (80-character titles, 100-character items, 32-character
 * names, the most a price may be, in dollars and in yen), and the card must hold all of it
 * whole in every state. Screenshots land in test-artifacts/screenshots/.
 */
import type { Browser, Page } from 'playwright-core';
import { auctionLimits } from '../../shared/auctions/rules/auction';
import { runSheetButtonId, showChannelPath, showLimits, showPath, type RunSheetAction, type Show } from '../../shared/shows/rules/show';
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
import { ADMIN, asMember, buttonPress, command, inChannel, snowflake, useInteractionClock } from '../support/interactions';
import { answerOf, dmsTo, linkIn, pay, setUpGuild, liftBidderLimits, textOf } from '../support/marketplace';
import { waitOutGap } from '../support/shows';
import { startTestRuntime, type TestRuntime } from '../support/local-runtime';

/** As long as `/c500 show create` lets a title be. */
const LONG_TITLE = 'Friday night keebs: twenty lots from eight builders, GMK sets and Tofu65s all in';
/** As long as `/c500 show add` lets an item be. */
const LONG_ITEM = 'Tofu65 in e-white: lubed Oil Kings, brass plate, GMK Olivia++ keycaps, a coiled cable & a carry case';
/** Discord usernames and display names run to 32 characters. */
const LONG_USERNAME = 'the_longest_discord_username_32c';
const WIDE_NAME = wideDisplayName;
/** The most a price may be (shared/common/rules/money.ts maxAmountCents), in dollars and in yen. */
const MAX_PRICE = 999_999.99;
const MAX_YEN = 99_999_999;

jest.setTimeout(60_000);

let rt: TestRuntime;
let clock: TestClock;
let browser: Browser;
const host = snowflake();
/** Partner builders: one with an everyday name, one with the widest 32 characters. */
const builder = snowflake();
const wideBuilder = snowflake();
const opened: OpenedPage[] = [];

beforeAll(async () => {
  clock = new TestClock();
  useInteractionClock(clock);
  [rt, browser] = await Promise.all([startTestRuntime({ clock }), launchBrowser()]);
  await setUpGuild(rt);
  await liftBidderLimits(rt);
  await onboardAs(rt, builder, 'Juno Keys');
  await onboardAs(rt, wideBuilder, WIDE_NAME);
}, 60_000);

afterEach(async () => {
  await Promise.all(opened.splice(0).map((o) => o.close()));
});

afterAll(async () => {
  await browser?.close();
  await rt?.close();
});

// A show holds its channel until it ends: every test runs its show in a channel of its own.
let channels = 0;
const newChannel = () => String(913_000_000_000_000_000n + BigInt(++channels));

/** `/c500 onboard` by a builder with this display name (the name lots show), then Stripe's link, finished. */
async function onboardAs(on: TestRuntime, builderId: string, name: string): Promise<void> {
  const answer = await answerOf(on, asMember(command({ name: 'c500', path: ['onboard'], options: { country: 'US' }, userId: builderId }), name));
  const res = await fetch(linkIn(answer));
  if (res.status !== 200) throw new Error(`onboarding link answered ${res.status}`);
  await on.settle();
}

interface Lot {
  item?: string;
  price?: number;
  duration?: string;
  reserve?: number;
  by?: string;
}

/**
 * `/c500 show create` by the host (an admin, with this display name) in a channel of its
 * own, then `/c500 show add` for each lot by its builder; answers the show as planned.
 */
async function planShow(lots: Lot[], { title = 'Friday night keebs', hostName = 'Hosty', on = rt } = {}): Promise<Show> {
  const channelId = newChannel();
  const created = await answerOf(
    on,
    asMember(inChannel(command({ name: 'c500', path: ['show', 'create'], options: { title }, userId: host, permissions: ADMIN }), channelId), hostName),
  );
  for (const lot of lots) {
    const options = {
      item: lot.item ?? 'Tofu65 in e-white',
      price: lot.price ?? 25,
      duration: lot.duration ?? '2m',
      ...(lot.reserve ? { reserve: lot.reserve } : {}),
    };
    const added = await answerOf(on, inChannel(command({ name: 'c500', path: ['show', 'add'], options, userId: lot.by ?? builder }), channelId));
    if (!/added|Lot \d/i.test(textOf(added))) throw new Error(`the lot was not added: ${textOf(added)}`);
  }
  const pointer = await on.store.get(showChannelPath(channelId));
  if (!pointer) throw new Error(`the show was not created: ${textOf(created)}`);
  return theShow(pointer.showId, on);
}

const theShow = async (showId: string, on = rt): Promise<Show> => (await on.store.get(showPath(showId))) as Show;

/** `/c500 show start` by the host: the first lot goes up. */
async function startShow(show: Show, on = rt): Promise<void> {
  const answer = await answerOf(on, inChannel(command({ name: 'c500', path: ['show', 'start'], userId: host, permissions: ADMIN }), show.channelId));
  if (!/on air/.test(textOf(answer))) throw new Error(`the show did not start: ${textOf(answer)}`);
}

/** A press of the run sheet's button by the host. */
async function press(show: Show, action: RunSheetAction, on = rt): Promise<string> {
  const interaction = buttonPress(runSheetButtonId(show.showId, action), host, { channelId: show.channelId });
  (interaction.member as { permissions: string }).permissions = ADMIN;
  return textOf(await answerOf(on, interaction));
}

/** `/bid` in the show's channel (on its live lot) by a member with this name; answers the bidder's id. */
async function bid(show: Show, amount: number, name = LONG_USERNAME, kind: 'username' | 'display name' = 'username', on = rt): Promise<string> {
  const bidder = snowflake();
  const answer = await answerOf(on, asMember(inChannel(command({ name: 'bid', options: { amount }, userId: bidder }), show.channelId), name, kind));
  if (!/You lead|still lead/.test(textOf(answer))) throw new Error(`the bid of ${amount} was not placed: ${textOf(answer)}`);
  return bidder;
}

/** Runs the live lot to its hammer: the show goes into its gap (or ends after its last lot). */
async function hammer(show: Show, on = rt): Promise<void> {
  const live = (await theShow(show.showId, on)).lots.find((l) => l.state === 'live');
  if (!live?.auctionId) throw new Error('no lot is live');
  await runToHammer(on, clock, live.auctionId);
}

/** The overlay for a show, opened at its OBS size once the card has drawn in the shipped font. */
async function overlay(showIdParam: string, { waitFor = '#card:not([hidden])', on = rt } = {}): Promise<OpenedPage> {
  const page = await openPage(browser, `${on.url}/overlay/show?id=${showIdParam}`, viewports.showOverlay);
  opened.push(page);
  await page.page.waitForSelector(waitFor);
  await settled(page.page);
  return page;
}

/** Opens the overlay, keeps its screenshot and checks that the card holds everything it shows, whole. */
async function expectWholeCard(show: Show, screenshot: string, on = rt): Promise<Page> {
  const { page, problems } = await overlay(show.showId, { on });
  await keepScreenshot(page, screenshot);
  expect(await outOfBounds(page, '#card')).toEqual([]);
  expect(problems).toEqual([]);
  return page;
}

/** Each shown row's text, in order: the number, then its item and its line below. */
const rowsOf = (page: Page, list: '#next-rows' | '#result-rows') =>
  page.locator(`${list} > li:not([hidden])`).evaluateAll((rows) => rows.map((r) => (r as HTMLElement).innerText.replace(/\s+/g, ' ').trim()));

describe('the show overlay before the show and between lots', () => {
  it('shows a show being planned: the longest title and host name, the first lot on the stage with the most a price may be, and the lots after it', async () => {
    expect(LONG_TITLE).toHaveLength(showLimits.maxTitleLength);
    expect(LONG_ITEM).toHaveLength(auctionLimits.maxItemLength);
    const show = await planShow(
      [
        { item: LONG_ITEM, price: MAX_PRICE, by: wideBuilder },
        { item: LONG_ITEM, price: MAX_PRICE, by: wideBuilder },
        { item: 'Lavender 65%', price: 50 },
        { item: 'Brass Bauer', price: 80 },
        { item: 'GMK Olivia++ base kit', price: 120 },
      ],
      { title: LONG_TITLE, hostName: WIDE_NAME },
    );
    const page = await expectWholeCard(show, 'show-overlay-planning');
    expect(await shown(page, '#pill')).toBe('STARTING SOON');
    expect(await shown(page, '#title')).toBe(LONG_TITLE);
    expect(await shown(page, '#host')).toBe(`hosted by ${WIDE_NAME}`);
    expect(await shown(page, '#lotno')).toBe('FIRST UP · LOT 1 OF 5');
    expect(await shown(page, '#builder')).toBe(`by ${WIDE_NAME}`);
    expect(await shown(page, '#item')).toBe(LONG_ITEM);
    expect(await shown(page, '#price')).toBe('$999,999.99');
    expect(await shown(page, '#stamp')).toBe('SOON');
    const next = await rowsOf(page, '#next-rows');
    expect(next[0]).toBe(`2 ${LONG_ITEM} by ${WIDE_NAME} · opens at $999,999.99`);
    // What the list leaves out, it counts: lots 2 to 4 are listed by the board, lot 5 is one more.
    expect(await shown(page, '#more')).toBe(`+${5 - 1 - next.length} MORE`);
    expect(await rowsOf(page, '#result-rows')).toEqual([expect.stringMatching(/^No results yet/)]);
    expect(await shippedFontLoaded(page)).toBe(true);
  });

  it('counts down to the next lot in the gap after a hammer, that lot on the stage and the hammered one in the results', async () => {
    const show = await planShow([{ item: 'Tofu65 in e-white', price: 100 }, { item: LONG_ITEM, price: MAX_PRICE, by: wideBuilder }, { item: 'Brass Bauer' }]);
    await startShow(show);
    await bid(show, 120, 'dee_bids');
    await hammer(show);
    clock.advance(3_000);
    const page = await expectWholeCard(show, 'show-overlay-gap');
    expect(await shown(page, '#pill')).toBe('ON AIR');
    expect((await shown(page, '#slot-label')).toLowerCase()).toBe('next lot in');
    expect(await shown(page, '#clock')).toMatch(/^00:0[67]$/);
    expect(await shown(page, '#lotno')).toBe('UP NEXT · LOT 2 OF 3');
    expect(await shown(page, '#item')).toBe(LONG_ITEM);
    expect(await shown(page, '#price')).toBe('$999,999.99');
    expect(await rowsOf(page, '#next-rows')).toEqual(['3 Brass Bauer by Juno Keys · opens at $25.00']);
    expect(await rowsOf(page, '#result-rows')).toEqual(['1 Tofu65 in e-white SOLD dee_bids · $120.00']);
    expect(await shown(page, '#totals')).toBe('1 of 3 sold · $120.00');
  });

  it('says the show is paused, with the lot that waits for it to resume', async () => {
    const show = await planShow([
      { item: 'Tofu65 in e-white', price: 100 },
      { item: 'Lavender 65%', price: 50 },
    ]);
    await startShow(show);
    await hammer(show);
    expect(await press(show, 'pause')).toMatch(/Paused/);
    const page = await expectWholeCard(show, 'show-overlay-paused');
    expect(await shown(page, '#pill')).toBe('PAUSED');
    expect(await shown(page, '#stamp')).toBe('PAUSED');
    expect(await shown(page, '#item')).toBe('Lavender 65%');
    expect(await shown(page, '#leader')).toMatch(/waits for the show to resume/);
    expect(await rowsOf(page, '#result-rows')).toEqual(['1 Tofu65 in e-white UNSOLD nobody bid.']);
  });
});

describe('the show overlay while a lot takes bids', () => {
  it('shows the live lot as the auction overlay does: its place, builder, price, leader and clock, and the lots up next', async () => {
    const show = await planShow([
      { item: 'Tofu65 in e-white', price: 1_000 },
      { item: 'Lavender 65%', price: 50 },
      { item: 'Brass Bauer', price: 80 },
    ]);
    await startShow(show);
    await bid(show, 1_450, 'dee_bids');
    const page = await expectWholeCard(show, 'show-overlay-live');
    expect(await shown(page, '#lotno')).toBe('LOT 1 OF 3');
    expect(await shown(page, '#builder')).toBe('by Juno Keys');
    expect(await shown(page, '#item')).toBe('Tofu65 in e-white');
    expect(await shown(page, '#price')).toBe('$1,450.00');
    expect(await shown(page, '#leader')).toBe('leading: dee_bids');
    expect(await shown(page, '#clock')).toMatch(/^0[12]:\d\d$/);
    expect((await shown(page, '#slot-label')).toLowerCase()).toBe('ends in');
    expect(await rowsOf(page, '#next-rows')).toEqual(['2 Lavender 65% by Juno Keys · opens at $50.00', '3 Brass Bauer by Juno Keys · opens at $80.00']);
  });

  it('holds the longest title, item and names and the most a price may be whole, with the results of the lots before it', async () => {
    const show = await planShow(
      [
        ...Array.from({ length: 3 }, () => ({ item: LONG_ITEM, price: MAX_PRICE, duration: '30m', by: wideBuilder })),
        ...Array.from({ length: 4 }, () => ({ item: LONG_ITEM, price: MAX_PRICE, by: wideBuilder })),
      ],
      { title: LONG_TITLE, hostName: WIDE_NAME },
    );
    await startShow(show);
    await bid(show, MAX_PRICE, WIDE_NAME, 'display name');
    await hammer(show);
    await waitOutGap(rt, clock);
    await hammer(show); // nobody bid
    await waitOutGap(rt, clock);
    await bid(show, MAX_PRICE);
    const page = await expectWholeCard(show, 'show-overlay-live-max');
    expect(await shown(page, '#lotno')).toBe('LOT 3 OF 7');
    expect(await shown(page, '#item')).toBe(LONG_ITEM);
    expect(await shown(page, '#price')).toBe('$999,999.99');
    expect(await shown(page, '#leader')).toBe(`leading: ${LONG_USERNAME}`);
    expect(await shown(page, '#clock')).toMatch(/^(30:00|29:\d\d)$/);
    expect((await rowsOf(page, '#next-rows'))[0]).toBe(`4 ${LONG_ITEM} by ${WIDE_NAME} · opens at $999,999.99`);
    expect(await rowsOf(page, '#result-rows')).toEqual([`2 ${LONG_ITEM} UNSOLD nobody bid.`, `1 ${LONG_ITEM} SOLD ${WIDE_NAME} · $999,999.99`]);
    expect(await shown(page, '#totals')).toBe('1 of 7 sold · $999,999.99');
  });

  it('counts a lot’s last ten seconds down as "going…"', async () => {
    const show = await planShow([{ item: 'Tofu65 in e-white', price: 100, duration: '45s' }]);
    await startShow(show);
    await bid(show, 100, WIDE_NAME, 'display name');
    clock.advance(38_000);
    const page = await expectWholeCard(show, 'show-overlay-live-going');
    expect((await shown(page, '#slot-label')).toLowerCase()).toBe('going…');
    expect(await page.locator('#card').getAttribute('class')).toContain('going');
    expect(await shown(page, '#clock')).toMatch(/^00:0\d$/);
  });
});

describe('the show overlay in yen', () => {
  let yen: TestRuntime;

  beforeAll(async () => {
    yen = await startTestRuntime({ clock, env: { C500_CURRENCY: 'jpy' } });
    await setUpGuild(yen);
    await liftBidderLimits(yen);
    await onboardAs(yen, wideBuilder, WIDE_NAME);
  }, 60_000);
  afterAll(() => yen?.close());

  it('shows ¥99,999,999, the most a yen price may be, whole on the stage, in the lists and in the totals', async () => {
    const lots = Array.from({ length: 5 }, () => ({ item: LONG_ITEM, price: MAX_YEN, duration: '30m', by: wideBuilder }));
    const show = await planShow(lots, { title: LONG_TITLE, hostName: WIDE_NAME, on: yen });
    await startShow(show, yen);
    await bid(show, MAX_YEN, WIDE_NAME, 'display name', yen);
    await hammer(show, yen);
    await waitOutGap(yen, clock);
    await bid(show, MAX_YEN, LONG_USERNAME, 'username', yen);
    const page = await expectWholeCard(show, 'show-overlay-live-max-yen', yen);
    expect(await shown(page, '#price')).toBe('99,999,999 JPY');
    expect(await rowsOf(page, '#result-rows')).toEqual([`1 ${LONG_ITEM} SOLD ${WIDE_NAME} · 99,999,999 JPY`]);
    expect((await rowsOf(page, '#next-rows'))[0]).toBe(`3 ${LONG_ITEM} by ${WIDE_NAME} · opens at 99,999,999 JPY`);
    expect(await shown(page, '#totals')).toBe('1 of 5 sold · 99,999,999 JPY');
  });
});

describe('the show overlay once the show is over', () => {
  it('says it is a wrap, with the total sold and the last results newest first, and is cached for half a minute', async () => {
    const show = await planShow([
      { item: 'Tofu65 in e-white', price: 100 },
      { item: 'Lavender 65%', price: 50, reserve: 500 },
      { item: LONG_ITEM, price: MAX_PRICE, by: wideBuilder },
    ]);
    await startShow(show);
    const winner = await bid(show, 120, 'dee_bids');
    await hammer(show);
    await waitOutGap(rt, clock);
    await bid(show, 60, 'low_baller');
    await hammer(show);
    await waitOutGap(rt, clock);
    await bid(show, MAX_PRICE, WIDE_NAME, 'display name');
    await hammer(show);
    expect((await theShow(show.showId)).status).toBe('ended');
    // Winners pay once the show is over: one checkout per builder.
    const paid = await pay(rt, linkIn(dmsTo(rt, winner).pop() ?? {}));
    expect(paid.status).toBe(200);

    const page = await expectWholeCard(show, 'show-overlay-ended');
    expect(await shown(page, '#pill')).toBe('ENDED');
    expect(await shown(page, '#stamp')).toBe('WRAP');
    expect(await shown(page, '#item')).toBe('2 of 3 lots sold');
    expect(await shown(page, '#price')).toBe('$1,000,119.99');
    expect(await page.locator('.next').isHidden()).toBe(true);
    expect(await rowsOf(page, '#result-rows')).toEqual([
      `3 ${LONG_ITEM} SOLD ${WIDE_NAME} · $999,999.99`,
      '2 Lavender 65% UNSOLD the reserve wasn’t met.',
      '1 Tofu65 in e-white PAID dee_bids · $120.00',
    ]);
    const res = await fetch(`${rt.url}/overlay/show/${show.showId}`);
    expect(res.headers.get('cache-control')).toBe('public, max-age=30, s-maxage=30');
  });
});

describe('the show overlay when something is wrong', () => {
  it('says an id that is not a show id is one, and asks again only every few seconds, not every second', async () => {
    const { page, problems } = await overlay('NOT-AN-ID!', { waitFor: '#note:not([hidden])' });
    await page.waitForFunction(() => /isn’t a show id/.test(document.getElementById('note')?.textContent ?? ''));
    await keepScreenshot(page, 'show-overlay-malformed-id');
    expect(await shown(page, '#note')).toContain('check the ?id= in the overlay URL');
    // A refused id is asked again after about five seconds (±10 %), then ten: never every second.
    const [first, again] = await requestTimes(page, '/overlay/show/', 2);
    expect((again as number) - (first as number)).toBeGreaterThanOrEqual(4_400);
    expect(problems.length).toBeLessThanOrEqual(4);
    for (const problem of problems) expect(problem).toMatch(/400/);
  });

  it('says there is no such show for a well-formed id nobody made', async () => {
    const { page } = await overlay('nosuch01', { waitFor: '#note:not([hidden])' });
    await page.waitForFunction(() => /No such show/.test(document.getElementById('note')?.textContent ?? ''));
    await keepScreenshot(page, 'show-overlay-no-such-show');
    expect(await page.locator('#card').isHidden()).toBe(true);
  });

  it('keeps showing the last state, marked as reconnecting, when the network drops', async () => {
    const show = await planShow([{ item: LONG_ITEM, price: MAX_PRICE, duration: '30m', by: wideBuilder }, { item: 'Lavender 65%' }]);
    await startShow(show);
    await bid(show, MAX_PRICE);
    const { page } = await overlay(show.showId);
    await page.route('**/overlay/show/**', (route) => route.abort('internetdisconnected'));
    await page.locator('#conn').waitFor({ state: 'visible' });
    await settled(page);
    await keepScreenshot(page, 'show-overlay-reconnecting');
    expect(await shown(page, '#price')).toBe('$999,999.99');
    expect(await shown(page, '#leader')).toBe(`leading: ${LONG_USERNAME}`);
    expect(await outOfBounds(page, '#card')).toEqual([]);
    // The mark sits on the card's top edge, inside the OBS source.
    const mark = await page.locator('#conn').boundingBox();
    expect(mark && mark.y >= 0 && mark.x >= 0 && mark.x + mark.width <= viewports.showOverlay.width).toBe(true);
  });

  it('draws nothing but the card: the page itself is transparent', async () => {
    const show = await planShow([{ item: 'Tofu65 in e-white' }]);
    const { page } = await overlay(show.showId);
    expect(await page.evaluate(() => [getComputedStyle(document.documentElement).backgroundColor, getComputedStyle(document.body).backgroundColor])).toEqual([
      'rgba(0, 0, 0, 0)',
      'rgba(0, 0, 0, 0)',
    ]);
    const png = await page.screenshot({ omitBackground: true });
    expect((await screenshotAlpha(page, png)).corner).toBe(0);
  });
});
