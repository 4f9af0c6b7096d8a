/**
 * The production adapter's ledger listing through stripe-node, against a stand-in of
 * `GET /v1/balance_transactions` that pages as Stripe does (`has_more`, `starting_after`):
 * every page is read, the range and `expand[]=data.source` are asked, and the lines come back
 * oldest first with their sources' ids.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createStripePayments } from '../../../../shared/adapters/stripe/stripe-payments';

const txn = (n: number, source: unknown) => ({
  id: `txn_${n}`,
  object: 'balance_transaction',
  amount: n * 100,
  available_on: 1_764_000_000,
  created: 1_764_000_000 - n,
  currency: 'usd',
  description: null,
  exchange_rate: null,
  fee: n,
  fee_details: [],
  net: n * 100 - n,
  reporting_category: 'charge',
  source,
  status: 'available',
  type: 'charge',
});

describe('the Stripe adapter’s ledger', () => {
  let server: Server;
  const asked: URL[] = [];
  beforeAll(async () => {
    // Newest first, two to a page, as Stripe lists them.
    const all = [
      txn(1, 'ch_1'),
      txn(2, { id: 're_2', object: 'refund', charge: 'ch_1' }),
      txn(3, { id: 'trr_3', object: 'transfer_reversal', transfer: 'tr_1' }),
    ];
    server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://stand-in');
      asked.push(url);
      const after = url.searchParams.get('starting_after');
      const from = after ? all.findIndex((t) => t.id === after) + 1 : 0;
      const page = all.slice(from, from + 2);
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ object: 'list', url: '/v1/balance_transactions', has_more: from + 2 < all.length, data: page }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('reads every page of the range, sources expanded, oldest first', async () => {
    const { port } = server.address() as AddressInfo;
    const payments = createStripePayments('sk_test_x', { host: '127.0.0.1', port, protocol: 'http' });
    const lines = await payments.listBalanceTransactions?.({ from: new Date('2026-11-01T00:00:00Z'), to: new Date('2026-12-01T00:00:00Z') });
    expect(lines?.map((l) => [l.id, l.sourceId, l.sourceChargeId, l.sourceTransferId])).toEqual([
      ['txn_3', 'trr_3', undefined, 'tr_1'],
      ['txn_2', 're_2', 'ch_1', undefined],
      ['txn_1', 'ch_1', undefined, undefined],
    ]);
    expect(asked).toHaveLength(2);
    const first = asked[0] as URL;
    expect(first.pathname).toBe('/v1/balance_transactions');
    expect(first.searchParams.get('created[gte]')).toBe(String(Date.parse('2026-11-01T00:00:00Z') / 1000));
    expect(first.searchParams.get('created[lt]')).toBe(String(Date.parse('2026-12-01T00:00:00Z') / 1000));
    expect([...first.searchParams].filter(([key]) => key.startsWith('expand')).map(([, value]) => value)).toEqual(['data.source']);
    expect(asked[1]?.searchParams.get('starting_after')).toBe('txn_2');
  });
});
