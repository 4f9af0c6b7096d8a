/**
 * The playground's Stripe panel, through its HTTP routes: each case the panel offers for a
 * paid order is posted exactly as the panel posts it (its path and body from stripe-cases.ts)
 * to a running runtime, and the local Stripe answers 200 and sends C500 the events real
 * Stripe sends for that case, in Stripe's names.
 */
import type { Order } from '../../shared/orders';
import { stripeCasesFor, type StripeCaseName, type StripeOrderFacts } from '../../shared/local/playground/client/stripe-cases';
import { paidOrdersOf, type StripeLists } from '../../shared/local/playground/client/stripe-orders';
import { startTestRuntime, type TestRuntime } from '../support/local-runtime';
import { linkTwitch, onboard, paidOrder, say, setUpGuild, shipAndReceive, streamEvent } from '../support/marketplace';

let rt: TestRuntime;
const builder = '813000000000000071';

beforeAll(async () => {
  rt = await startTestRuntime();
  await setUpGuild(rt);
  await onboard(rt, builder);
  await linkTwitch(rt, builder, 'panelkeebs');
  await streamEvent(rt, 'panelkeebs', 'online');
});
afterAll(() => rt.close());

const list = async <T>(path: string, key: string) => ((await (await fetch(`${rt.url}${path}`)).json()) as Record<string, T[]>)[key] as T[];
const eventsSince = async (count: number) => (await list<{ type: string }>('/_local/stripe/events', 'events')).slice(count).map((e) => e.type);

/** What the panel reads of an order, from the same lists it reads, through its own listing. */
async function facts(order: Order): Promise<StripeOrderFacts> {
  const lists: StripeLists = {
    sessions: await list('/_local/stripe/sessions', 'sessions'),
    payment_intents: await list('/_local/stripe/payment-intents', 'payment_intents'),
    disputes: await list('/_local/stripe/disputes', 'disputes'),
    refunds: await list('/_local/stripe/refunds', 'refunds'),
    accounts: await list('/_local/stripe/accounts', 'accounts'),
  };
  const found = paidOrdersOf(lists).find((o) => o.sessionId === order.checkoutSessionId);
  if (!found) throw new Error(`the panel lists no paid order ${order.orderId}`);
  return found;
}

/** Presses a case as the panel does; the events Stripe sent for it. */
async function press(order: Order, name: StripeCaseName): Promise<string[]> {
  const chosen = stripeCasesFor(await facts(order)).find((c) => c.name === name);
  if (!chosen || chosen.disabled) throw new Error(`${name} is not offered: ${chosen?.disabled ?? 'unknown case'}`);
  const before = (await list('/_local/stripe/events', 'events')).length;
  const answer = await fetch(`${rt.url}${chosen.path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(chosen.body) });
  expect(answer.status).toBe(200);
  await rt.settle();
  return eventsSince(before);
}

/** Paid, proved on stream, shipped and received: the delivery gate lets its payout go. */
const proved = async (buyer: string) => {
  const order = await paidOrder(rt, builder, buyer);
  await say(rt, builder, { path: ['live'], options: { mode: `order:${order.orderId}` } });
  await shipAndReceive(rt, builder, buyer, order.orderId);
  return order;
};

describe('the Stripe panel’s cases, through the local Stripe’s routes', () => {
  it('opens an inquiry, escalates it and closes it as won, each with Stripe’s dispute events', async () => {
    const order = await proved('823000000000000071');
    // C500's evidence, sent when the dispute is due soon, is Stripe's `charge.dispute.updated` too: an inquiry withdraws nothing.
    const inquiry = await press(order, 'inquiry');
    expect(inquiry[0]).toBe('charge.dispute.created');
    expect(inquiry).not.toContain('charge.dispute.funds_withdrawn');
    expect(await press(order, 'escalate')).toEqual(['charge.dispute.updated', 'charge.dispute.funds_withdrawn']);
    expect(await press(order, 'close-won')).toEqual(['charge.dispute.closed', 'charge.dispute.funds_reinstated']);
  });

  it('opens a chargeback and closes it as lost', async () => {
    const order = await proved('823000000000000072');
    expect((await press(order, 'chargeback')).slice(0, 2)).toEqual(['charge.dispute.created', 'charge.dispute.funds_withdrawn']);
    expect(await press(order, 'close-lost')).toEqual(['charge.dispute.closed']);
  });

  it('closes an inquiry with nothing taken', async () => {
    const order = await proved('823000000000000073');
    await press(order, 'inquiry');
    expect(await press(order, 'close-inquiry')).toEqual(['charge.dispute.closed']);
  });

  it('warns of fraud (C500 refunds the unreleased order), then the refund fails', async () => {
    const order = await paidOrder(rt, builder, '823000000000000074');
    expect(await press(order, 'fraud-warning')).toContain('radar.early_fraud_warning.created');
    expect((await facts(order)).refundId).toBeDefined();
    expect(await press(order, 'refund-failed')).toEqual(['charge.refund.updated']);
  });

  it('refunds from Stripe’s dashboard', async () => {
    const order = await paidOrder(rt, builder, '823000000000000075');
    expect(await press(order, 'refund')).toContain('charge.refunded');
  });

  it('lets the bank charge back an order refunded in full, for the whole charge as Stripe does, and still refuses its refund', async () => {
    const order = await paidOrder(rt, builder, '823000000000000077');
    expect(await press(order, 'refund')).toContain('charge.refunded');
    expect((await press(order, 'chargeback')).slice(0, 2)).toEqual(['charge.dispute.created', 'charge.dispute.funds_withdrawn']);
    // Read back from the local Stripe's own objects: the dispute is for the whole charge, refunds and all.
    const { amountCents: charged, paymentIntent } = await facts(order);
    const disputes = await list<{ payment_intent: string; amount: number }>('/_local/stripe/disputes', 'disputes');
    expect(disputes.filter((d) => d.payment_intent === paymentIntent).map((d) => d.amount)).toEqual([charged]);
    expect(stripeCasesFor(await facts(order)).find((c) => c.name === 'refund')?.disabled).toBe('already refunded');
  });

  it('fails a payout, pays one out, and revokes the builder’s account, with the Connect events Stripe sends', async () => {
    const order = await proved('823000000000000076');
    expect(await press(order, 'payout-failed')).toEqual(['payout.failed']);
    expect(await press(order, 'payout')).toEqual([]);
    expect(await press(order, 'revoke')).toEqual(['account.application.deauthorized']);
  });
});
