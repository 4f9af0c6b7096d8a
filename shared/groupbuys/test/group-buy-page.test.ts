/**
 * What anyone may see of a group buy: the overlay's feed holds the counts and the terms and no
 * buyer; the page says the price, the units pledged toward the minimum as a bar, the close
 * and the time left, the ship estimate, the terms and each state in words, escapes every text
 * the builder typed and shows a picture only from an https link.
 */
import { groupBuyMissingHtml, groupBuyPageHtml, stateWords, timeLeftText } from '../rules/group-buy-page';
import { httpsOnly, publicGroupBuy, type PublicGroupBuy } from '../rules/public-group-buy';
import { groupBuyPath, type GroupBuy } from '../rules/group-buy';
import { publicGroupBuyView } from '../use-cases/public-group-buy-view';
import { LocalDocumentStore } from '../../local/firestore/document-store';

const open: GroupBuy = {
  groupBuyId: 'gb7k2m9q',
  guildId: '900000000000000001',
  channelId: '910000000000000001',
  builderId: '811000000000000651',
  builderName: 'Bo <b>Builder</b>',
  title: 'GMK <Olivia> & “friends”',
  description: 'Cherry profile <script>alert(1)</script>',
  imageUrl: 'https://img.example/olivia.png?a=1&b="2"',
  priceCents: 12_000,
  currency: 'usd',
  moq: 50,
  cap: 80,
  opensAt: '2026-12-01T12:00:00.000Z',
  closesAt: '2026-12-08T18:00:00.000Z',
  shipsMonth: '2027-09',
  tranches: [{ milestone: 'parts-in', percent: 30 }],
  status: 'open',
  messageId: '940000000000000001',
  pledgedUnits: 12,
  pledgers: 9,
  byInteraction: '1200000000000000001',
  createdAt: '2026-12-01T12:00:00.000Z',
};
const now = new Date('2026-12-06T15:30:00.000Z');
const view = (changes: Partial<GroupBuy> = {}) => publicGroupBuy({ ...open, ...changes }, now);
/** A member's pledge as the store holds it: none of it may reach a public face. */
const buyer = { id: '821000000000000651', name: 'Ann Buyer' };

describe('a group buy’s public feed', () => {
  it('holds the terms, the counts and the state, with the server’s time, and no buyer', () => {
    expect(view()).toStrictEqual({
      groupBuyId: 'gb7k2m9q',
      title: 'GMK <Olivia> & “friends”',
      description: 'Cherry profile <script>alert(1)</script>',
      imageUrl: 'https://img.example/olivia.png?a=1&b="2"',
      builderName: 'Bo <b>Builder</b>',
      status: 'open',
      priceCents: 12_000,
      currency: 'usd',
      pledgedUnits: 12,
      pledgers: 9,
      moq: 50,
      cap: 80,
      opensAt: '2026-12-01T12:00:00.000Z',
      closesAt: '2026-12-08T18:00:00.000Z',
      extended: false,
      shipsMonth: '2027-09',
      tranches: [{ milestone: 'parts-in', percent: 30 }],
      fundedUnits: null,
      calledOff: null,
      closedAt: null,
      postUrl: 'https://discord.com/channels/900000000000000001/910000000000000001/940000000000000001',
      production: [
        { milestone: 'parts-in', percent: 30, proved: false, proofUrl: null, proofKind: null, provedAt: null },
        { milestone: 'done', percent: 70, proved: false, proofUrl: null, proofKind: null, provedAt: null },
      ],
      serverTime: '2026-12-06T15:30:00.000Z',
    } satisfies PublicGroupBuy);
  });

  it('leaves out what it does not have: no cap, no picture, no post yet, an extension as a flag', () => {
    const { cap, imageUrl, messageId, description, ...bare } = open;
    void [cap, imageUrl, messageId, description];
    expect(publicGroupBuy({ ...bare, extended: { fromClosesAt: '2026-12-05T18:00:00.000Z', at: '2026-12-02T00:00:00.000Z' } }, now)).toMatchObject({
      cap: null,
      imageUrl: null,
      postUrl: null,
      description: null,
      extended: true,
    });
  });

  it('shows a picture only from an https link', () => {
    expect(httpsOnly('https://img.example/a.png')).toBe('https://img.example/a.png');
    for (const url of ['http://img.example/a.png', 'javascript:alert(1)', 'data:image/png;base64,AAAA', 'not a url', '', undefined])
      expect(httpsOnly(url)).toBeNull();
    expect(view({ imageUrl: 'javascript:alert(1)' }).imageUrl).toBeNull();
  });
});

describe('a group buy’s page', () => {
  it('escapes every text the builder typed, the picture’s link included', () => {
    const html = groupBuyPageHtml(view());
    expect(html).toContain('<h1>GMK &lt;Olivia&gt; &amp; “friends”</h1>');
    expect(html).toContain('Cherry profile &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('Group buy by Bo &lt;b&gt;Builder&lt;/b&gt;');
    expect(html).toContain('src="https://img.example/olivia.png?a=1&amp;b=&quot;2&quot;"');
    expect(html).not.toMatch(/<script|<b>|<Olivia>/);
    expect(html).toContain('<title>Group buy: GMK &lt;Olivia&gt; &amp; “friends” · C500 Collective</title>');
  });

  it('shows no picture without an https link', () => {
    expect(groupBuyPageHtml(view({ imageUrl: 'http://img.example/a.png' }))).not.toContain('<img');
  });

  it('draws the units pledged toward the MOQ as a bar, with the figures, the people and the cap', () => {
    const html = groupBuyPageHtml(view());
    expect(html).toContain('aria-valuemax="50" aria-valuenow="12"><span class="moq-fill" style="width: 24%"></span>');
    expect(html).toContain('<strong>12 / 50 units</strong> pledged by 9 people: 38 units more needed');
    expect(html).toContain('At most 80 units');
    const met = groupBuyPageHtml(view({ pledgedUnits: 64, pledgers: 40 }));
    expect(met).toContain('<div class="moq-bar met"');
    expect(met).toContain('style="width: 100%"');
    expect(met).toContain('pledged by 40 people ✓ minimum met');
  });

  it('says the price, the close with the time left, the ship month, the terms and how to join on the post', () => {
    const html = groupBuyPageHtml(view());
    expect(html).toContain('<strong>$120.00</strong> a unit');
    expect(html).toContain('<time datetime="2026-12-08T18:00:00.000Z">8 December 2026, 18:00 UTC</time> (in 2 days, 2 hours)');
    expect(html).toContain('estimated September 2027');
    expect(html).toContain('If it has not shipped by the end of September 2027, you may ask for a refund');
    expect(html).toContain('The builder is paid 30% at parts-in and the rest at done');
    expect(html).toContain(
      '<a class="button" href="https://discord.com/channels/900000000000000001/910000000000000001/940000000000000001">Join on Discord</a>',
    );
    expect(html).toContain('<link rel="stylesheet" href="/groupbuy.css">');
  });

  it('names no buyer, whatever the counts', () => {
    const html = groupBuyPageHtml(view({ pledgedUnits: 1, pledgers: 1 }));
    expect(html).toContain('pledged by 1 person');
    expect(html).not.toContain(buyer.id);
    expect(html).not.toContain(buyer.name);
    expect(html).not.toContain(open.builderId);
    expect(JSON.stringify(view())).not.toContain(open.builderId);
  });

  const closedAt = '2026-12-08T18:01:00.000Z';
  const states: Array<[string, Partial<GroupBuy>, string, string]> = [
    ['open', {}, 'Open', 'Taking pledges until'],
    ['charging', { status: 'charging', closedAt, fundedUnits: 20 }, 'Charging', 'pledges are being charged now (20 units so far)'],
    ['funded', { status: 'funded', closedAt, fundedUnits: 52 }, 'Funded', 'Funded: 52 units (minimum 50 units), charged at the close'],
    ['not-met', { status: 'not-met', closedAt }, 'Not met', 'short of its minimum of 50 units: nobody was charged'],
    ['cancelled', { status: 'cancelled' }, 'Cancelled', 'Called off by the builder: nobody was charged.'],
  ];
  it.each(states)('says the state %s in words, and how to join only while open', (status, changes, label, words) => {
    const html = groupBuyPageHtml(view(changes));
    expect(html).toContain(`data-status="${status}">${label}</span>`);
    expect(html).toContain(words);
    expect(html.includes('It has closed and takes no more pledges')).toBe(status !== 'open');
    expect(html.includes('Join on Discord')).toBe(status === 'open');
  });

  it('says an extended close was moved, and a close come but not yet run is closing now', () => {
    expect(stateWords(view({ extended: { fromClosesAt: open.closesAt, at: '2026-12-02T00:00:00.000Z' } }))).toContain('extended once by the builder');
    expect(stateWords(publicGroupBuy(open, new Date('2026-12-08T18:00:30.000Z')))).toContain('(closing now)');
  });

  it('names the post’s place in words when it has no link yet', () => {
    expect(groupBuyPageHtml(view({ messageId: undefined }))).toContain('its post in the Discord server where it was opened');
  });
});

describe('the time left', () => {
  it.each([
    [2 * 86_400_000 + 3 * 3_600_000, 'in 2 days, 3 hours'],
    [86_400_000, 'in 1 day'],
    [3 * 3_600_000 + 60_000, 'in 3 hours, 1 minute'],
    [3_600_000, 'in 1 hour'],
    [90_000, 'in 2 minutes'],
    [1, 'in 1 minute'],
    [0, 'closing now'],
    [-5_000, 'closing now'],
  ])('reads %p ms as %p', (ms, words) => {
    expect(timeLeftText(ms)).toBe(words);
  });
});

describe('a group buy that is not there', () => {
  it('says so in the site’s layout, apart for a link that is not a group buy’s', () => {
    expect(groupBuyMissingHtml('not-found')).toContain('<h1>No such group buy</h1>');
    expect(groupBuyMissingHtml('malformed')).toContain('<h1>Not a group buy link</h1>');
    expect(groupBuyMissingHtml('malformed')).toContain('<header class="site-header">');
  });
});

describe('reading a group buy for anyone', () => {
  it('answers the view of one stored, not-found for an id of its shape that names none, malformed for anything else', async () => {
    const store = new LocalDocumentStore();
    await store.set(groupBuyPath(open.groupBuyId), open);
    const deps = { store, clock: { now: () => now } };
    expect(await publicGroupBuyView(deps, open.groupBuyId)).toStrictEqual({ ok: true, groupBuy: view() });
    expect(await publicGroupBuyView(deps, 'zzzzzzzz')).toStrictEqual({ ok: false, reason: 'not-found' });
    for (const id of ['', 'GB7K2M9Q', 'gb7k2m9', 'gb7k2m9q0', '../gb7k', 'gb7k2m9q.json'])
      expect(await publicGroupBuyView(deps, id)).toStrictEqual({ ok: false, reason: 'malformed' });
  });
});
