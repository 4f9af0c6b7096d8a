import { auctionResult, builderPage, ordersTable, type BuilderPageData } from '../rules/pages/builder-page';
import type { Frame } from '../rules/pages/layout';
import { anOrder } from './dashboard-fixtures';
import { aDispute, anAuction } from './page-fixtures';
import { captionsOf, columnsOf, dash, headingsOf, panelOf, rowsOf, signedInFrame, time } from './page-html';
import { counted } from './order-money-fixtures';

const weeks = [
  { weekStart: '2026-11-02', heldCents: 0, releasedCents: 1_000 },
  { weekStart: '2026-11-09', heldCents: 500, releasedCents: 2_550 },
  { weekStart: '2026-11-16', heldCents: 21_600, releasedCents: 0 },
];

const empty: BuilderPageData = {
  state: 'all',
  orders: [],
  nextCursor: undefined,
  weeks,
  currency: 'usd',
  waiting: [],
  auctions: [],
  hasStripeAccount: false,
};
const page = (data: Partial<BuilderPageData>, frame: Frame = signedInFrame('builder')) => builderPage(frame, { ...empty, ...data });

describe('a builder’s figures', () => {
  it('adds what is held now over the waiting orders in the page’s currency only, and counts every waiting order', () => {
    const html = page({
      waiting: [
        counted(anOrder({ orderId: 'o-1', builderShareCents: 21_600 })),
        counted(anOrder({ orderId: 'o-2', builderShareCents: 10_000, amountCents: 11_000 })),
        counted(anOrder({ orderId: 'o-3', builderShareCents: 5_000, currency: 'eur' })),
      ],
    });
    expect(html).toContain('<strong id="held-now">$316.00</strong>');
    expect(html).toContain('<li><span class="figure-label">Orders waiting for your proof</span><strong>3</strong></li>');
  });

  it('adds what was released over the chart’s weeks and says how many weeks', () => {
    const html = page({});
    expect(html).toContain('<li><span class="figure-label">Released, last 3 weeks</span><strong id="released-weeks">$35.50</strong></li>');
    expect(html).toContain('<strong id="held-now">$0.00</strong>');
  });

  it('writes the figures in the page’s currency', () => {
    expect(page({ currency: 'eur', waiting: [counted(anOrder({ orderId: 'o-3', builderShareCents: 5_000, currency: 'eur' }))] })).toContain(
      '<strong id="held-now">50.00 EUR</strong>',
    );
  });

  it('draws the weekly chart twice (wide and narrow) with its summary in words', () => {
    const chart = panelOf(page({}), 'earnings');
    expect([...chart.matchAll(/<svg class="earnings-chart ([a-z]+)" viewBox="0 0 (\d+) /g)].map((m) => `${m[1]} ${m[2]}`)).toEqual(['wide 720', 'narrow 360']);
    expect(chart).toContain('· Over the last 3 weeks: $35.50 released to you, $221.00 still held until proof of work.</figcaption></figure>');
  });
});

describe('a builder’s way to Stripe', () => {
  it('GIVEN a Stripe account THEN a form posts to the Stripe sign-in with the session’s CSRF token', () => {
    const stripe = panelOf(page({ hasStripeAccount: true }), 'stripe');
    expect(stripe).toContain(
      '<form method="post" action="/dashboard/builder/stripe-login" class="inline-form"><input type="hidden" name="csrf" value="csrf-token"><button class="button" type="submit">Open my Stripe Express dashboard</button></form>',
    );
    expect(stripe).not.toContain('/c500 onboard');
  });

  it('GIVEN no session THEN the form carries an empty token rather than failing', () => {
    const stripe = panelOf(page({ hasStripeAccount: true }, { title: 'Builder', section: 'builder' }), 'stripe');
    expect(stripe).toContain('<input type="hidden" name="csrf" value="">');
  });

  it('GIVEN no Stripe account THEN it says how to onboard, with no form', () => {
    const stripe = panelOf(page({ hasStripeAccount: false }), 'stripe');
    expect(stripe).toContain('<p>No Stripe account yet: run <code>/c500 onboard</code> in Discord to be paid.</p>');
    expect(stripe).not.toContain('<form');
  });
});

describe('a builder’s orders panel', () => {
  it('has its panels in order', () => {
    expect(headingsOf(page({}))).toEqual([
      'earnings: Earnings by week',
      'stripe: Payouts',
      'orders: Orders',
      'disputes: Disputes',
      'auctions: Auction and show results',
    ]);
    expect(page({})).toContain('<h1>Your builds and sales</h1>');
  });

  it('GIVEN all orders THEN the “All” tab is current, and the CSV and the pager carry no state', () => {
    const orders = panelOf(page({ state: 'all', nextCursor: 'o-9' }), 'orders');
    expect(orders).toContain('<li><a href="/dashboard/builder" aria-current="page">All</a></li>');
    expect(orders).toContain(
      '<li><a href="/dashboard/builder?state=refunded">Refunded</a></li><li><a href="/dashboard/builder?state=closed">Closed, not shipped</a></li><li><a href="/dashboard/builder?state=expired">Expired</a></li></ul></nav>',
    );
    expect(orders).toContain('href="/dashboard/builder/orders.csv" download>Download CSV</a>');
    expect(orders).toContain('href="/dashboard/builder/to-ship.csv" download>To ship (with addresses)</a>');
    expect(orders).toContain('href="/dashboard/builder?after=o-9" rel="next"');
  });

  it('GIVEN one state THEN its tab is current, and the CSV and the pager keep it', () => {
    const orders = panelOf(page({ state: 'waiting-for-proof', nextCursor: 'o-9' }), 'orders');
    expect(
      [...orders.matchAll(/<li><a href="([^"]*)"( aria-current="page")?>([^<]*)<\/a><\/li>/g)].map((m) => `${m[3]} ${m[1]}${m[2] ? ' (current)' : ''}`),
    ).toEqual([
      'All /dashboard/builder',
      'Awaiting payment /dashboard/builder?state=awaiting-payment',
      'Paid, waiting for proof /dashboard/builder?state=waiting-for-proof (current)',
      'Released /dashboard/builder?state=released',
      'Refunded /dashboard/builder?state=refunded',
      'Closed, not shipped /dashboard/builder?state=closed',
      'Expired /dashboard/builder?state=expired',
    ]);
    expect(orders).toContain('href="/dashboard/builder/orders.csv?state=waiting-for-proof" download>Download CSV</a>');
    expect(orders).toContain('href="/dashboard/builder?state=waiting-for-proof&amp;after=o-9" rel="next"');
  });

  it('says when there are no orders', () => {
    expect(panelOf(page({}), 'orders')).toContain('<p class="empty">No orders here yet.</p>');
  });
});

describe('a builder’s orders table', () => {
  const released = counted(
    anOrder({
      orderId: 'o-1',
      title: 'Lavender <65%> "v2"',
      status: 'shipped',
      payouts: { builder: { transferId: 'tr_1', releasedAt: '2026-11-21T10:00:00.000Z' } },
      shippedAt: '2026-11-22T10:00:00.000Z',
      receivedAt: '2026-11-23T10:00:00.000Z',
      proof: { url: 'https://clips.twitch.tv/abc', kind: 'clip', provedAt: '2026-11-21T09:00:00.000Z' },
    }),
    { sent: 21_600 },
  );
  const held = counted(
    anOrder({
      orderId: 'o-2',
      source: 'auction',
      buyerName: 'Bo <i>',
      proofUrl: 'javascript:alert(1)',
    }),
    { refunded: 4_000 },
  );
  const lot = counted(
    anOrder({
      orderId: 'o-3',
      source: 'auction',
      showId: 'sh1',
      hostCutCents: 2_400,
      builderShareCents: 19_200,
      status: 'awaiting-payment',
      paidAt: undefined,
    }),
  );

  it('shows each order’s link, item and where it came from, state, buyer and amounts', () => {
    const html = ordersTable([released, held, lot]);
    const rows = rowsOf(html);
    expect(rows.map((r) => [r.Order, r.Item, r.State, r.Buyer])).toEqual([
      [
        '<a href="/dashboard/orders/o-1"><code class="id">o-1</code></a>',
        'Lavender &lt;65%&gt; &quot;v2&quot;',
        '<span class="pill" data-status="released">Released</span>',
        'Bo',
      ],
      [
        '<a href="/dashboard/orders/o-2"><code class="id">o-2</code></a>',
        'Lavender 65% <span class="hint">(auction)</span>',
        '<span class="pill" data-status="waiting-for-proof">Paid, waiting for proof</span>',
        'Bo &lt;i&gt;',
      ],
      [
        '<a href="/dashboard/orders/o-3"><code class="id">o-3</code></a>',
        'Lavender 65% <span class="hint">(show lot)</span>',
        '<span class="pill" data-status="awaiting-payment">Awaiting payment</span>',
        'Bo',
      ],
    ]);
    const line = (label: string, value: string) => `<span class="line"><span class="hint">${label}</span> ${value}</span>`;
    expect(rows.map((r) => r.Amounts)).toEqual([
      line('Price', '$240.00') + line('Fee', '$24.00') + line('Your share', '$216.00'),
      line('Price', '$240.00') + line('Fee', '$24.00') + line('Your share', '$216.00') + line('Refunded', '$40.00'),
      line('Price', '$240.00') + line('Fee', '$24.00') + line('Host cut', '$24.00') + line('Your share', '$192.00'),
    ]);
    expect(columnsOf(html)).toEqual({
      labels: ['Order', 'Item', 'State', 'Buyer', 'Amounts', 'Held / released', 'Proof', 'Dates'],
      numeric: ['Amounts', 'Held / released'],
    });
    expect(captionsOf(html)).toEqual(['Your orders']);
  });

  it('shows what was released, or what is still held, or nothing', () => {
    expect(rowsOf(ordersTable([released, held, lot])).map((r) => r['Held / released'])).toEqual(['$216.00 released', '$180.00 held', dash]);
  });

  it('links only an http(s) proof, named for what it is, opening in a new tab', () => {
    expect(rowsOf(ordersTable([released, held, lot])).map((r) => r.Proof)).toEqual([
      '<a class="nowrap" href="https://clips.twitch.tv/abc" rel="noopener noreferrer" target="_blank">Clip of the proof</a>',
      dash,
      dash,
    ]);
  });

  it('lists the dates each order has, one to a line', () => {
    const line = (label: string, iso: string, text: string) => `<span class="line"><span class="hint">${label}</span> ${time(iso, text)}</span>`;
    expect(rowsOf(ordersTable([released, lot])).map((r) => r.Dates)).toEqual([
      line('Ordered', '2026-11-20T10:00:00.000Z', 'Nov 20, 2026') +
        line('Paid', '2026-11-20T10:05:00.000Z', 'Nov 20, 2026') +
        line('Released', '2026-11-21T10:00:00.000Z', 'Nov 21, 2026') +
        line('Shipped', '2026-11-22T10:00:00.000Z', 'Nov 22, 2026') +
        line('Received', '2026-11-23T10:00:00.000Z', 'Nov 23, 2026'),
      line('Ordered', '2026-11-20T10:00:00.000Z', 'Nov 20, 2026'),
    ]);
  });

  it('never shows the buyer’s address on the orders table, only on the order’s own page', () => {
    const html = page({
      orders: [
        counted(
          anOrder({ orderId: 'o-4', shippingAddress: { name: 'Bo Private', line1: '1 Secret Lane', city: 'Springfield', postalCode: '12345', country: 'US' } }),
        ),
      ],
    });
    expect(html).toContain('o-4');
    expect(html).not.toMatch(/Bo Private|Secret Lane|Springfield|12345/);
  });
});

describe('a builder’s disputes', () => {
  it('says there are none on their orders', () => {
    expect(panelOf(page({}), 'disputes')).toContain('<p class="empty">No disputes on your orders.</p>');
  });

  it('lists them open first, without Stripe’s fee the platform paid', () => {
    const html = panelOf(
      page({
        disputes: [
          aDispute({ disputeId: 'dp_1', state: 'won', orderIds: ['o-closed'] }),
          aDispute({ disputeId: 'dp_2', state: 'open', orderIds: ['o-open'], dueBy: 1_795_000_000 }),
        ],
      }),
      'disputes',
    );
    expect(rowsOf(html).map((r) => r.Orders)).toEqual([
      '<a href="/dashboard/orders/o-open"><code class="id">o-open</code></a>',
      '<a href="/dashboard/orders/o-closed"><code class="id">o-closed</code></a>',
    ]);
    expect(columnsOf(html).labels).not.toContain('Stripe’s fee');
  });
});

describe('a builder’s auctions and show lots', () => {
  it('says when there are none', () => {
    const html = panelOf(page({}), 'auctions');
    expect(html).toContain('<p class="empty">No auctions or show lots yet.</p>');
    expect(html).toContain('href="/dashboard/builder/auctions.csv" download>Download CSV</a>');
  });

  it('shows each one’s item, show, result, the winner or the one it is offered to, the bids and the start', () => {
    const html = panelOf(
      page({
        auctions: [
          {
            ...anAuction({
              auctionId: 'a1',
              item: 'Blue <TKL>',
              status: 'paid',
              priceCents: 9_000,
              bidCount: 12,
              winner: { bidderId: 'b1', bidderName: 'Wes', priceCents: 9_000 },
            }),
            showTitle: 'Friday "keebs"',
          },
          anAuction({
            auctionId: 'a2',
            status: 'awaiting-payment',
            bidCount: 3,
            winner: { bidderId: 'b1', bidderName: 'Wes', priceCents: 9_000 },
            offer: { rank: 1, bidderId: 'b2', bidderName: 'Rae', priceCents: 8_000, orderId: 'o' },
          }),
          anAuction({ auctionId: 'a3', status: 'live' }),
        ],
      }),
      'auctions',
    );
    const started = time('2026-11-15T18:00:00.000Z', 'Nov 15, 2026');
    expect(rowsOf(html)).toEqual([
      { Item: 'Blue &lt;TKL&gt;', Show: 'Friday &quot;keebs&quot;', Result: 'Sold for $90.00', Winner: 'Wes', Bids: '12', Started: started },
      { Item: 'Lavender 65%', Show: dash, Result: 'Won at $80.00, awaiting payment', Winner: 'Rae', Bids: '3', Started: started },
      { Item: 'Lavender 65%', Show: dash, Result: 'Live now', Winner: dash, Bids: '0', Started: started },
    ]);
    expect(columnsOf(html).numeric).toEqual(['Bids']);
    expect(captionsOf(html)).toEqual(['Your auctions and show lots']);
  });
});

describe('an auction’s result in words', () => {
  const base = { currency: 'usd' } as const;

  it('says live and cancelled as they are', () => {
    expect(auctionResult({ ...base, status: 'live' })).toBe('Live now');
    expect(auctionResult({ ...base, status: 'cancelled' })).toBe('Cancelled');
  });

  it('says why an auction went unsold', () => {
    expect(auctionResult({ ...base, status: 'unsold', unsoldReason: 'reserve-not-met' })).toBe('Unsold: reserve not met');
    expect(auctionResult({ ...base, status: 'unsold', unsoldReason: 'no-one-paid' })).toBe('Unsold: no one paid');
    expect(auctionResult({ ...base, status: 'unsold', unsoldReason: 'bids-lost' })).toBe('Unsold: bids lost in an outage');
    expect(auctionResult({ ...base, status: 'unsold', unsoldReason: 'no-bids' })).toBe('Unsold: no bids');
    expect(auctionResult({ ...base, status: 'unsold' })).toBe('Unsold: no bids');
  });

  it('sells for the offer’s price before the winner’s before the auction’s own, or nothing', () => {
    const winner = { bidderId: 'b1', bidderName: 'Wes', priceCents: 9_000 };
    const offer = { rank: 1, bidderId: 'b2', bidderName: 'Rae', priceCents: 8_000, orderId: 'o' };
    expect(auctionResult({ ...base, status: 'paid', offer, winner, priceCents: 7_000 })).toBe('Sold for $80.00');
    expect(auctionResult({ ...base, status: 'paid', winner, priceCents: 7_000 })).toBe('Sold for $90.00');
    expect(auctionResult({ ...base, status: 'paid', priceCents: 7_000 })).toBe('Sold for $70.00');
    expect(auctionResult({ ...base, status: 'paid' })).toBe('Sold for $0.00');
  });

  it('is won at the offer’s price before the winner’s, awaiting payment', () => {
    const winner = { bidderId: 'b1', bidderName: 'Wes', priceCents: 9_000 };
    const offer = { rank: 1, bidderId: 'b2', bidderName: 'Rae', priceCents: 8_000, orderId: 'o' };
    expect(auctionResult({ ...base, status: 'awaiting-payment', offer, winner, priceCents: 7_000 })).toBe('Won at $80.00, awaiting payment');
    expect(auctionResult({ ...base, status: 'awaiting-payment', winner, priceCents: 7_000 })).toBe('Won at $90.00, awaiting payment');
    expect(auctionResult({ ...base, status: 'awaiting-payment', priceCents: 7_000 })).toBe('Won at $0.00, awaiting payment');
  });

  it('writes the price in the auction’s currency', () => {
    expect(auctionResult({ currency: 'jpy', status: 'paid', priceCents: 2_400 })).toBe('Sold for 2,400 JPY');
  });
});
