import { hostPage, type HostPageData } from '../rules/pages/host-page';
import type { Order } from '../../orders';
import { anOrder } from './dashboard-fixtures';
import { aHostPayout, aLot, aShow, anAuction } from './page-fixtures';
import { captionsOf, columnsOf, dash, headingsOf, panelOf, rowsOf, signedInFrame, time } from './page-html';
import { counted } from './order-money-fixtures';

const empty: HostPageData = { shows: [], showsNext: undefined, cuts: [], cutsNext: undefined, payouts: [] };
const page = (data: Partial<HostPageData>) => hostPage(signedInFrame('host'), { ...empty, ...data });

const lotOrder = (over: Partial<Order> & Pick<Order, 'orderId'>): Order =>
  anOrder({ source: 'auction', showId: 'sh1', hostId: '840000000000000001', hostName: 'Hana', hostCutCents: 2_400, ...over });

describe('a host’s page with nothing yet', () => {
  const html = page({});

  it('has its heading, its three panels and their CSV links', () => {
    expect(html).toContain('<h1>Your shows</h1>');
    expect(headingsOf(html)).toEqual(['shows: Shows and lots', 'cuts: Your cut of each lot', 'owed: Cuts owed by hand']);
    expect(panelOf(html, 'shows')).toContain('href="/dashboard/host/lots.csv" download>Download CSV</a>');
    expect(panelOf(html, 'cuts')).toContain('href="/dashboard/host/cuts.csv" download>Download CSV</a>');
    expect(panelOf(html, 'owed')).not.toContain('download');
  });

  it('says there are no shows, no cuts and nothing owed, with no links to older pages', () => {
    expect(panelOf(html, 'shows')).toContain('<p class="empty">No shows hosted yet.</p>');
    expect(panelOf(html, 'cuts')).toContain('<p class="empty">No lots sold in your shows yet.</p>');
    expect(panelOf(html, 'owed')).toContain('<p class="empty">Nothing owed by hand: every cut went out by transfer.</p>');
    expect(html).not.toContain('rel="next"');
  });
});

describe('a host’s shows and their lots', () => {
  const show = aShow({
    showId: 'sh1',
    title: 'Friday <keebs> & "co"',
    status: 'ended',
    hostCutBps: 1_250,
    startedAt: '2026-11-15T18:00:00.000Z',
    lots: [
      aLot({ lotId: 'l1', item: 'Lavender 65%', state: 'done', startCents: 2_000 }),
      aLot({ lotId: 'l2', item: 'Blue TKL', builderName: 'Eli <b>', state: 'done', startCents: 150_000 }),
      aLot({ lotId: 'l3', item: 'Skipped board', state: 'skipped', skippedBecause: 'the show ended' }),
      aLot({ lotId: 'l4', item: 'Quiet skip', state: 'skipped' }),
      aLot({ lotId: 'l5', item: 'Next one', state: 'up-next' }),
      aLot({ lotId: 'l6', item: 'On now', state: 'live' }),
    ],
  });
  const auctions = {
    l1: anAuction({ auctionId: 'a1', status: 'paid', priceCents: 4_500, winner: { bidderId: 'b1', bidderName: 'Wes', priceCents: 4_500 } }),
    l2: anAuction({
      auctionId: 'a2',
      status: 'awaiting-payment',
      winner: { bidderId: 'b1', bidderName: 'Wes', priceCents: 9_000 },
      offer: { rank: 1, bidderId: 'b2', bidderName: 'Runner Rae', priceCents: 8_000, orderId: 'o2' },
    }),
    l3: anAuction({ auctionId: 'a3', status: 'unsold', unsoldReason: 'no-bids' }),
  };

  it('heads each show with its title, status, start date, lot count and the host’s cut', () => {
    const html = panelOf(page({ shows: [{ show, auctions }] }), 'shows');
    expect(html).toContain(
      `<h3>Friday &lt;keebs&gt; &amp; &quot;co&quot;</h3><p class="hint"><span class="pill" data-status="ended">ended</span> ${time('2026-11-15T18:00:00.000Z', 'Nov 15, 2026')} · 6 lots · your cut 12.5%</p>`,
    );
    expect(captionsOf(html)).toEqual(['Lots of Friday &lt;keebs&gt; &amp; &quot;co&quot;']);
  });

  it('dates a show that never started by its creation, and leaves out a cut it never had, but shows a cut of nothing', () => {
    const planned = panelOf(page({ shows: [{ show: aShow({ showId: 'sh2', status: 'planning' }), auctions: {} }] }), 'shows');
    expect(planned).toContain(`<span class="pill" data-status="planning">planning</span> ${time('2026-11-14T10:00:00.000Z', 'Nov 14, 2026')} · 0 lots</p>`);
    expect(planned).toContain('<p class="empty">No lots were added.</p>');
    const noCut = panelOf(page({ shows: [{ show: aShow({ showId: 'sh3', hostCutBps: 0 }), auctions: {} }] }), 'shows');
    expect(noCut).toContain('· 0 lots · your cut 0%</p>');
  });

  it('shows each lot’s builder, opening price and result, and the winner or the one it is offered to', () => {
    const html = panelOf(page({ shows: [{ show, auctions }] }), 'shows');
    expect(rowsOf(html)).toEqual([
      { Lot: 'Lavender 65%', Builder: 'Dee', Opening: '$20.00', Result: 'Sold for $45.00', Winner: 'Wes' },
      { Lot: 'Blue TKL', Builder: 'Eli &lt;b&gt;', Opening: '$1,500.00', Result: 'Won at $80.00, awaiting payment', Winner: 'Runner Rae' },
      { Lot: 'Skipped board', Builder: 'Dee', Opening: '$20.00', Result: 'Skipped: the show ended', Winner: dash },
      { Lot: 'Quiet skip', Builder: 'Dee', Opening: '$20.00', Result: 'Skipped', Winner: dash },
      { Lot: 'Next one', Builder: 'Dee', Opening: '$20.00', Result: 'Up next', Winner: dash },
      { Lot: 'On now', Builder: 'Dee', Opening: '$20.00', Result: 'live', Winner: dash },
    ]);
    expect(columnsOf(html).numeric).toEqual(['Opening']);
  });

  it('shows one show after the other, nothing between them', () => {
    const html = panelOf(
      page({
        shows: [
          { show, auctions },
          { show: aShow({ showId: 'sh2', title: 'Older show' }), auctions: {} },
        ],
      }),
      'shows',
    );
    expect(html).toContain('</article><article class="show-block"><h3>Older show</h3>');
  });

  it('writes the opening price in the show’s currency', () => {
    const html = panelOf(
      page({ shows: [{ show: aShow({ showId: 'sh4', currency: 'eur', lots: [aLot({ lotId: 'l1', startCents: 999 })] }), auctions: {} }] }),
      'shows',
    );
    expect(rowsOf(html)[0]?.Opening).toBe('9.99 EUR');
  });

  it('links to older shows with their own cursor', () => {
    expect(panelOf(page({ shows: [{ show, auctions }], showsNext: 'sh0' }), 'shows')).toContain(
      '<a class="button secondary" href="/dashboard/host?shows_after=sh0" rel="next">Older shows →</a>',
    );
  });
});

describe('a host’s cut of each lot', () => {
  const cuts = [
    counted(
      lotOrder({
        orderId: 'o-1',
        title: 'Lavender <65%>',
        payouts: { builder: {}, host: { via: 'transfer', releasedAt: '2026-11-18T10:00:00.000Z' } },
        status: 'building',
      }),
      { hostSent: 2_400 },
    ),
    counted(
      lotOrder({
        orderId: 'o-2',
        title: 'Blue TKL',
        builderName: 'Eli',
        payouts: { builder: {}, host: { via: 'manual' } },
        status: 'building',
        currency: 'eur',
        amountCents: 12_000,
        hostCutCents: 1_200,
      }),
      { hostByHand: 1_200 },
    ),
    counted(lotOrder({ orderId: 'o-3', title: 'Paid, not released', status: 'paid' })),
    counted(lotOrder({ orderId: 'o-4', title: 'Unpaid', status: 'awaiting-payment', paidAt: undefined, hostCutCents: undefined })),
  ];

  it('shows each lot’s order link, price, cut, what went out to the host as the journal has it, how and the latest date', () => {
    const html = panelOf(page({ cuts, payouts: [aHostPayout({ orderId: 'o-2', currency: 'eur', status: 'paid-by-hand' })] }), 'cuts');
    expect(rowsOf(html)).toEqual([
      {
        Order: '<a href="/dashboard/orders/o-1"><code class="id">o-1</code></a>',
        Lot: 'Lavender &lt;65%&gt;',
        Builder: 'Dee',
        Price: '$240.00',
        'Your cut': '$24.00',
        Sent: '$24.00',
        How: 'transferred',
        Date: time('2026-11-18T10:00:00.000Z', 'Nov 18, 2026'),
      },
      {
        Order: '<a href="/dashboard/orders/o-2"><code class="id">o-2</code></a>',
        Lot: 'Blue TKL',
        Builder: 'Eli',
        Price: '120.00 EUR',
        'Your cut': '12.00 EUR',
        Sent: '12.00 EUR',
        How: 'paid by hand',
        Date: time('2026-11-20T10:05:00.000Z', 'Nov 20, 2026'),
      },
      {
        Order: '<a href="/dashboard/orders/o-3"><code class="id">o-3</code></a>',
        Lot: 'Paid, not released',
        Builder: 'Dee',
        Price: '$240.00',
        'Your cut': '$24.00',
        Sent: dash,
        How: 'held until proof',
        Date: time('2026-11-20T10:05:00.000Z', 'Nov 20, 2026'),
      },
      {
        Order: '<a href="/dashboard/orders/o-4"><code class="id">o-4</code></a>',
        Lot: 'Unpaid',
        Builder: 'Dee',
        Price: '$240.00',
        'Your cut': dash,
        Sent: dash,
        How: 'not sold',
        Date: time('2026-11-20T10:00:00.000Z', 'Nov 20, 2026'),
      },
    ]);
    expect(columnsOf(html)).toEqual({
      labels: ['Order', 'Lot', 'Builder', 'Price', 'Your cut', 'Sent', 'How', 'Date'],
      numeric: ['Price', 'Your cut', 'Sent'],
    });
    expect(captionsOf(html)).toEqual(['Your cut of each lot']);
  });

  it('reads a manual cut’s standing from the payout record of that very order', () => {
    const html = panelOf(
      page({
        cuts: [cuts[1] as (typeof cuts)[number]],
        payouts: [aHostPayout({ orderId: 'o-9', status: 'paid-by-hand' }), aHostPayout({ orderId: 'o-2', amountCents: 0 })],
      }),
      'cuts',
    );
    expect(rowsOf(html)[0]?.How).toBe('none (refunded)');
  });

  it('never shows the buyer’s shipping address or name', () => {
    const html = page({
      cuts: [
        counted(
          lotOrder({
            orderId: 'o-5',
            buyerName: 'Buyer Bo',
            shippingAddress: { name: 'Bo Private', line1: '1 Secret Lane', city: 'Springfield', postalCode: '12345', country: 'US' },
          }),
        ),
      ],
    });
    expect(html).not.toMatch(/Bo Private|Secret Lane|12345|Buyer Bo/);
  });

  it('links to older lots with their own cursor', () => {
    expect(panelOf(page({ cuts, cutsNext: 'o-0' }), 'cuts')).toContain(
      '<a class="button secondary" href="/dashboard/host?cuts_after=o-0" rel="next">Older lots →</a>',
    );
  });
});

describe('a host’s cuts owed by hand', () => {
  it('shows each one’s amount, why, where it stands, since when and when paid', () => {
    const html = panelOf(
      page({
        payouts: [
          aHostPayout({ orderId: 'o-1', amountCents: 1_200 }),
          aHostPayout({ orderId: 'o-2', reason: 'refused', amountCents: 0 }),
          aHostPayout({
            orderId: 'o-3',
            status: 'paid-by-hand',
            currency: 'eur',
            amountCents: 700,
            paidByHand: { byUserId: '800000000000000001', byName: 'Ana', at: '2026-11-19T10:00:00.000Z', amountCents: 700, note: 'cash' },
          }),
        ],
      }),
      'owed',
    );
    expect(rowsOf(html)).toEqual([
      {
        Order: '<code class="id">o-1</code>',
        Owed: '$12.00',
        Why: 'No Stripe account that takes transfers',
        Status: '<span class="pill" data-status="awaiting-payment">Owed</span>',
        Since: time('2026-11-16T10:00:00.000Z', 'Nov 16, 2026'),
        Paid: dash,
      },
      {
        Order: '<code class="id">o-2</code>',
        Owed: '$0.00',
        Why: 'Stripe refused the transfer',
        Status: '<span class="pill" data-status="refunded">Nothing owed (refunded)</span>',
        Since: time('2026-11-16T10:00:00.000Z', 'Nov 16, 2026'),
        Paid: dash,
      },
      {
        Order: '<code class="id">o-3</code>',
        Owed: '7.00 EUR',
        Why: 'No Stripe account that takes transfers',
        Status: '<span class="pill" data-status="paid">Paid by hand</span>',
        Since: time('2026-11-16T10:00:00.000Z', 'Nov 16, 2026'),
        Paid: time('2026-11-19T10:00:00.000Z', 'Nov 19, 2026'),
      },
    ]);
    expect(columnsOf(html).numeric).toEqual(['Owed']);
    expect(captionsOf(html)).toEqual(['Cuts owed by hand']);
  });
});
