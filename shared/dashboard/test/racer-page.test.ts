import { racerPage, type RacerPageData } from '../rules/pages/racer-page';
import type { RacerLine, Payout, Wallet } from '../../races';
import { aWallet } from './page-fixtures';
import { captionsOf, columnsOf, dash, headingsOf, panelOf, rowsOf, signedInFrame, time } from './page-html';

const guild = '900000000000000001';
const otherGuild = '900000000000000002';

const wallet = (over: Partial<Wallet> = {}): Wallet => aWallet({ guildId: guild, ...over });

const entry = (over: Partial<RacerLine> & Pick<RacerLine, 'entryId' | 'kind'>): RacerLine => ({
  guildId: guild,
  racerId: '830000000000000001',
  amountCents: 500,
  currency: 'usd',
  at: '2026-11-10T10:00:00.000Z',
  ...over,
});

const payout = (over: Partial<Payout> & Pick<Payout, 'payoutId'>): Payout => ({
  guildId: guild,
  racerId: '830000000000000001',
  amountCents: 5_000,
  currency: 'usd',
  paidBy: '800000000000000001',
  at: '2026-11-12T10:00:00.000Z',
  method: 'stripe',
  status: 'sent',
  ...over,
});

const empty: RacerPageData = { wallets: [], ledger: [], ledgerNext: undefined, payouts: [] };
const page = (data: Partial<RacerPageData>) => racerPage(signedInFrame('racer'), { ...empty, ...data });

describe('a racer’s page with nothing yet', () => {
  const html = page({});

  it('has its heading and its three panels', () => {
    expect(html).toContain('<h1>Your race earnings</h1>');
    expect(headingsOf(html)).toEqual(['wallets: Wallets', 'ledger: Ledger', 'payouts: Payouts']);
  });

  it('says there are no earnings yet and how to get some', () => {
    expect(panelOf(html, 'wallets')).toContain('<p class="empty">No race earnings yet: join a race lobby in Discord.</p>');
  });

  it('says the ledger and the payouts are empty, with no link to older entries', () => {
    expect(panelOf(html, 'ledger')).toContain('<p class="empty">No ledger entries yet.</p>');
    expect(panelOf(html, 'payouts')).toContain('<p class="empty">No payouts yet.</p>');
    expect(html).not.toContain('rel="next"');
  });

  it('offers the ledger and the payouts as CSV', () => {
    expect(panelOf(html, 'ledger')).toContain('href="/dashboard/racer/ledger.csv" download>Download CSV</a>');
    expect(panelOf(html, 'payouts')).toContain('href="/dashboard/racer/payouts.csv" download>Download CSV</a>');
  });
});

describe('a racer’s wallets', () => {
  it('shows each server’s pending, paid out and earned figures in its own currency', () => {
    const html = panelOf(
      page({ wallets: [wallet(), wallet({ guildId: otherGuild, currency: 'eur', pendingCents: -250, paidCents: 0, earnedCents: 123_456 })] }),
      'wallets',
    );
    const figures = [...html.matchAll(/<span class="figure-label">([^<]*)<\/span><strong>([^<]*)<\/strong>/g)].map((m) => `${m[1]}: ${m[2]}`);
    expect(figures).toEqual(['Pending: $12.34', 'Paid out: $50.00', 'Earned: $62.34', 'Pending: -2.50 EUR', 'Paid out: 0.00 EUR', 'Earned: 1,234.56 EUR']);
    expect(html).toContain(`<h3>Server <code class="id">${guild}</code></h3>`);
    expect(html).toContain(`<h3>Server <code class="id">${otherGuild}</code></h3>`);
  });

  it('lists what each race earned, newest race first, an untitled race as “Race”', () => {
    const html = panelOf(
      page({
        wallets: [
          wallet({
            races: {
              l1: { title: 'Autumn sprint', startedAt: '2026-10-01T10:00:00.000Z', earnedCents: 100 },
              l2: { title: '', startedAt: '2026-11-01T10:00:00.000Z', earnedCents: 250 },
              l3: { title: 'Summer cup', startedAt: '2026-07-01T10:00:00.000Z', earnedCents: 1_999 },
            },
          }),
        ],
      }),
      'wallets',
    );
    expect(rowsOf(html)).toEqual([
      { Race: 'Race', Started: time('2026-11-01T10:00:00.000Z', 'Nov 1, 2026'), Earned: '$2.50' },
      { Race: 'Autumn sprint', Started: time('2026-10-01T10:00:00.000Z', 'Oct 1, 2026'), Earned: '$1.00' },
      { Race: 'Summer cup', Started: time('2026-07-01T10:00:00.000Z', 'Jul 1, 2026'), Earned: '$19.99' },
    ]);
    expect(columnsOf(html).numeric).toEqual(['Earned']);
  });

  it('keeps races started at the same moment in the wallet’s order', () => {
    const at = '2026-10-01T10:00:00.000Z';
    const html = panelOf(
      page({
        wallets: [
          wallet({
            races: {
              l1: { title: 'First heat', startedAt: at, earnedCents: 1 },
              l2: { title: 'Second heat', startedAt: at, earnedCents: 2 },
              l3: { title: 'Third heat', startedAt: at, earnedCents: 3 },
            },
          }),
        ],
      }),
      'wallets',
    );
    expect(rowsOf(html).map((r) => r.Race)).toEqual(['First heat', 'Second heat', 'Third heat']);
  });

  it('shows one wallet after the other, nothing between them', () => {
    const html = panelOf(page({ wallets: [wallet(), wallet({ guildId: otherGuild })] }), 'wallets');
    expect(html).toContain('</article><article class="wallet">');
  });

  it('says a wallet without races has none yet', () => {
    expect(panelOf(page({ wallets: [wallet()] }), 'wallets')).toContain('<p class="empty">No races yet.</p>');
    expect(panelOf(page({ wallets: [wallet({ races: {} })] }), 'wallets')).toContain('<p class="empty">No races yet.</p>');
  });

  it('escapes a race title a person typed', () => {
    const html = page({
      wallets: [wallet({ races: { l1: { title: '<script>alert("x")</script>', startedAt: '2026-10-01T10:00:00.000Z', earnedCents: 1 } } })],
    });
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
  });
});

describe('a racer’s ledger', () => {
  const wallets = [
    wallet({ races: { l1: { title: 'Autumn sprint', startedAt: '2026-10-01T10:00:00.000Z', earnedCents: 100 } } }),
    wallet({ guildId: otherGuild, races: { l2: { title: 'Other server race', startedAt: '2026-10-02T10:00:00.000Z', earnedCents: 100 } } }),
  ];
  const ledger = [
    entry({ entryId: 'e1', kind: 'credit', lobbyId: 'l1', amountCents: 1_050 }),
    entry({ entryId: 'e2', kind: 'reversal', lobbyId: 'l2', amountCents: -300, guildId: otherGuild }),
    entry({ entryId: 'e3', kind: 'payout', amountCents: -5_000, at: '2026-11-11T10:00:00.000Z' }),
    entry({ entryId: 'e4', kind: 'payout-reversal', lobbyId: 'gone-lobby', amountCents: 5_000, currency: 'eur' }),
  ];

  it('shows each entry’s kind, race by its title from any wallet, server and signed amount', () => {
    const rows = rowsOf(panelOf(page({ wallets, ledger }), 'ledger'));
    expect(rows.map((r) => [r.What, r.Race, r.Server, r.Amount])).toEqual([
      ['<span class="pill" data-status="paid">Commission</span>', 'Autumn sprint', `<code class="id">${guild}</code>`, '$10.50'],
      ['<span class="pill" data-status="refunded">Reversal (refund)</span>', 'Other server race', `<code class="id">${otherGuild}</code>`, '-$3.00'],
      ['<span class="pill" data-status="building">Payout</span>', dash, `<code class="id">${guild}</code>`, '-$50.00'],
      ['<span class="pill" data-status="refunded">Payout returned</span>', 'gone-lobby', `<code class="id">${guild}</code>`, '50.00 EUR'],
    ]);
    expect(rows[2]?.When).toBe(time('2026-11-11T10:00:00.000Z', 'Nov 11, 2026'));
  });

  it('lines the amount up as a number', () => {
    expect(columnsOf(panelOf(page({ ledger }), 'ledger'))).toEqual({ labels: ['When', 'What', 'Race', 'Server', 'Amount'], numeric: ['Amount'] });
  });

  it('names each table for a screen reader', () => {
    const html = page({
      wallets: [wallet({ races: { l1: { title: 'A', startedAt: '2026-10-01T10:00:00.000Z', earnedCents: 1 } } })],
      ledger,
      payouts: [payout({ payoutId: 'p1' })],
    });
    expect(captionsOf(html)).toEqual(['What each race earned', 'Your ledger', 'Your payouts']);
  });

  it('links to older entries with the cursor it was given', () => {
    expect(panelOf(page({ ledger, ledgerNext: 'cur-9' }), 'ledger')).toContain(
      '<a class="button secondary" href="/dashboard/racer?after=cur-9" rel="next">Older →</a>',
    );
  });
});

describe('a racer’s payouts', () => {
  it('shows each payout’s amount, how it went, its status and its note', () => {
    const html = panelOf(
      page({
        payouts: [
          payout({ payoutId: 'p1', note: 'Gift card <b>"50"</b>', method: 'by-hand', status: 'recorded', amountCents: 2_500 }),
          payout({ payoutId: 'p2', currency: 'jpy', amountCents: 2_400, status: 'failed' }),
        ],
      }),
      'payouts',
    );
    expect(rowsOf(html)).toEqual([
      {
        When: time('2026-11-12T10:00:00.000Z', 'Nov 12, 2026'),
        Amount: '$25.00',
        How: 'By hand',
        Status: 'recorded',
        Note: 'Gift card &lt;b&gt;&quot;50&quot;&lt;/b&gt;',
      },
      { When: time('2026-11-12T10:00:00.000Z', 'Nov 12, 2026'), Amount: '2,400 JPY', How: 'Stripe transfer', Status: 'failed', Note: dash },
    ]);
    expect(columnsOf(html).numeric).toEqual(['Amount']);
  });
});
