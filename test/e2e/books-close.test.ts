/**
 * The books close against Stripe's whole ledger (issue 75), from outside, on the running local
 * runtime: a drop sale released to its builder, the builder's balance paid out, the platform's
 * balance paid out (one payout its bank sends back, one that lands), and a month's Connect fees
 * billed. Every line Stripe wrote is explained by the journal and every account that should be
 * empty is: the operator's reconciliation reports 0 unexplained and 0 uncleared.
 */
import { auctionWorld, type TestClock } from '../support/auctions';
import type { TestRuntime } from '../support/local-runtime';
import { linkTwitch, paidOrder, say, shipAndReceive, streamEvent } from '../support/marketplace';
import { snowflake } from '../support/interactions';
import { builderPath } from '../../shared/onboarding';
import { journalCollection } from '../../shared/journal';

let rt: TestRuntime;
let clock: TestClock;
let builder: string;

beforeAll(async () => {
  ({ rt, clock, builder } = await auctionWorld());
}, 120_000);
afterAll(() => rt.close());

const post = async (path: string, body: unknown) => {
  const res = await fetch(`${rt.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
};

interface Report {
  balanceTransactions: number;
  matched: number;
  unexplained: Array<{ group: string; types: string[] }>;
  uncleared: unknown[];
  platform?: Array<{ currency: string; paidOutCents: number; stripeBilledCents: number; ordersNetCents: number; netCents: number }>;
}

it('reports nothing unexplained and nothing uncleared after a sale released, the platform paid out and a month’s Connect fees billed', async () => {
  await linkTwitch(rt, builder, 'closingkeebs');
  await streamEvent(rt, 'closingkeebs', 'online');
  const buyer = snowflake();
  const sold = await paidOrder(rt, builder, buyer);
  await say(rt, builder, { path: ['live'], options: { mode: `order:${sold.orderId}` } });
  // The delivery gate: the release goes when the buyer presses Received.
  await shipAndReceive(rt, builder, buyer, sold.orderId);
  await rt.settle();
  // The builder's own payout makes their account active this month: Connect bills the platform for it.
  const account = (await rt.store.get(builderPath(builder)))?.stripeAccountId as string;
  expect((await post(`/_local/stripe/accounts/${account}/payout`, {})).status).toBe(200);
  const month = clock.now().toISOString().slice(0, 7);
  // A charge's money is available two days after it.
  clock.advance(2 * 24 * 60 * 60 * 1000 + 1_000);
  expect((await post('/_local/stripe/payouts', { fail: true })).status).toBe(200);
  expect((await post('/_local/stripe/payouts', {})).status).toBe(200);
  const billed = await post('/_local/stripe/connect-fees', { month });
  expect(billed).toMatchObject({ status: 200, json: { billed_now: true } });
  expect((billed.json.balance_transactions as unknown[]).length).toBeGreaterThan(0);
  await rt.settle();

  const answer = await fetch(`${rt.url}/_local/reconcile?since=2000-01-01`);
  expect(answer.status).toBe(200);
  const report = (await answer.json()) as Report;
  expect(report).toMatchObject({ unexplained: [], uncleared: [] });
  expect(report.matched).toBe(report.balanceTransactions);
  // The platform's own money: one payout landed (the other came back), and Stripe's bill is a cost.
  expect(report.platform).toEqual([
    {
      currency: sold.currency.toLowerCase(),
      paidOutCents: expect.any(Number),
      stripeBilledCents: expect.any(Number),
      ordersNetCents: expect.any(Number),
      netCents: expect.any(Number),
    },
  ]);
  expect(report.platform?.[0]?.paidOutCents).toBeGreaterThan(0);
  expect(report.platform?.[0]?.stripeBilledCents).toBeGreaterThan(0);
  // The platform's net is Stripe's: every line of its balance but its payouts (its own money sent to its bank, and back).
  const lines = (await rt.payments.listBalanceTransactions?.({ from: new Date(0), to: new Date(clock.now().getTime() + 1_000) })) ?? [];
  const stripeNet = lines.filter((l) => !l.type.startsWith('payout')).reduce((sum, l) => sum + l.netCents, 0);
  expect(report.platform?.[0]?.netCents).toBe(stripeNet);
  const kinds = new Set((await rt.store.query(journalCollection)).map((d) => d.data.kind));
  for (const kind of ['charge', 'release', 'stripe-fee', 'platform-payout', 'payout-returned', 'connect-fee']) expect(kinds).toContain(kind);
  expect(rt.bus.deadLetters).toEqual([]);
}, 120_000);
