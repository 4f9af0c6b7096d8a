/**
 * The playground's Stripe panel lists a group buy's order charged off session at its close (it
 * has no Checkout Session), and offers on it only what Stripe would do: a chargeback opens on
 * its charge, and once the chargeback is lost the panel offers no Refund, which the local
 * Stripe refuses with Stripe's `charge_disputed` all the same. Driven from outside, through the
 * local runtime, with the panel's own listing and cases.
 */
import { stripeCasesFor, type StripeCaseName, type StripeOrderFacts } from '../../shared/local/playground/client/stripe-cases';
import { paidOrdersOf, type StripeLists } from '../../shared/local/playground/client/stripe-orders';
import { snowflake } from '../support/interactions';
import { auctionWorld, type TestClock } from '../support/auctions';
import type { TestRuntime } from '../support/local-runtime';
import { groupBuyDriver } from '../support/group-buys';
import { personPseudonym } from '../../shared/log';

let rt: TestRuntime;
let clock: TestClock;
let gb: ReturnType<typeof groupBuyDriver>;

beforeAll(async () => {
  let builder: string;
  ({ rt, clock, builder } = await auctionWorld());
  gb = groupBuyDriver(rt, clock, builder);
}, 120_000);
afterAll(() => rt.close());

const list = async <T>(path: string, key: string) => ((await (await fetch(`${rt.url}${path}`)).json()) as Record<string, T[]>)[key] as T[];

/** The panel's list, read from the lists it reads. */
async function panelOrders(): Promise<StripeOrderFacts[]> {
  const lists: StripeLists = {
    sessions: await list('/_local/stripe/sessions', 'sessions'),
    payment_intents: await list('/_local/stripe/payment-intents', 'payment_intents'),
    disputes: await list('/_local/stripe/disputes', 'disputes'),
    refunds: await list('/_local/stripe/refunds', 'refunds'),
    accounts: await list('/_local/stripe/accounts', 'accounts'),
  };
  return paidOrdersOf(lists);
}

async function press(order: StripeOrderFacts, name: StripeCaseName): Promise<{ status: number; json: Record<string, unknown> }> {
  const chosen = stripeCasesFor(order).find((c) => c.name === name);
  if (!chosen) throw new Error(`no case ${name}`);
  const answer = await fetch(`${rt.url}${chosen.path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(chosen.body) });
  await rt.settle();
  return { status: answer.status, json: (await answer.json()) as Record<string, unknown> };
}

it('lists a group buy’s order charged at its close, and offers no Refund once its chargeback is lost, which Stripe refuses', async () => {
  const member = snowflake();
  const id = await gb.start('GMK Olivia', 1);
  await gb.join(id, member);
  await gb.runClose(id);
  const ofMember = async () => (await panelOrders()).find((o) => o.buyerId === personPseudonym(member));
  const order = await ofMember();
  expect(order).toMatchObject({ title: expect.stringMatching(/^group buy order /), chargeId: expect.stringMatching(/^ch_/), amountCents: 12_000 });
  expect(order?.sessionId).toBeUndefined();

  expect((await press(order as StripeOrderFacts, 'chargeback')).status).toBe(200);
  const disputed = (await ofMember()) as StripeOrderFacts;
  expect(stripeCasesFor(disputed).find((c) => c.name === 'refund')?.disabled).toMatch(/Stripe refuses a refund while the chargeback is open/);
  expect((await press(disputed, 'close-lost')).status).toBe(200);
  const lost = (await ofMember()) as StripeOrderFacts;
  const refund = stripeCasesFor(lost).find((c) => c.name === 'refund');
  expect(refund?.disabled).toMatch(/chargeback lost/);
  // Pressed all the same (a script, or a panel out of date), the local Stripe refuses as Stripe does, and nothing is refunded.
  expect(await press(lost, 'refund')).toEqual({
    status: 400,
    json: { error: `Charge ${lost.chargeId} has been charged back; cannot issue a refund.`, code: 'charge_disputed' },
  });
  expect((await list<{ payment_intent: string }>('/_local/stripe/refunds', 'refunds')).filter((r) => r.payment_intent === lost.paymentIntent)).toEqual([]);
}, 120_000);
