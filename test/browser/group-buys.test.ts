/**
 * A group buy's public page and its OBS overlay in headless Chromium against the local
 * runtime: the page at a laptop's and a phone's size (nothing wider than the window, no buyer
 * named), and the overlay (1280×120) whose bar fills in from the feed, counts down to the
 * close, then says funded or not met. The longest title a group buy takes fits both.
 * Screenshots land in test-artifacts/screenshots/.
 */
import type { Browser } from 'playwright-core';
import { keepScreenshot, launchBrowser, openPage, outOfBounds, settled, shown, viewports, type OpenedPage } from '../support/browser';
import { AUCTION_CHANNEL, auctionWorld } from '../support/auctions';
import { answerOf, linkIn, pay, say, textOf } from '../support/marketplace';
import { buttonPress, modalSubmit, snowflake } from '../support/interactions';
import type { TestRuntime } from '../support/local-runtime';
import { groupBuyPath, type GroupBuy } from '../../shared/groupbuys';

/** As long as a group buy's title may be (100 characters). */
const TITLE = 'GMK Olivia++ R2 keycap set: base kit, novelties, spacebars and the extension kit in cream and black';
const DESCRIPTION =
  'Cherry profile, doubleshot ABS from GMK in Germany. A link a builder pastes whole: https://keycaps.example/gmk-olivia-plus-plus-round-two-base-kit-novelties';

let rt: TestRuntime;
let browser: Browser;
let groupBuyId: string;
const members = [snowflake(), snowflake()];
const opened: OpenedPage[] = [];

beforeAll(async () => {
  let builder: string;
  [{ rt, builder }, browser] = await Promise.all([auctionWorld(), launchBrowser()]);
  const ships = new Date(Date.now() + 200 * 86_400_000).toISOString().slice(0, 7);
  const options = { title: TITLE, description: DESCRIPTION, price: 129.5, moq: 5, cap: 12, closes: '10d', ships, tranches: '30% at parts-in' };
  groupBuyId = /Group buy `([0-9a-z]{8})`/.exec(textOf(await say(rt, builder, { name: 'groupbuy', path: ['start'], options })))?.[1] as string;
  for (const member of members) {
    await rt.sendInteraction(buttonPress(`gbjoin:${groupBuyId}`, member, { channelId: AUCTION_CHANNEL }));
    await pay(rt, linkIn(await answerOf(rt, modalSubmit(`gbjq:${groupBuyId}`, { quantity: '2' }, member))));
  }
  expect(await rt.store.get(groupBuyPath(groupBuyId))).toMatchObject({ pledgedUnits: 4, pledgers: 2 });
}, 120_000);

afterEach(async () => {
  await Promise.all(opened.splice(0).map((o) => o.close()));
});

afterAll(async () => {
  await browser?.close();
  await rt?.close();
});

const closeAs = (changes: Partial<GroupBuy>) => rt.store.update(groupBuyPath(groupBuyId), { closedAt: new Date().toISOString(), ...changes });

describe('a group buy’s public page', () => {
  it.each([
    ['laptop', { width: 1280, height: 800 }],
    ['phone', viewports.phone],
  ] as const)('shows the terms, the bar toward the minimum and how to join at %s size, nothing wider than the window, no buyer', async (name, viewport) => {
    const page = await openPage(browser, `${rt.url}/groupbuy/${groupBuyId}`, viewport);
    opened.push(page);
    await settled(page.page);
    expect(await shown(page.page, 'h1')).toBe(TITLE);
    expect(await shown(page.page, '.moq-figures')).toContain('4 / 5 units pledged by 2 people: 1 unit more needed');
    const fill = await page.page.evaluate(() => {
      const bar = document.querySelector('.moq-bar') as HTMLElement;
      return (document.querySelector('.moq-fill') as HTMLElement).offsetWidth / bar.clientWidth;
    });
    expect(fill).toBeCloseTo(0.8, 1);
    expect(await shown(page.page, '.status-line')).toMatch(/^Open Taking pledges until .* \(in (9|10) days/);
    expect(await shown(page.page, 'main')).toContain('How to join');
    expect(await page.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    const html = await page.page.content();
    for (const member of members) expect(html).not.toContain(member);
    expect(page.problems).toEqual([]);
    await keepScreenshot(page.page, `groupbuy-page-${name}`);
  });
});

describe('the group buy overlay', () => {
  it('fills its bar from the feed and counts down to the close, then says funded, the longest title whole inside the bar', async () => {
    const page = await openPage(browser, `${rt.url}/overlay/groupbuy?groupbuy=${groupBuyId}&poll=2000`, viewports.queueOverlay, { reducedMotion: true });
    opened.push(page);
    await page.page.waitForSelector('#bar:not([hidden])');
    await settled(page.page);
    expect(await shown(page.page, '#pledged')).toBe('4 / 5');
    expect(await shown(page.page, '#pledged-label')).toMatch(/1 unit to go/i);
    expect(
      await page.page.evaluate(
        () => (document.querySelector('.fill') as HTMLElement).offsetWidth / (document.querySelector('.track') as HTMLElement).clientWidth,
      ),
    ).toBeCloseTo(0.8, 1);
    expect(await shown(page.page, '#state')).toMatch(/^(9|10)d \d+h$/);
    expect(await shown(page.page, '#ships')).toMatch(/^Ships est\. [A-Z][a-z]+ \d{4}$/);
    expect(await outOfBounds(page.page, '#bar')).toEqual([]);
    await keepScreenshot(page.page, 'groupbuy-overlay-open');

    await closeAs({ status: 'funded', pledgedUnits: 5, fundedUnits: 5 });
    await page.page.waitForFunction(() => document.getElementById('state')?.textContent === 'Funded ✓', undefined, { timeout: 15_000 });
    expect(await shown(page.page, '#ships')).toMatch(/^5 units funded · ships [A-Z][a-z]+ \d{4}$/);
    expect(await shown(page.page, '#pledged-label')).toMatch(/minimum met/i);
    expect(await page.page.locator('#progress.met').count()).toBe(1);
    expect(await outOfBounds(page.page, '#bar')).toEqual([]);
    expect(page.problems).toEqual([]);
    await keepScreenshot(page.page, 'groupbuy-overlay-funded');
  });

  it('says not met once it closed short, and nobody was charged', async () => {
    await closeAs({ status: 'not-met', pledgedUnits: 4 });
    const page = await openPage(browser, `${rt.url}/overlay/groupbuy?groupbuy=${groupBuyId}`, viewports.queueOverlay);
    opened.push(page);
    await page.page.waitForSelector('#bar:not([hidden])');
    await settled(page.page);
    expect(await shown(page.page, '#state')).toBe('Not met');
    expect(await shown(page.page, '#ships')).toBe('Nobody was charged');
    expect(await shown(page.page, '#pledged-label')).toMatch(/minimum not met/i);
    expect(await outOfBounds(page.page, '#bar')).toEqual([]);
    expect(page.problems).toEqual([]);
    await keepScreenshot(page.page, 'groupbuy-overlay-not-met');
  });

  it('says what is wrong with an overlay URL that names no group buy', async () => {
    const page = await openPage(browser, `${rt.url}/overlay/groupbuy?groupbuy=zzzzzzzz`, viewports.queueOverlay);
    opened.push(page);
    await page.page.waitForSelector('#note:not([hidden])');
    await page.page.waitForFunction(() => /No such group buy/.test(document.getElementById('note')?.textContent ?? ''), undefined, { timeout: 15_000 });
    expect(await shown(page.page, '#note')).toContain('the id is at the foot of the group buy’s post');
  });
});

// Last: it leaves the group buy funded, after the overlay's cases have read it open, then closed short.
describe('a funded group buy’s page', () => {
  it('lists production step by step at a phone’s size, the proved one with its link to watch, nothing wider than the window', async () => {
    const clip = 'https://clips.twitch.tv/AwkwardHelplessSalamanderSwiftRage-a-very-long-clip-slug-from-twitch';
    const partsIn = { milestone: 'parts-in' as const, url: clip, kind: 'clip' as const, provedAt: new Date().toISOString(), byInteraction: snowflake() };
    await closeAs({
      status: 'funded',
      pledgedUnits: 5,
      fundedUnits: 5,
      milestones: [{ ...partsIn, broadcasterId: 'tw1', channelLogin: 'gbkeebs', clipId: 'c1' }],
    });
    const page = await openPage(browser, `${rt.url}/groupbuy/${groupBuyId}`, viewports.phone);
    opened.push(page);
    await settled(page.page);
    expect(await shown(page.page, '.production-steps')).toMatch(
      /✓ parts-in \(30% of the builder’s share\): proved live on .* UTC: watch a clip of the stream\s+done \(the rest of the builder’s share\): still to come/,
    );
    expect(await page.page.getAttribute('.production-steps a', 'href')).toBe(clip);
    expect(await page.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    expect(page.problems).toEqual([]);
    await keepScreenshot(page.page, 'groupbuy-page-production');
  });
});
