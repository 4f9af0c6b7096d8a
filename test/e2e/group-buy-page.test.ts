/**
 * A group buy's public faces through the local runtime: `/groupbuy/<id>` (the page) and
 * `/groupbuy/<id>.json` (the overlay's feed) as a builder's typed terms and a member's saved
 * card make them, cached for seconds and naming no buyer; the overlay page that polls the
 * feed; an id that names no group buy (404) and a link that is no id at all (400), each
 * answered with a page or JSON that says so and nothing of the server's insides.
 */
import { groupBuyPath, type PublicGroupBuy } from '../../shared/groupbuys';
import { buttonPress, modalSubmit, snowflake } from '../support/interactions';
import { answerOf, linkIn, pay, say, textOf } from '../support/marketplace';
import { AUCTION_CHANNEL, auctionWorld } from '../support/auctions';
import type { TestRuntime } from '../support/local-runtime';

let rt: TestRuntime;
let builder: string;
let groupBuyId: string;
const member = snowflake();
const TITLE = 'GMK <Olivia> & friends';

beforeAll(async () => {
  ({ rt, builder } = await auctionWorld());
  const ships = new Date(Date.now() + 120 * 86_400_000).toISOString().slice(0, 7);
  const options = { title: TITLE, price: 120, moq: 3, cap: 5, closes: '7d', ships, description: 'Cherry <b>profile</b>' };
  groupBuyId = /Group buy `([0-9a-z]{8})`/.exec(textOf(await say(rt, builder, { name: 'groupbuy', path: ['start'], options })))?.[1] as string;
  await rt.sendInteraction(buttonPress(`gbjoin:${groupBuyId}`, member, { channelId: AUCTION_CHANNEL }));
  expect((await pay(rt, linkIn(await answerOf(rt, modalSubmit(`gbjq:${groupBuyId}`, { quantity: '2' }, member))))).status).toBe(200);
}, 120_000);
afterAll(() => rt.close());

const get = (path: string, init?: RequestInit) => fetch(`${rt.url}${path}`, init);

/** Nothing of the server's insides: no stack, no source path, no error's class. */
function saysNothingInside(body: string): void {
  expect(body).not.toMatch(/\bat [\w.<>]+ \(|node_modules|\/shared\/|\.ts:\d+|TypeError|ReferenceError|Internal Server Error/);
}

describe('a group buy’s page and feed', () => {
  it('serves the feed the overlay polls: the counts and terms, cached for seconds, no buyer', async () => {
    const res = await get(`/groupbuy/${groupBuyId}.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=5, s-maxage=5, stale-while-revalidate=10');
    const feed = (await res.json()) as PublicGroupBuy;
    expect(feed).toMatchObject({
      groupBuyId,
      title: TITLE,
      status: 'open',
      priceCents: 12_000,
      currency: 'usd',
      pledgedUnits: 2,
      pledgers: 1,
      moq: 3,
      cap: 5,
      fundedUnits: null,
    });
    expect(Date.parse(feed.closesAt) - Date.parse(feed.serverTime)).toBeGreaterThan(6 * 86_400_000);
    expect(feed.postUrl).toMatch(/^https:\/\/discord\.com\/channels\/\d+\/910000000000000001\/\d+$/);
    expect(JSON.stringify(feed)).not.toContain(member);
  });

  it('serves the page in the site’s layout: the bar toward the minimum, the terms, how to join, escaped, no buyer', async () => {
    const res = await get(`/groupbuy/${groupBuyId}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.headers.get('cache-control')).toContain('max-age=5');
    const html = await res.text();
    expect(html).toContain('<header class="site-header">');
    expect(html).toContain('<h1>GMK &lt;Olivia&gt; &amp; friends</h1>');
    expect(html).toContain('Cherry &lt;b&gt;profile&lt;/b&gt;');
    expect(html).toContain('<strong>2 / 3 units</strong> pledged by 1 person: 1 unit more needed');
    expect(html).toContain('style="width: 66%"');
    expect(html).toContain('At most 5 units');
    expect(html).toContain('Join on Discord');
    expect(html).not.toContain(member);
    expect((await get('/groupbuy.css')).status).toBe(200);
  });

  it('says the state once it has closed: funded with its units', async () => {
    await rt.store.update(groupBuyPath(groupBuyId), { status: 'funded', fundedUnits: 2, closedAt: new Date().toISOString() });
    const html = await (await get(`/groupbuy/${groupBuyId}`)).text();
    expect(html).toContain('data-status="funded">Funded</span> Funded: 2 units');
    expect(html).toContain('It has closed and takes no more pledges');
    expect(((await (await get(`/groupbuy/${groupBuyId}.json`)).json()) as PublicGroupBuy).status).toBe('funded');
  });

  it('serves the overlay that polls the feed', async () => {
    const res = await get(`/overlay/groupbuy?groupbuy=${groupBuyId}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('/groupbuy/${encodeURIComponent(id)}.json');
    expect(html).toContain('<script src="/overlay/overlay.js"></script>');
  });
});

describe('a group buy that is not there', () => {
  it('answers 404 with a page that says so for an id that names none, as JSON for the feed', async () => {
    const page = await get('/groupbuy/zzzzzzzz');
    expect(page.status).toBe(404);
    const html = await page.text();
    expect(html).toContain('<h1>No such group buy</h1>');
    saysNothingInside(html);
    const feed = await get('/groupbuy/zzzzzzzz.json');
    expect(feed.status).toBe(404);
    expect(await feed.json()).toEqual({ error: 'no such group buy' });
  });

  it.each(['NOT-AN-ID', '..%2F..%2Fetc%2Fpasswd', 'abcdefghi', 'x'.repeat(300)])('answers 400 for %p, a link that is not a group buy’s', async (id) => {
    const page = await get(`/groupbuy/${id}`);
    expect(page.status).toBe(400);
    const html = await page.text();
    expect(html).toContain('<h1>Not a group buy link</h1>');
    saysNothingInside(html);
    const feed = await get(`/groupbuy/${id}.json`);
    expect(feed.status).toBe(400);
    expect(await feed.json()).toEqual({ error: 'not a group buy id' });
  });

  it('answers 400 for a broken %-escape, the page and the feed alike, saying nothing of the server', async () => {
    for (const path of ['/groupbuy/gb%E0%A4%A', '/groupbuy/gb%E0%A4%A.json']) {
      const res = await get(path);
      expect(res.status).toBe(400);
      saysNothingInside(await res.text());
    }
  });

  it('answers anything but GET or HEAD with 405', async () => {
    expect((await get(`/groupbuy/${groupBuyId}`, { method: 'POST' })).status).toBe(405);
    expect((await get(`/groupbuy/${groupBuyId}`, { method: 'HEAD' })).status).toBe(200);
  });
});
