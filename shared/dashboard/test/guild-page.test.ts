import { attributionLabels, guildPage, type GuildPageData, type Strike } from '../rules/pages/guild-page';
import type { BlockedBidder } from '../../auctions';
import { anOrder } from './dashboard-fixtures';
import { aDispute, aHostPayout, aSale, aWallet, emptyGuildPage, guildId } from './page-fixtures';
import { captionsOf, columnsOf, dash, headingsOf, panelOf, rowsOf, signedInFrame, time } from './page-html';

const empty = emptyGuildPage('Keebs <&> "Co"');
const page = (data: Partial<GuildPageData>, frame = signedInFrame('guild')) => guildPage(frame, { ...empty, ...data });
const base = `/dashboard/guild/${guildId}`;

const sale = aSale;

const wallet = aWallet;

describe('a guild’s page with nothing yet', () => {
  const html = page({});

  it('links what people owe C500 there, under the server’s own path', () => {
    expect(html).toContain(`<a class="button secondary" href="/dashboard/guild/${guildId}/debts">What people owe C500</a>`);
  });

  it('links the last hour of the show and what the platform kept, under the server’s own path', () => {
    expect(html).toContain(`<a class="button secondary" href="/dashboard/guild/${guildId}/show">The last hour of the show</a>`);
    expect(html).toContain(`<a class="button secondary" href="/dashboard/guild/${guildId}/result">What the platform kept, from Stripe’s ledger</a>`);
  });

  it('has its panels in order, each CSV under the server’s own path', () => {
    expect(headingsOf(html)).toEqual([
      'sales: Race sales ledger',
      'balances: Racers’ pending balances',
      'host-payouts: Host cuts owed by hand',
      'waiting: Waiting for proof for more than a week',
      'late: Commissions past their promised date',
      'late-group-buys: Group buys past their ship month',
      'disputes: Disputes',
      'strikes: Strikes and bans',
      'blocked: Blocked bidders',
    ]);
    for (const [panel, csv] of [
      ['sales', 'sales'],
      ['balances', 'balances'],
      ['host-payouts', 'host-payouts'],
      ['waiting', 'waiting-proof'],
      ['strikes', 'strikes'],
      ['blocked', 'blocked'],
    ]) {
      expect(panelOf(html, panel as string)).toContain(`href="${base}/${csv}.csv" download>Download CSV</a>`);
    }
  });

  it('says each panel is empty, in its own words, with no link to older sales', () => {
    expect(panelOf(html, 'sales')).toContain('<p class="empty">No merch sales recorded in this server yet.</p>');
    expect(panelOf(html, 'balances')).toContain('<p class="empty">No racer has earned anything here yet.</p>');
    expect(panelOf(html, 'host-payouts')).toContain('<p class="empty">No host cut is owed by hand.</p>');
    expect(panelOf(html, 'waiting')).toContain('<p class="empty">Every order paid more than a week ago has its proof.</p>');
    expect(panelOf(html, 'disputes')).toContain('<p class="empty">No disputes in this server.</p>');
    expect(panelOf(html, 'strikes')).toContain('<p class="empty">No bidder has let a win lapse here.</p>');
    expect(panelOf(html, 'blocked')).toContain(
      '<p class="empty">Nobody is blocked from this server’s auctions. Block a bidder with /c500 block in Discord.</p>',
    );
    expect(panelOf(html, 'blocked')).toMatch(/Block a bidder with \/c500 block in Discord\.<\/p><\/section>$/);
    expect(html).not.toContain('rel="next"');
  });
});

describe('a guild’s race sales ledger', () => {
  it('shows each sale, where it went, its rate, pool and refunds', () => {
    const html = panelOf(
      page({
        sales: [
          { ...sale({ saleKey: 'k1', lobbyId: 'l1', commissionBps: 1_000, refundedCents: 500 }), raceTitle: 'Autumn <sprint>' },
          sale({ saleKey: 'k2', lobbyId: 'l2', commissionBps: 1_250, shop: 'shopify', description: 'Sticker & "pin"' }),
          sale({ saleKey: 'k3', attributedTo: 'house', poolCents: 0, currency: 'eur', amountCents: 1_999 }),
          sale({ saleKey: 'k4', attributedTo: 'currency-mismatch', poolCents: 0 }),
          sale({ saleKey: 'k5', attributedTo: 'not-merch', poolCents: 0 }),
          sale({ saleKey: 'k6', attributedTo: 'race', poolCents: 0 }),
        ],
        salesNext: 'k0',
      }),
      'sales',
    );
    const paid = time('2026-11-10T10:00:00.000Z', 'Nov 10, 2026');
    expect(rowsOf(html)).toEqual([
      {
        Paid: paid,
        Shop: 'kofi',
        Sale: 'Race hoodie',
        Amount: '$30.00',
        'Went to': 'Race: Autumn &lt;sprint&gt;',
        Rate: '10%',
        Pool: '$3.00',
        Refunded: '$5.00',
      },
      {
        Paid: paid,
        Shop: 'shopify',
        Sale: 'Sticker &amp; &quot;pin&quot;',
        Amount: '$30.00',
        'Went to': 'Race: l2',
        Rate: '12.5%',
        Pool: '$3.00',
        Refunded: dash,
      },
      { Paid: paid, Shop: 'kofi', Sale: 'Race hoodie', Amount: '19.99 EUR', 'Went to': 'House', Rate: dash, Pool: '0.00 EUR', Refunded: dash },
      { Paid: paid, Shop: 'kofi', Sale: 'Race hoodie', Amount: '$30.00', 'Went to': 'House (other currency)', Rate: dash, Pool: '$0.00', Refunded: dash },
      { Paid: paid, Shop: 'kofi', Sale: 'Race hoodie', Amount: '$30.00', 'Went to': 'Not merch', Rate: dash, Pool: '$0.00', Refunded: dash },
      { Paid: paid, Shop: 'kofi', Sale: 'Race hoodie', Amount: '$30.00', 'Went to': 'Race: ', Rate: dash, Pool: '$0.00', Refunded: dash },
    ]);
    expect(columnsOf(html).numeric).toEqual(['Amount', 'Rate', 'Pool', 'Refunded']);
    expect(captionsOf(html)).toEqual(['Race sales']);
    expect(html).toContain(`href="${base}?after=k0" rel="next"`);
  });

  it('names every attribution', () => {
    expect(attributionLabels).toEqual({ race: 'Race', house: 'House', 'currency-mismatch': 'House (other currency)', 'not-merch': 'Not merch' });
  });
});

describe('a guild’s racers’ balances', () => {
  it('shows each racer by the wallet’s name, else the member’s, with their figures in the wallet’s currency', () => {
    const html = panelOf(
      page({
        balances: [
          { racerId: 'r1', name: 'Member name', wallet: wallet({ racerName: 'Racer <Rex>' }) },
          { racerId: 'r2', name: 'Only member', wallet: wallet({ currency: 'eur', pendingCents: -100, paidCents: 0, earnedCents: 123_456 }) },
        ],
      }),
      'balances',
    );
    expect(rowsOf(html)).toEqual([
      { Racer: 'Racer &lt;Rex&gt;', Pending: '$12.34', 'Paid out': '$50.00', Earned: '$62.34' },
      { Racer: 'Only member', Pending: '-1.00 EUR', 'Paid out': '0.00 EUR', Earned: '1,234.56 EUR' },
    ]);
    expect(columnsOf(html).numeric).toEqual(['Pending', 'Paid out', 'Earned']);
    expect(captionsOf(html)).toEqual(['Racers’ balances']);
  });
});

describe('a guild’s host cuts owed by hand', () => {
  const paidByHand = { byUserId: '800000000000000001', byName: 'Ana <admin>', at: '2026-11-19T10:00:00.000Z', amountCents: 700, note: '' };

  it('offers to mark an owed cut paid, posting to that order’s path with the session’s CSRF token', () => {
    const html = panelOf(page({ payouts: [aHostPayout({ orderId: 'o-1', hostName: 'Hana <h>' })] }), 'host-payouts');
    expect(rowsOf(html)).toEqual([
      {
        Order: '<code class="id">o-1</code>',
        Host: 'Hana &lt;h&gt;',
        Owed: '$12.00',
        Since: time('2026-11-16T10:00:00.000Z', 'Nov 16, 2026'),
        'Paid by hand': `<form method="post" action="${base}/host-payouts/o-1/paid" class="paid-form"><input type="hidden" name="csrf" value="csrf-token"><label class="visually-hidden" for="note-o-1">Note</label><input id="note-o-1" name="note" maxlength="500" placeholder="How it was paid"><button class="button" type="submit">Mark paid by hand</button></form>`,
      },
    ]);
    expect(columnsOf(html).numeric).toEqual(['Owed']);
    expect(captionsOf(html)).toEqual(['Host cuts owed by hand']);
  });

  it('GIVEN no session THEN the form carries an empty token', () => {
    const html = panelOf(page({ payouts: [aHostPayout({ orderId: 'o-1' })] }, { title: 'Keebs', section: 'guild' }), 'host-payouts');
    expect(html).toContain('<input type="hidden" name="csrf" value="">');
  });

  it('shows who paid a cut by hand, when, and their note when there is one', () => {
    const html = panelOf(
      page({
        payouts: [
          aHostPayout({ orderId: 'o-2', status: 'paid-by-hand', paidByHand: { ...paidByHand, note: 'cash <b>' } }),
          aHostPayout({ orderId: 'o-3', status: 'paid-by-hand', paidByHand }),
        ],
      }),
      'host-payouts',
    );
    const when = time('2026-11-19T10:00:00.000Z', 'Nov 19, 2026');
    expect(rowsOf(html).map((r) => r['Paid by hand'])).toEqual([
      `<span class="pill" data-status="paid">Paid</span> by Ana &lt;admin&gt; ${when}<br><span class="hint">cash &lt;b&gt;</span>`,
      `<span class="pill" data-status="paid">Paid</span> by Ana &lt;admin&gt; ${when}`,
    ]);
  });

  it('GIVEN a record still owed THEN it offers the form, whatever else the record holds', () => {
    const html = panelOf(page({ payouts: [aHostPayout({ orderId: 'o-6', status: 'owed', paidByHand })] }), 'host-payouts');
    expect(rowsOf(html)[0]?.['Paid by hand']).toContain(`action="${base}/host-payouts/o-6/paid"`);
  });

  it('says a cut refunds brought to nothing is owed no more, with no form', () => {
    const html = panelOf(page({ payouts: [aHostPayout({ orderId: 'o-4', amountCents: 0 })] }), 'host-payouts');
    expect(rowsOf(html)[0]?.['Paid by hand']).toBe(
      '<span class="pill" data-status="refunded">Nothing owed</span><br><span class="hint">Refunds brought it to nothing</span>',
    );
  });

  it('GIVEN a record marked paid but without who paid THEN it still offers the form rather than breaking', () => {
    const html = panelOf(page({ payouts: [aHostPayout({ orderId: 'o-5', status: 'paid-by-hand' })] }), 'host-payouts');
    expect(rowsOf(html)[0]?.['Paid by hand']).toContain(`action="${base}/host-payouts/o-5/paid"`);
  });
});

describe('a guild’s orders waiting for proof', () => {
  it('shows each order with its builder, buyer, price and payment date, never the buyer’s address', () => {
    const html = panelOf(
      page({
        waiting: [
          anOrder({
            orderId: 'o-1',
            title: 'Lavender <65%>',
            buyerName: 'Bo "B"',
            currency: 'eur',
            amountCents: 12_345,
            shippingAddress: { name: 'Bo Private', line1: '1 Secret Lane', city: 'Springfield', postalCode: '12345', country: 'US' },
          }),
        ],
      }),
      'waiting',
    );
    expect(rowsOf(html)).toEqual([
      {
        Order: '<a href="/dashboard/orders/o-1"><code class="id">o-1</code></a>',
        Item: 'Lavender &lt;65%&gt;',
        Builder: 'Dee',
        Buyer: 'Bo &quot;B&quot;',
        Price: '123.45 EUR',
        Paid: time('2026-11-20T10:05:00.000Z', 'Nov 20, 2026'),
      },
    ]);
    expect(html).not.toMatch(/Bo Private|Secret Lane|12345<|Springfield/);
    expect(columnsOf(html).numeric).toEqual(['Price']);
    expect(captionsOf(html)).toEqual(['Orders waiting for proof']);
  });
});

describe('a guild’s disputes', () => {
  it('lists them with Stripe’s fee, open ones first', () => {
    const html = panelOf(
      page({
        disputes: [
          aDispute({ disputeId: 'dp_1', state: 'lost', orderIds: ['o-lost'] }),
          aDispute({ disputeId: 'dp_2', orderIds: ['o-open'], feeCents: 1_500 }),
        ],
      }),
      'disputes',
    );
    expect(rowsOf(html).map((r) => [r.Orders, r['Stripe’s fee']])).toEqual([
      ['<a href="/dashboard/orders/o-open"><code class="id">o-open</code></a>', '$15.00'],
      ['<a href="/dashboard/orders/o-lost"><code class="id">o-lost</code></a>', '$15.00'],
    ]);
  });
});

describe('a guild’s strikes and bans', () => {
  const lapsed = (orderId: string, title: string, expiredAt: string) => ({ orderId, title, expiredAt, amountCents: 1_000, currency: 'usd' });

  it('shows each bidder’s unpaid wins here, strikes across servers and whether they may bid', () => {
    const strikes: Strike[] = [
      {
        bidderId: 'b1',
        bidderName: 'Sly <Striker>',
        orders: [lapsed('o-1', 'Blue <TKL>', '2026-11-18T10:00:00.000Z'), lapsed('o-2', 'Red 60%', '2026-11-10T10:00:00.000Z')],
        record: { strikes: 5, banned: true, bannedAt: '2026-11-18T11:00:00.000Z' },
      },
      { bidderId: 'b2', bidderName: 'New Nia', orders: [lapsed('o-3', 'Pink 40%', '2026-11-17T10:00:00.000Z')], record: undefined },
      { bidderId: 'b3', bidderName: 'Once Owen', orders: [lapsed('o-4', 'Grey 75%', '2026-11-16T10:00:00.000Z')], record: { strikes: 2, banned: false } },
    ];
    const html = panelOf(page({ strikes }), 'strikes');
    expect(rowsOf(html)).toEqual([
      {
        Bidder: 'Sly &lt;Striker&gt;',
        'Unpaid wins here': `Blue &lt;TKL&gt; ${time('2026-11-18T10:00:00.000Z', 'Nov 18, 2026')}<br>Red 60% ${time('2026-11-10T10:00:00.000Z', 'Nov 10, 2026')}`,
        'Strikes (all servers)': '5',
        Bidding: `<span class="pill" data-status="expired">Banned</span> ${time('2026-11-18T11:00:00.000Z', 'Nov 18, 2026')}`,
      },
      {
        Bidder: 'New Nia',
        'Unpaid wins here': `Pink 40% ${time('2026-11-17T10:00:00.000Z', 'Nov 17, 2026')}`,
        'Strikes (all servers)': '1',
        Bidding: '<span class="pill" data-status="paid">Allowed</span>',
      },
      {
        Bidder: 'Once Owen',
        'Unpaid wins here': `Grey 75% ${time('2026-11-16T10:00:00.000Z', 'Nov 16, 2026')}`,
        'Strikes (all servers)': '2',
        Bidding: '<span class="pill" data-status="paid">Allowed</span>',
      },
    ]);
    expect(columnsOf(html).numeric).toEqual(['Strikes (all servers)']);
    expect(captionsOf(html)).toEqual(['Strikes and bans']);
  });
});

describe('a guild’s blocked bidders', () => {
  const blocked: BlockedBidder[] = [
    { key: 'twitch-login:sniper_bot', label: 'twitch.tv/sniper_bot', blockedBy: '800000000000000002', blockedAt: '2026-11-22T10:00:00.000Z' },
    { key: '820000000000000007', label: '<@820000000000000007>', blockedBy: '800000000000000001', blockedAt: '2026-11-20T10:00:00.000Z' },
    { key: '830000000000000001', label: '<@830000000000000001>', blockedBy: '830000000000000001', blockedAt: '2026-11-21T10:00:00.000Z', disputeId: 'dp_<1>' },
    { key: '820000000000000099', label: '<@820000000000000099>', blockedBy: '820000000000000007', blockedAt: '2026-11-19T10:00:00.000Z' },
  ];
  const profile = (id: string) => `<a href="https://discord.com/users/${id}" rel="noopener noreferrer"><code class="id">${id}</code></a>`;

  it('names each blocked member (and who blocked them) where the page knows the name, links their profile, and links a Twitch chatter’s channel', () => {
    const html = panelOf(
      page({
        blocked,
        strikes: [{ bidderId: '820000000000000007', bidderName: 'Sly <Striker>', orders: [], record: undefined }],
        balances: [
          { racerId: '830000000000000001', name: 'Member Rex', wallet: wallet({ racerName: 'Racer Rex' }) },
          { racerId: '800000000000000001', name: 'Admin Ana', wallet: wallet() },
        ],
      }),
      'blocked',
    );
    expect(rowsOf(html)).toEqual([
      {
        Bidder: 'Twitch <a href="https://www.twitch.tv/sniper_bot" rel="noopener noreferrer">twitch.tv/sniper_bot</a>',
        'Blocked by': `Discord member ${profile('800000000000000002')}`,
        Since: time('2026-11-22T10:00:00.000Z', 'Nov 22, 2026'),
      },
      {
        Bidder: `Sly &lt;Striker&gt; ${profile('820000000000000007')}`,
        'Blocked by': `Admin Ana ${profile('800000000000000001')}`,
        Since: time('2026-11-20T10:00:00.000Z', 'Nov 20, 2026'),
      },
      {
        Bidder: `Racer Rex ${profile('830000000000000001')}`,
        'Blocked by': 'C500: they disputed a payment (dp_&lt;1&gt;)',
        Since: time('2026-11-21T10:00:00.000Z', 'Nov 21, 2026'),
      },
      {
        Bidder: `Discord member ${profile('820000000000000099')}`,
        'Blocked by': `Sly &lt;Striker&gt; ${profile('820000000000000007')}`,
        Since: time('2026-11-19T10:00:00.000Z', 'Nov 19, 2026'),
      },
    ]);
    expect(html).toContain(
      '<p class="hint">The block list keeps Discord ids, not names: a name shows where this page knows one. <code>/c500 unblock</code> in Discord lets one bid again.</p>',
    );
    expect(captionsOf(html)).toEqual(['Blocked bidders']);
  });
});
