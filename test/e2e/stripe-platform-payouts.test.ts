/**
 * The platform's own payouts and Connect's monthly fees, from outside, through the running
 * local runtime as an outside check drives it: `POST /_local/stripe/payouts` and
 * `POST /_local/stripe/connect-fees`. Each payout event reaches C500's real webhook, signed,
 * and is taken (2xx) with nothing dead-lettered; the lines land in the platform's ledger as
 * Stripe writes them, read back by `GET /_local/stripe/balance-transactions`.
 */
import { auctionWorld, type TestClock } from '../support/auctions';
import type { TestRuntime } from '../support/local-runtime';
import { paidOrder } from '../support/marketplace';
import { snowflake } from '../support/interactions';

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
const sentEvents = async () => ((await (await fetch(`${rt.url}/_local/stripe/events`)).json()) as { events: Array<{ type: string; status?: number }> }).events;
const ledger = async (type: string) =>
  ((await (await fetch(`${rt.url}/_local/stripe/balance-transactions?type=${type}`)).json()) as { data: Array<Record<string, unknown>> }).data;

it('pays the platform’s available balance out and has its bank send one back, and bills a month’s Connect fees once, every event taken by C500’s webhook', async () => {
  const order = await paidOrder(rt, builder, snowflake());
  // A charge's money is available two days after it.
  expect((await post('/_local/stripe/payouts', {})).status).toBe(409);
  clock.advance(2 * 24 * 60 * 60 * 1000 + 1_000);
  const failed = await post('/_local/stripe/payouts', { fail: true });
  expect(failed).toMatchObject({ status: 200, json: { payouts: [{ status: 'failed', failure_code: 'account_closed', currency: order.currency }] } });
  const paid = await post('/_local/stripe/payouts', {});
  expect(paid).toMatchObject({ status: 200, json: { payouts: [{ status: 'paid' }] } });
  await rt.settle();
  const payoutEvents = (await sentEvents()).filter((e) => e.type.startsWith('payout.'));
  expect(payoutEvents.map((e) => e.type)).toEqual(['payout.created', 'payout.failed', 'payout.created', 'payout.paid']);
  expect(payoutEvents.every((e) => e.status !== undefined && e.status >= 200 && e.status < 300)).toBe(true);
  expect((await ledger('payout')).map((t) => t.reporting_category)).toEqual(['payout', 'payout']);
  expect((await ledger('payout_failure')).map((t) => t.reporting_category)).toEqual(['payout_reversal']);

  const month = clock.now().toISOString().slice(0, 7);
  const billed = await post('/_local/stripe/connect-fees', { month });
  expect(billed).toMatchObject({ status: 200, json: { month, billed_now: true } });
  expect(await post('/_local/stripe/connect-fees', { month })).toMatchObject({ status: 200, json: { billed_now: false } });
  expect(rt.bus.deadLetters).toEqual([]);
}, 120_000);
