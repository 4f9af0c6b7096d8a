/**
 * The soak's group-buy invariants each catch what they name: a small world where a group buy
 * closed, met its MOQ and charged its two members once each after the close (one off session,
 * one on the pay link their card asked for), and that world broken one way at a time, with the
 * counterexample the soak would print.
 */
import { chargeKeyOf } from '../../../shared/groupbuys';
import { personPseudonym } from '../../../shared/log';
import { charge, iso, order, verdict, world } from '../../support/soak-world';

const names = {
  once: 'a group-buy pledge charged at most once (one payment a charge key)',
  moq: 'nobody charged in a group buy short of its MOQ',
  beforeClose: 'no group-buy charge before its close',
  orderPaid: 'every group-buy charge has its order paid and its journal entry',
  funded: 'a group buy’s funded units are the units charged',
  ended: 'every group buy ends by its tasks',
  savedCounted: 'every card saved before a group buy’s close counted, whenever its event came',
} as const;

const closesAt = iso(2 * 3_600_000);
const afterClose = Math.floor((Date.parse(closesAt) + 61_000) / 1000);

const groupBuy = (over: Record<string, unknown> = {}) => ({
  groupBuyId: 'g1',
  guildId: 'g',
  status: 'funded',
  moq: 2,
  priceCents: 5_000,
  currency: 'usd',
  closesAt,
  pledgedUnits: 3,
  pledgers: 2,
  fundedUnits: 3,
  ...over,
});
const pledge = (buyerId: string, status: string, quantity: number, over: Record<string, unknown> = {}) => ({
  groupBuyId: 'g1',
  buyerId,
  buyerName: buyerId,
  quantity,
  status,
  joinedAt: iso(3 * 3_600_000),
  ...over,
});
const intent = (id: string, buyerId: string, orderId: string, amount: number, over: Record<string, unknown> = {}, offSession = true) => ({
  stripe: {
    id,
    object: 'payment_intent',
    amount,
    currency: 'usd',
    status: 'succeeded',
    latest_charge: `ch_${orderId}`,
    metadata: { kind: 'groupbuy', order_id: orderId, group_buy_id: 'g1', buyer_id: buyerId },
    created: afterClose,
    ...over,
  },
  sequence: 1,
  offSession,
});
const setupSession = (buyerId: string) => ({
  stripe: {
    id: `cs_${buyerId}`,
    mode: 'setup',
    status: 'complete',
    client_reference_id: 'g1',
    metadata: { kind: 'groupbuy-pledge', group_buy_id: 'g1', buyer_id: buyerId },
  },
  sequence: 1,
});
const chargeEntry = (orderId: string, cents: number) => ({
  entryId: `charge:${orderId}`,
  kind: 'charge',
  at: iso(60_000),
  guildId: 'g',
  currency: 'usd',
  orderId,
  stripeId: `ch_${orderId}`,
  postings: [
    { account: 'stripe-balance', amountCents: cents },
    { account: 'held', amountCents: -cents, orderId },
  ],
});
const groupBuyOrder = (orderId: string, buyerId: string, amountCents: number) =>
  order({
    orderId,
    buyerId,
    source: 'groupbuy',
    sourceId: 'g1',
    amountCents,
    platformFeeCents: amountCents / 10,
    builderShareCents: amountCents - amountCents / 10,
    status: 'paid',
    chargeId: `ch_${orderId}`,
  });

/** Two members: b1 charged off session for two units, b2 (whose card asked for them) paid one on the link. */
function funded(over: Record<string, unknown> = {}) {
  return {
    'groupBuys/g1': groupBuy(),
    'groupBuys/g1/pledges/b1': pledge('b1', 'charged', 2),
    'groupBuys/g1/pledges/b2': pledge('b2', 'paid', 1),
    '_localStripeSessions/cs_b1': setupSession('b1'),
    '_localStripeSessions/cs_b2': setupSession('b2'),
    '_localStripePaymentIntents/pi_1': intent('pi_1', 'b1', 'o1', 10_000),
    '_localStripePaymentIntents/pi_2': intent('pi_2', 'b2', 'o2', 5_000, { latest_charge: null, status: 'requires_payment_method' }),
    '_localStripePaymentIntents/pi_3': intent('pi_3', 'b2', 'o2', 5_000, {}, false),
    'orders/o1': groupBuyOrder('o1', 'b1', 10_000),
    'orders/o2': groupBuyOrder('o2', 'b2', 5_000),
    '_localStripeCharges/ch_o1': charge({ id: 'ch_o1', amount: 10_000 }),
    '_localStripeCharges/ch_o2': charge({ id: 'ch_o2', amount: 5_000 }),
    'journal/charge:o1': chargeEntry('o1', 10_000),
    'journal/charge:o2': chargeEntry('o2', 5_000),
    ...over,
  };
}

/** b3 saved a card on cs_b3 `secondsBeforeClose` before the close (Stripe's time: the card's `created`), its pledge as given. */
const savedLate = (secondsBeforeClose: number, pledged: Record<string, unknown>) => ({
  '_localStripeSessions/cs_b3': { ...setupSession('b3'), stripe: { ...setupSession('b3').stripe, id: 'cs_b3', setup_intent: 'seti_b3' } },
  '_localStripeSetupIntents/seti_b3': { stripe: { id: 'seti_b3', payment_method: 'pm_b3' }, sequence: 2 },
  '_localStripePaymentMethods/pm_b3': { stripe: { id: 'pm_b3', created: Math.floor(Date.parse(closesAt) / 1000) - secondsBeforeClose }, sequence: 3 },
  'groupBuys/g1/pledges/b3': pledge('b3', 'saving-card', 1, { setupSessionId: 'cs_b3', ...pledged }),
});

describe('the soak’s group-buy invariants', () => {
  it('hold when a card saved before the close counted, and pass over one saved after it', () => {
    expect(verdict(world(funded(savedLate(20, { status: 'charged' }))), names.savedCounted)).toMatchObject({ held: true, checked: 1 });
    expect(verdict(world(funded(savedLate(-20, {}))), names.savedCounted)).toMatchObject({ held: true, checked: 0 });
  });

  it('breaks when a card saved before the close was left waiting on its card (its event held back past the close)', () => {
    expect(verdict(world(funded(savedLate(20, {}))), names.savedCounted)).toMatchObject({
      held: false,
      counterexample: `${chargeKeyOf('g1', personPseudonym('b3'))} saved a card at ${new Date(Date.parse(closesAt) - 20_000).toISOString()}, before the close at ${closesAt}, and never counted`,
    });
  });

  it('hold a group buy that charged each member once after its close, each order paid and in the journal', () => {
    const w = world(funded());
    expect(verdict(w, names.once)).toMatchObject({ held: true, checked: 2 });
    expect(verdict(w, names.moq)).toMatchObject({ held: true, checked: 1 });
    expect(verdict(w, names.beforeClose)).toMatchObject({ held: true, checked: 3 });
    expect(verdict(w, names.orderPaid)).toMatchObject({ held: true, checked: 2 });
    expect(verdict(w, names.funded)).toMatchObject({ held: true, checked: 1 });
    expect(verdict(w, names.ended)).toMatchObject({ held: true, checked: 1 });
    // The money invariants every order is held to count the group buy's two charges among theirs.
    expect(verdict(w, 'every charge = refunds + transfers + fee + held + dispute losses and fees, to the cent')).toMatchObject({ held: true, checked: 2 });
  });

  it('breaks when Stripe took a second payment under one pledge’s charge key', () => {
    const w = world(funded({ '_localStripePaymentIntents/pi_4': intent('pi_4', 'b1', 'o1', 10_000, { latest_charge: 'ch_again' }) }));
    expect(verdict(w, names.once)).toMatchObject({
      held: false,
      counterexample: `${chargeKeyOf('g1', personPseudonym('b1'))} was charged 2 times: pi_1, pi_4`,
    });
  });

  it('breaks when a group buy that closed short of its MOQ had anyone charged', () => {
    const w = world(funded({ 'groupBuys/g1': groupBuy({ status: 'not-met', moq: 40 }) }));
    expect(verdict(w, names.moq)).toMatchObject({ held: false, counterexample: 'group buy g1 is not-met (MOQ 40), yet Stripe made 3 PaymentIntent(s) for it' });
  });

  it('breaks when a member was charged on a card Stripe never saved for the group buy', () => {
    const docs: Record<string, unknown> = funded();
    delete docs['_localStripeSessions/cs_b1'];
    expect(verdict(world(docs), names.moq)).toMatchObject({
      held: false,
      counterexample: `${chargeKeyOf('g1', personPseudonym('b1'))} was charged (pi_1) with no card saved for it at Stripe`,
    });
  });

  it('breaks when a charge was made before the group buy closed', () => {
    const early = Math.floor((Date.parse(closesAt) - 5_000) / 1000);
    const w = world(funded({ '_localStripePaymentIntents/pi_1': intent('pi_1', 'b1', 'o1', 10_000, { created: early }) }));
    expect(verdict(w, names.beforeClose)).toMatchObject({
      held: false,
      counterexample: `pi_1 for group buy g1 was made at ${new Date(early * 1000).toISOString()}, before its close at ${closesAt}`,
    });
  });

  it('breaks when a charge left its order unpaid, was not its order’s amount, or paid it with no journal entry', () => {
    const unpaid = world(
      funded({ 'orders/o1': order({ orderId: 'o1', source: 'groupbuy', sourceId: 'g1', status: 'awaiting-payment', chargeId: undefined }) }),
    );
    expect(verdict(unpaid, names.orderPaid)).toMatchObject({
      held: false,
      counterexample: `${chargeKeyOf('g1', personPseudonym('b1'))} was charged (ch_o1); its order o1 is awaiting-payment, paid by nothing`,
    });
    const short = world(funded({ '_localStripePaymentIntents/pi_1': intent('pi_1', 'b1', 'o1', 9_000) }));
    expect(verdict(short, names.orderPaid)).toMatchObject({
      held: false,
      counterexample: `${chargeKeyOf('g1', personPseudonym('b1'))} was charged 9000; its order o1 is for 10000`,
    });
    const docs: Record<string, unknown> = funded();
    delete docs['journal/charge:o2'];
    expect(verdict(world(docs), names.orderPaid)).toMatchObject({
      held: false,
      counterexample: "order o2 was paid by ch_o2 of 5000; the journal's charge entry has nothing",
    });
  });

  it('breaks when the funded count is not the units charged, and reads an erased member’s units from Stripe', () => {
    const miscounted = world(funded({ 'groupBuys/g1': groupBuy({ fundedUnits: 4 }) }));
    expect(verdict(miscounted, names.funded)).toMatchObject({
      held: false,
      counterexample: 'group buy g1 says 4 units funded; Stripe charged 3 units (2 payments), its pledges charged or paid hold 3',
    });
    const docs: Record<string, unknown> = funded();
    delete docs['groupBuys/g1/pledges/b1'];
    expect(verdict(world(docs), names.funded).held).toBe(false);
    expect(verdict(world(docs, { erased: [{ id: 'b1', name: 'b1', fromSeq: 0 }] } as never), names.funded)).toMatchObject({ held: true });
  });

  it('breaks when a group buy stays open past its close, or charging with nobody left to wait on', () => {
    const open = world({ 'groupBuys/g1': groupBuy({ status: 'open', fundedUnits: undefined }) });
    expect(verdict(open, names.ended)).toMatchObject({ held: false, counterexample: `group buy g1 is still open, its close at ${closesAt} long past` });
    const charging = world(funded({ 'groupBuys/g1': groupBuy({ status: 'charging' }) }));
    expect(verdict(charging, names.ended)).toMatchObject({ held: false, counterexample: 'group buy g1 is charging with nobody left to charge or wait on' });
    const waiting = world(
      funded({ 'groupBuys/g1': groupBuy({ status: 'charging' }), 'groupBuys/g1/pledges/b3': pledge('b3', 'needs-buyer', 1, { payBy: iso(3_600_000) }) }),
    );
    expect(verdict(waiting, names.ended)).toMatchObject({
      held: false,
      counterexample: `group buy g1 still waits on a pay link past its deadline ${iso(3_600_000)}`,
    });
    const notYet = world(
      funded({ 'groupBuys/g1': groupBuy({ status: 'charging' }), 'groupBuys/g1/pledges/b3': pledge('b3', 'needs-buyer', 1, { payBy: iso(-3_600_000) }) }),
    );
    expect(verdict(notYet, names.ended)).toMatchObject({ held: true });
  });
});
