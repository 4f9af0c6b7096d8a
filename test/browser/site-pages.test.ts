/**
 * The public pages as a host, a buyer and a lost visitor see them, in headless Chromium at
 * desktop and phone sizes, against the local runtime with orders made through really
 * signed requests. Screenshots land in test-artifacts/screenshots/.
 */
import type { Browser, Page } from 'playwright-core';
import { botPermissions } from '../../shared/guild/rules/bot-invite';
import { launchBrowser, keepScreenshot, openPage, shippedFontLoaded, viewports, wrapped, type OpenedPage } from '../support/browser';
import { TestClock } from '../support/auctions';
import { bid, runToHammer, startAuction, liveAuction } from '../support/auctions';
import { useInteractionClock, snowflake } from '../support/interactions';
import { linkIn, onboard, postDrop, pressBuyNow, sessionIdIn, sessions, setUpGuild, type LocalSession } from '../support/marketplace';
import { stripeMerchSale } from '../support/races';
import { startTestRuntime, type TestRuntime } from '../support/local-runtime';

let rt: TestRuntime;
let clock: TestClock;
let browser: Browser;
const opened: OpenedPage[] = [];

beforeAll(async () => {
  clock = new TestClock();
  useInteractionClock(clock);
  [rt, browser] = await Promise.all([startTestRuntime({ clock }), launchBrowser()]);
  await setUpGuild(rt);
}, 60_000);

afterEach(async () => {
  await Promise.all(opened.splice(0).map((o) => o.close()));
});

afterAll(async () => {
  await browser?.close();
  await rt?.close();
});

async function visit(path: string, viewport: { width: number; height: number }, options: Parameters<typeof openPage>[3] = {}): Promise<OpenedPage> {
  const page = await openPage(browser, `${rt.url}${path}`, viewport, options);
  opened.push(page);
  return page;
}

const heading = (page: Page) => page.locator('h1').innerText();
const horizontalOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/** A buyer's checkout session for a fresh drop, unpaid. */
async function dropCheckout(): Promise<LocalSession> {
  const builder = snowflake();
  await onboard(rt, builder);
  const { drop } = await postDrop(rt, builder, { title: 'Lavender 65% with lubed linears' });
  if (!drop) throw new Error('the drop was not posted');
  const answer = await pressBuyNow(rt, snowflake(), drop.dropId);
  const id = sessionIdIn(linkIn(answer));
  const session = (await sessions(rt)).find((s) => s.id === id);
  if (!session) throw new Error('no checkout session');
  return session;
}

describe('the landing page', () => {
  it.each([
    ['desktop', viewports.desktop],
    ['phone', viewports.phone],
  ] as const)(
    'GIVEN a host on %s THEN it shows an Add to Discord link to Discord’s bot authorize URL, in the shipped font, with nothing cut or wrapped',
    async (name, viewport) => {
      const { page, problems } = await visit('/', viewport);
      await keepScreenshot(page, `landing-${name}`);

      const invite = page.locator('.hero a[data-invite]');
      await expect(invite.isVisible()).resolves.toBe(true);
      expect(await invite.innerText()).toMatch(/Add C500 to Discord/);
      const url = new URL((await invite.getAttribute('href')) as string);
      expect(url.origin + url.pathname).toBe('https://discord.com/oauth2/authorize');
      expect(url.searchParams.get('client_id')).toBe(rt.secrets.DISCORD_APPLICATION_ID);
      expect(url.searchParams.get('scope')?.split(' ').sort()).toEqual(['applications.commands', 'bot']);
      expect(url.searchParams.get('permissions')).toBe(botPermissions().toString());
      // It is the first link a host meets after the brand, above the fold.
      const box = await invite.boundingBox();
      expect((box?.y ?? Infinity) + (box?.height ?? 0)).toBeLessThanOrEqual(viewport.height);

      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      expect(await wrapped(page, '.site-nav a')).toEqual([]);
      expect(await wrapped(page, 'code')).toEqual([]);
      expect(await shippedFontLoaded(page)).toBe(true);
      expect(await page.evaluate(() => getComputedStyle(document.body).fontFamily)).toMatch(/^"?Nunito Variable/);
      expect(problems).toEqual([]);
    },
  );

  it('shows every command chip apart from the section it sits on, /c500 help in the tinted commands section included', async () => {
    const { page } = await visit('/', viewports.desktop);
    const chips = await page.evaluate(() => {
      const parse = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
      const backgroundBehind = (el: Element | null): string => {
        for (let at = el; at; at = at.parentElement) {
          const bg = getComputedStyle(at).backgroundColor;
          if (parse(bg)[3] !== 0) return bg;
        }
        return 'rgb(255, 255, 255)';
      };
      return Array.from(document.querySelectorAll('code')).map((code) => {
        const style = getComputedStyle(code);
        return {
          text: code.textContent,
          chip: style.backgroundColor,
          border: style.borderTopWidth !== '0px' && parse(style.borderTopColor)[3] !== 0,
          behind: backgroundBehind(code.parentElement),
        };
      });
    });
    expect(chips.find((c) => c.text === '/c500 help')).toBeDefined();
    expect(chips.filter((c) => c.chip === c.behind && !c.border)).toEqual([]);
  });

  it('redirects /invite to the same authorize URL, for links shared outside the page', async () => {
    const res = await fetch(`${rt.url}/invite`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    const { page } = await visit('/', viewports.desktop);
    expect(res.headers.get('location')).toBe(await page.locator('.hero a[data-invite]').getAttribute('href'));
  });
});

describe('link previews', () => {
  it.each(['/', '/about', '/checkout/success', '/checkout/cancel'])(
    'GIVEN %s pasted in Discord THEN it has Open Graph and Twitter tags, a theme colour and an absolute image that is served',
    async (path) => {
      const { page } = await visit(path, viewports.desktop);
      const meta = await page.evaluate(() =>
        Object.fromEntries(
          Array.from(document.querySelectorAll('meta[property], meta[name]')).map((m) => [
            m.getAttribute('property') ?? m.getAttribute('name'),
            m.getAttribute('content'),
          ]),
        ),
      );
      expect(meta['og:title']).toBeTruthy();
      expect(meta['og:description']).toBeTruthy();
      expect(meta['twitter:card']).toBe('summary_large_image');
      expect(meta['theme-color']).toMatch(/^#[0-9a-f]{6}$/i);
      expect(meta['og:url']).toMatch(new RegExp(`^${rt.url}/`));
      const image = await fetch(meta['og:image'] as string);
      expect(image.status).toBe(200);
      expect(image.headers.get('content-type')).toBe('image/png');
      expect(meta['twitter:image']).toBe(meta['og:image']);
    },
  );
});

describe('the checkout success page', () => {
  it('GIVEN a buyer back from paying THEN heading, tab title and order agree that it is paid', async () => {
    const session = await dropCheckout();
    await fetch(`${rt.url}/_local/stripe/sessions/${session.id}/pay`, { method: 'POST' });
    await rt.settle();
    const { page, problems } = await visit(`/checkout/success?session_id=${session.id}`, viewports.desktop);
    await page.locator('#order').waitFor({ state: 'visible' });
    expect(await heading(page)).toBe('Thank you for your order');
    expect(await page.title()).toBe('Thank you for your order · C500 Collective');
    expect(await page.locator('#order-title').innerText()).toBe('Lavender 65% with lubed linears');
    expect(await page.locator('#order-pill').innerText()).toBe('Paid');
    // The pill names the status; the sentence beside it does not say it again ("Paid Paid.").
    expect(await page.locator('.status-line').innerText()).not.toMatch(/paid\W+paid/i);
    expect(await page.locator('#problem').isVisible()).toBe(false);
    await keepScreenshot(page, 'checkout-success-paid');
    expect(problems).toEqual([]);
  });

  it('GIVEN a session id nobody has THEN it says it could not find the order, in the heading and the tab, never thanks', async () => {
    const { page } = await visit('/checkout/success?session_id=cs_test_nobodyHasThisOne1', viewports.phone);
    await page.locator('#problem').waitFor({ state: 'visible', timeout: 20_000 });
    expect(await heading(page)).toBe('We couldn’t find this order');
    expect(await page.title()).toBe('We couldn’t find this order · C500 Collective');
    expect(await page.locator('body').innerText()).not.toMatch(/thank you/i);
    await keepScreenshot(page, 'checkout-success-bogus-session-phone');
  }, 30_000);

  it('GIVEN no session id THEN it says the link has no order in it and asks nothing of the server', async () => {
    const { page, problems } = await visit('/checkout/success', viewports.desktop);
    await page.locator('#problem').waitFor({ state: 'visible' });
    expect(await heading(page)).toBe('This link has no order in it');
    expect(await page.title()).toBe('This link has no order in it · C500 Collective');
    expect(await page.locator('body').innerText()).not.toMatch(/thank you/i);
    await keepScreenshot(page, 'checkout-success-no-session');
    expect(problems).toEqual([]);
  });

  it('GIVEN JavaScript is off THEN it says where the order can be seen instead of looking it up forever', async () => {
    const { page } = await visit('/checkout/success?session_id=cs_test_a1B2c3D4e5F6g7H8', viewports.desktop, { javaScript: false });
    expect(await page.locator('#loading').isVisible()).toBe(false);
    expect(await page.locator('main').innerText()).toMatch(/JavaScript[\s\S]*\/c500 profile/);
    await keepScreenshot(page, 'checkout-success-no-javascript');
  });

  it('GIVEN a merch buyer sent back by a guild’s Payment Link THEN it thanks them for the purchase instead of showing an error', async () => {
    const sessionId = await stripeMerchSale(rt, '35.00');
    await rt.settle();
    const { page, problems } = await visit(`/checkout/success?session_id=${sessionId}`, viewports.desktop);
    await page.locator('#order').waitFor({ state: 'visible' });
    expect(await heading(page)).toBe('Thank you for your purchase');
    expect(await page.locator('#order-amount').innerText()).toBe('$35.00');
    expect(await page.locator('#order-builder').isVisible()).toBe(false);
    expect(await page.locator('#problem').isVisible()).toBe(false);
    await keepScreenshot(page, 'checkout-success-merch');
    expect(problems).toEqual([]);
  });
});

describe('the checkout cancel page', () => {
  it('GIVEN a buyer who left a drop’s checkout THEN it names the order and says the item goes back on sale', async () => {
    const session = await dropCheckout();
    const cancel = new URL((session as LocalSession & { cancel_url: string }).cancel_url);
    const { page, problems } = await visit(cancel.pathname + cancel.search, viewports.phone);
    expect(await page.locator('#next-drop').isVisible()).toBe(true);
    expect(await page.locator('#next-auction').isVisible()).toBe(false);
    expect(await page.locator('#order-id').innerText()).toBe(session.metadata.order_id);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await keepScreenshot(page, 'checkout-cancel-drop-phone');
    expect(problems).toEqual([]);
  });

  it('GIVEN a winner who left an auction’s checkout THEN it tells of the pay window, the runner-up and the strike', async () => {
    const builder = snowflake();
    await onboard(rt, builder);
    await startAuction(rt, builder, { item: 'Tofu65 in e-white', price: 40, duration: '90s' });
    const auction = await liveAuction(rt, builder);
    await bid(rt, snowflake(), 45);
    await runToHammer(rt, clock, auction.auctionId);
    const session = (await sessions(rt)).find((s) => s.metadata.auction_id === auction.auctionId) as (LocalSession & { cancel_url: string }) | undefined;
    if (!session) throw new Error('the winner got no checkout');
    const cancel = new URL(session.cancel_url);
    const { page, problems } = await visit(cancel.pathname + cancel.search, viewports.desktop);
    expect(await page.locator('#next-auction').isVisible()).toBe(true);
    expect(await page.locator('#next-auction').innerText()).toMatch(/next bidder[\s\S]*strike/);
    expect(await page.locator('#next-drop').isVisible()).toBe(false);
    await keepScreenshot(page, 'checkout-cancel-auction');
    expect(problems).toEqual([]);
  });
});

describe('an unknown page', () => {
  it.each([
    ['desktop', viewports.desktop],
    ['phone', viewports.phone],
  ] as const)('GIVEN a mistyped path on %s THEN the runtime answers 404 with the site’s own page', async (name, viewport) => {
    const { page, problems } = await visit('/drops/no-such-page', viewport, { expectStatus: 404 });
    expect(await heading(page)).toBe("This key isn't on the board");
    expect(await page.locator('body').innerText()).not.toMatch(/Cannot GET/);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await keepScreenshot(page, `not-found-${name}`);
    expect(problems).toEqual([]);
  });
});
