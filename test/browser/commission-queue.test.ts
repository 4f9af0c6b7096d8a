/**
 * A builder's commission queue in headless Chromium against the local runtime: the public
 * page at desktop and phone sizes, and the OBS overlay (1280×120), with the longest titles a
 * drop takes, a milestone proved live and a late place. Nothing of a buyer appears on
 * either. Screenshots land in test-artifacts/screenshots/.
 */
import type { Browser } from 'playwright-core';
import { keepScreenshot, launchBrowser, openPage, outOfBounds, settled, shown, viewports, type OpenedPage } from '../support/browser';
import { startTestRuntime, type TestRuntime } from '../support/local-runtime';
import { linkIn, linkTwitch, onboard, ordersOf, pay, postDrop, pressBuyNow, say, setUpGuild, streamEvent } from '../support/marketplace';
import type { Order } from '../../shared/orders';

/** As long as a drop's title may be. */
const LONG_TITLE = 'Lavender 65% with lubed Oil Kings, brass plate and a hand-painted artisan set!!';
const builder = '811000000000000041';
const buyers = ['821000000000000041', '821000000000000042', '821000000000000043'];

let rt: TestRuntime;
let browser: Browser;
const opened: OpenedPage[] = [];
const bought: Order[] = [];

beforeAll(async () => {
  [rt, browser] = await Promise.all([startTestRuntime(), launchBrowser()]);
  await setUpGuild(rt);
  await onboard(rt, builder);
  await linkTwitch(rt, builder, 'browserkeebs');
  await streamEvent(rt, 'browserkeebs', 'online');
  const { drop } = await postDrop(rt, builder, { title: LONG_TITLE, kind: 'commission 3 slots 1 week 30% at parts-in' });
  for (const buyer of buyers) {
    await pay(rt, linkIn(await pressBuyNow(rt, buyer, drop!.dropId)));
    bought.push((await ordersOf(rt, buyer))[0]!);
  }
  await say(rt, builder, { path: ['live'], options: { mode: `order:${bought[0]!.orderId}`, milestone: 'parts-in' } });
}, 90_000);

afterEach(async () => {
  await Promise.all(opened.splice(0).map((o) => o.close()));
});

afterAll(async () => {
  await browser?.close();
  await rt?.close();
});

describe('the public queue page', () => {
  it.each([
    ['desktop', viewports.desktop],
    ['phone', viewports.phone],
  ] as const)('shows every place whole at %s size, the step proved and the record’s source, and no buyer', async (name, viewport) => {
    const page = await openPage(browser, `${rt.url}/queue/${builder}`, viewport);
    opened.push(page);
    await settled(page.page);
    expect(await page.page.locator('.queue-line .place').count()).toBe(3);
    expect(await shown(page.page, '.queue-line .place.now')).toContain('Parts in');
    expect(await shown(page.page, '.record')).toContain('Computed from C500’s own orders');
    // Below the site's header on a phone: scrolled to, as a reader does.
    await page.page.locator('.queue-line').scrollIntoViewIfNeeded();
    expect(await outOfBounds(page.page, '.queue-line')).toEqual([]);
    expect(await page.page.locator('header.site-header').count()).toBe(1);
    const html = await page.page.content();
    for (const o of bought) {
      expect(html).not.toContain(o.buyerName);
      expect(html).not.toContain(o.orderId);
    }
    // No sideways scrolling on a phone.
    expect(await page.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    expect(page.problems).toEqual([]);
    await keepScreenshot(page.page, `queue-page-${name}`);
  });

  it('answers an unknown builder with a page that says so, in the site’s style', async () => {
    const page = await openPage(browser, `${rt.url}/queue/811000000000000999`, viewports.phone, { expectStatus: 404 });
    opened.push(page);
    expect(await shown(page.page, 'h1')).toBe('No such queue');
  });
});

describe('the queue overlay', () => {
  it('shows now building and next, with the longest title whole inside the bar', async () => {
    const page = await openPage(browser, `${rt.url}/overlay/queue?builder=${builder}`, viewports.queueOverlay);
    opened.push(page);
    await page.page.waitForSelector('#bar:not([hidden])');
    expect(await shown(page.page, '#now')).toContain('#1');
    expect(await shown(page.page, '#step')).toBe('parts in');
    expect(await shown(page.page, '#next')).toBe('#2, #3');
    expect(await shown(page.page, '#count')).toBe('3 in line');
    expect(await outOfBounds(page.page, '#bar')).toEqual([]);
    expect(page.problems).toEqual([]);
    await keepScreenshot(page.page, 'queue-overlay');
  });

  it('says what to add when the URL names no builder, and what is wrong with one that is not an id', async () => {
    const missing = await openPage(browser, `${rt.url}/overlay/queue`, viewports.queueOverlay);
    opened.push(missing);
    await missing.page.waitForSelector('#note:not([hidden])');
    expect(await shown(missing.page, '#note')).toContain('?builder=');
    const malformed = await openPage(browser, `${rt.url}/overlay/queue?builder=nope`, viewports.queueOverlay);
    opened.push(malformed);
    await malformed.page.waitForFunction(() => /isn’t a Discord user id/.test(document.getElementById('note')?.textContent ?? ''));
  });
});
