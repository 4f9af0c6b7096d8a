import { disputesInOrder, disputesTable } from '../rules/pages/disputes-panel';
import { aDispute } from './page-fixtures';
import { captionsOf, columnsOf, dash, rowsOf, time } from './page-html';

describe('the disputes table', () => {
  const disputes = [
    aDispute({ disputeId: 'dp_1', orderIds: ['o-1', 'o-<2>'], reason: 'product_not_received', dueBy: Date.parse('2026-12-01T23:59:59.000Z') / 1000 }),
    aDispute({
      disputeId: 'dp_2',
      state: 'won',
      status: 'won',
      currency: 'eur',
      amountCents: 5_050,
      feeCents: 0,
      reason: 'fraudulent',
      submittedAt: '2026-11-19T10:00:00.000Z',
    }),
    aDispute({ disputeId: 'dp_3', state: 'lost', status: 'lost', reason: 'credit_not_processed', orderIds: [] }),
  ];

  it('shows a builder each dispute’s orders, amount, reason in words, state, due date and evidence', () => {
    const html = disputesTable(disputes, 'builder');
    expect(rowsOf(html)).toEqual([
      {
        Orders:
          '<a href="/dashboard/orders/o-1"><code class="id">o-1</code></a> <a href="/dashboard/orders/o-&lt;2&gt;"><code class="id">o-&lt;2&gt;</code></a>',
        Disputed: '$240.00',
        Reason: 'product not received',
        State: '<span class="pill" data-status="dispute-open">Open</span>',
        'Evidence due': time('2026-12-01T23:59:59.000Z', 'Dec 1, 2026'),
        Evidence: 'Not yet submitted',
      },
      {
        Orders: '<a href="/dashboard/orders/o-0001"><code class="id">o-0001</code></a>',
        Disputed: '50.50 EUR',
        Reason: 'fraudulent',
        State: '<span class="pill" data-status="dispute-won">Won</span>',
        'Evidence due': dash,
        Evidence: `Submitted ${time('2026-11-19T10:00:00.000Z', 'Nov 19, 2026')}`,
      },
      {
        Orders: '',
        Disputed: '$240.00',
        Reason: 'credit not processed',
        State: '<span class="pill" data-status="dispute-lost">Lost</span>',
        'Evidence due': dash,
        Evidence: dash,
      },
    ]);
    expect(columnsOf(html)).toEqual({ labels: ['Orders', 'Disputed', 'Reason', 'State', 'Evidence due', 'Evidence'], numeric: ['Disputed'] });
    expect(captionsOf(html)).toEqual(['Disputes']);
  });

  it('shows an admin also Stripe’s fee the platform paid, in the dispute’s currency', () => {
    const html = disputesTable(disputes, 'admin');
    expect(rowsOf(html).map((r) => r['Stripe’s fee'])).toEqual(['$15.00', '0.00 EUR', '$15.00']);
    expect(columnsOf(html).numeric).toEqual(['Disputed', 'Stripe’s fee']);
  });

  it('never shows the evidence, which holds the buyer’s address', () => {
    const html = disputesTable(
      [aDispute({ disputeId: 'dp_4', staged: { shipping_address: '1 Secret Lane, Springfield', customer_name: 'Bo Private' } })],
      'admin',
    );
    expect(html).not.toMatch(/Secret Lane|Bo Private/);
  });

  it('says there are none, in the builder’s or the admin’s words', () => {
    expect(disputesTable([], 'builder')).toBe('<p class="empty">No disputes on your orders.</p>');
    expect(disputesTable([], 'admin')).toBe('<p class="empty">No disputes in this server.</p>');
  });
});

describe('the disputes in order', () => {
  it('puts the open ones first, soonest due first (one with no due date before all), then the closed, newest first', () => {
    const ordered = disputesInOrder([
      aDispute({ disputeId: 'closed-old', state: 'won', firstSeenAt: '2026-10-01T10:00:00.000Z' }),
      aDispute({ disputeId: 'open-late', state: 'open', dueBy: 1_800_000_000 }),
      aDispute({ disputeId: 'closed-new', state: 'lost', firstSeenAt: '2026-11-01T10:00:00.000Z' }),
      aDispute({ disputeId: 'open-soon', state: 'open', dueBy: 1_790_000_000 }),
      aDispute({ disputeId: 'open-undated', state: 'open' }),
      aDispute({ disputeId: 'closed-mid', state: 'won', firstSeenAt: '2026-10-15T10:00:00.000Z' }),
    ]);
    expect(ordered.map((d) => d.disputeId)).toEqual(['open-undated', 'open-soon', 'open-late', 'closed-new', 'closed-mid', 'closed-old']);
  });

  it('puts an open dispute with no due date before one with a due date, wherever it was given', () => {
    const dated = aDispute({ disputeId: 'dated', dueBy: 1_790_000_000 });
    const undated = aDispute({ disputeId: 'undated' });
    expect(disputesInOrder([dated, undated]).map((d) => d.disputeId)).toEqual(['undated', 'dated']);
    expect(disputesInOrder([undated, dated]).map((d) => d.disputeId)).toEqual(['undated', 'dated']);
  });

  it('keeps closed disputes first seen at the same moment in the order given', () => {
    const at = '2026-11-01T10:00:00.000Z';
    const ordered = disputesInOrder([
      aDispute({ disputeId: 'a', state: 'won', firstSeenAt: at }),
      aDispute({ disputeId: 'b', state: 'lost', firstSeenAt: at }),
      aDispute({ disputeId: 'c', state: 'won', firstSeenAt: at }),
    ]);
    expect(ordered.map((d) => d.disputeId)).toEqual(['a', 'b', 'c']);
  });

  it('leaves the list it was given as it was', () => {
    const given = [aDispute({ disputeId: 'x', state: 'won' }), aDispute({ disputeId: 'y', state: 'open' })];
    disputesInOrder(given);
    expect(given.map((d) => d.disputeId)).toEqual(['x', 'y']);
  });
});
