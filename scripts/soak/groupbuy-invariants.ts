/**
 * The group buys' invariants (issue 65), read first from Stripe's stand-in, which the product
 * does not write: its PaymentIntents (off session at the close, or a pay link's Checkout
 * payment), each naming its group buy, member and order in its metadata, with the time Stripe
 * made it; its charges; and the setup sessions on which members saved their cards. Our records
 * are read for what Stripe cannot know, each said where: a group buy's terms (its MOQ, price and
 * close), what the close decided, the funded count it keeps, and the pledges.
 *
 * A member who erased themselves since has no pledge any more (the table of kept data ends a
 * closed pledge with its member's erasure): their part is read from Stripe alone.
 */
import { chargeKeyOf, closeSettleMs, type GroupBuy, type Pledge } from '../../shared/groupbuys';
import { chargedCents, type Order } from '../../shared/orders';
import type { JournalEntry } from '../../shared/journal';
import type { LocalCharge, LocalCheckoutSession, LocalPaymentIntent } from '../../shared/local/stripe/objects';
import { verdict, type Check, type NamedCheck } from './check';
import { collection, storedStripeObjects, stripeObjects, type SoakWorld } from './world';
import type { PrivacyWorld } from './privacy-invariants';
import { personPseudonym } from '../../shared/log';
import { stripePerson } from './stripe-people';

const groupBuysOf = (world: SoakWorld) => new Map(collection<GroupBuy>(world, 'groupBuys').map((d) => [d.id, d.data]));
const pledgesOf = (world: SoakWorld, groupBuyId: string) => collection<Pledge>(world, `groupBuys/${groupBuyId}/pledges`).map((d) => d.data);

/** Every PaymentIntent Stripe made for a group buy, off session or on a pay link, with its charge key (the group buy and member it names). */
function groupBuyIntents(world: SoakWorld): Array<{ intent: LocalPaymentIntent; key: string; groupBuyId: string }> {
  return storedStripeObjects<LocalPaymentIntent>(world, 'PaymentIntents').flatMap(({ stripe }) => {
    const [groupBuyId, buyer] = [stripe.metadata?.group_buy_id, stripePerson(stripe.metadata, 'buyer')];
    // Keyed as the product keys the charge: the group buy and the member's pseudonym.
    return groupBuyId && buyer ? [{ intent: stripe, key: chargeKeyOf(groupBuyId, buyer), groupBuyId }] : [];
  });
}

const succeeded = (world: SoakWorld) => groupBuyIntents(world).filter((p) => p.intent.status === 'succeeded');

/** One pledge is one payment: Stripe took at most one (a succeeded PaymentIntent) under each charge key, however the close and its link were retried. */
const oneChargePerPledge: Check = (world) => {
  const byKey = new Map<string, string[]>();
  for (const { intent, key } of groupBuyIntents(world)) {
    const paid = byKey.get(key) ?? [];
    byKey.set(key, intent.status === 'succeeded' ? [...paid, intent.id] : paid);
  }
  const problems = [...byKey].filter(([, paid]) => paid.length > 1).map(([key, paid]) => `${key} was charged ${paid.length} times: ${paid.join(', ')}`);
  return verdict(byKey.size, problems);
};

/**
 * Nobody is charged in a group buy that did not meet its MOQ: no PaymentIntent at all for one
 * closed short, called off or still open; and one Stripe charged for closed counting at least its
 * MOQ (the units the close decided on), each charged member with a card Stripe saved for it.
 */
const nobodyChargedShortOfTheMoq: Check = (world) => {
  const groupBuys = groupBuysOf(world);
  const intents = groupBuyIntents(world);
  const saved = new Set(
    stripeObjects<LocalCheckoutSession>(world, 'Sessions')
      .filter((s) => s.mode === 'setup' && s.status === 'complete')
      .map((s) => chargeKeyOf(s.metadata.group_buy_id ?? '', stripePerson(s.metadata, 'buyer') ?? '')),
  );
  const problems: string[] = [];
  for (const [id, groupBuy] of groupBuys) {
    const mine = intents.filter((p) => p.groupBuyId === id);
    if (mine.length === 0) continue;
    if (groupBuy.status !== 'charging' && groupBuy.status !== 'funded')
      problems.push(`group buy ${id} is ${groupBuy.status} (MOQ ${groupBuy.moq}), yet Stripe made ${mine.length} PaymentIntent(s) for it`);
    else if (groupBuy.pledgedUnits < groupBuy.moq)
      problems.push(`group buy ${id} closed with ${groupBuy.pledgedUnits} units of its MOQ ${groupBuy.moq} and charged`);
    for (const { intent, key } of mine.filter((p) => p.intent.status === 'succeeded'))
      if (!saved.has(key)) problems.push(`${key} was charged (${intent.id}) with no card saved for it at Stripe`);
  }
  for (const { groupBuyId, intent } of intents.filter((p) => !groupBuys.has(p.groupBuyId)))
    problems.push(`Stripe made ${intent.id} for group buy ${groupBuyId}, which is not there`);
  return verdict(groupBuys.size, problems);
};

/** Nothing is charged before the close: every PaymentIntent of a group buy was made (Stripe's time) at or after its `closesAt`. */
const noChargeBeforeTheClose: Check = (world) => {
  const groupBuys = groupBuysOf(world);
  const intents = groupBuyIntents(world);
  const problems = intents.flatMap(({ intent, groupBuyId }) => {
    const closesAt = groupBuys.get(groupBuyId)?.closesAt;
    return closesAt && intent.created * 1000 < Date.parse(closesAt)
      ? [`${intent.id} for group buy ${groupBuyId} was made at ${new Date(intent.created * 1000).toISOString()}, before its close at ${closesAt}`]
      : [];
  });
  return verdict(intents.length, problems);
};

const unpaidStatuses: ReadonlySet<Order['status']> = new Set(['awaiting-payment', 'expired']);

/**
 * Every payment Stripe took for a group buy made its order paid, by that very charge, with the
 * journal's charge entry: the charge's whole amount into the platform's Stripe balance.
 */
const everyChargeAnOrderPaid: Check = (world) => {
  const charges = new Map(stripeObjects<LocalCharge>(world, 'Charges').map((c) => [c.id, c]));
  const entries = new Map(collection<JournalEntry>(world, 'journal').map((d) => [d.data.entryId, d.data]));
  const paid = succeeded(world);
  const problems = paid.flatMap(({ intent, key }) => {
    const orderId = intent.metadata.order_id ?? '';
    const order = world.docs.get(`orders/${orderId}`) as Order | undefined;
    const charge = charges.get(intent.latest_charge ?? '');
    if (!order) return [`${key} was charged (${intent.id}) and its order ${orderId} is not there`];
    if (unpaidStatuses.has(order.status) || order.chargeId !== intent.latest_charge)
      return [`${key} was charged (${intent.latest_charge}); its order ${orderId} is ${order.status}, paid by ${order.chargeId ?? 'nothing'}`];
    if (intent.amount !== chargedCents(order)) return [`${key} was charged ${intent.amount}; its order ${orderId} is for ${chargedCents(order)}`];
    const entry = entries.get(`charge:${orderId}`);
    const intoStripe = (entry?.postings ?? []).filter((p) => p.account === 'stripe-balance').reduce((sum, p) => sum + p.amountCents, 0);
    if (!entry || entry.stripeId !== intent.latest_charge || intoStripe !== charge?.amount)
      return [
        `order ${orderId} was paid by ${intent.latest_charge} of ${charge?.amount ?? '?'}; the journal's charge entry has ${entry ? intoStripe : 'nothing'}`,
      ];
    return [];
  });
  return verdict(paid.length, problems);
};

/**
 * A group buy's funded count is what was charged: the units of the payments Stripe took for it
 * (each paying its order, whose price over the unit price is its units: the payment is held to
 * the order's amount above), and the units of its pledges charged or paid (an erased member's,
 * whose pledge is gone, by Stripe's).
 */
const fundedUnitsAreTheCharged: Check = (world) => {
  const erased = new Set(((world as PrivacyWorld).erased ?? []).map((m) => personPseudonym(m.id)));
  const paid = succeeded(world);
  const problems: string[] = [];
  const funded = [...groupBuysOf(world)].filter(([, g]) => g.fundedUnits !== undefined);
  for (const [id, groupBuy] of funded) {
    const mine = paid.filter((p) => p.groupBuyId === id);
    const unitsOf = (intent: LocalPaymentIntent) => {
      const order = world.docs.get(`orders/${intent.metadata.order_id ?? ''}`) as Order | undefined;
      return (order?.amountCents ?? intent.amount) / groupBuy.priceCents;
    };
    const byStripe = mine.reduce((sum, p) => sum + unitsOf(p.intent), 0);
    const pledges = pledgesOf(world, id);
    const byPledges = pledges.filter((p) => p.status === 'charged' || p.status === 'paid').reduce((sum, p) => sum + p.quantity, 0);
    const buyerOf = (p: { intent: LocalPaymentIntent }) => stripePerson(p.intent.metadata, 'buyer') ?? '';
    const gone = mine.filter((p) => erased.has(buyerOf(p)) && !pledges.some((q) => personPseudonym(q.buyerId) === buyerOf(p)));
    const byPledgesAndErased = byPledges + gone.reduce((sum, p) => sum + unitsOf(p.intent), 0);
    if (groupBuy.fundedUnits !== byStripe || groupBuy.fundedUnits !== byPledgesAndErased)
      problems.push(
        `group buy ${id} says ${groupBuy.fundedUnits} units funded; Stripe charged ${byStripe} units (${mine.length} payments), its pledges charged or paid hold ${byPledgesAndErased}`,
      );
  }
  return verdict(funded.length, problems);
};

/**
 * Every group buy ends by its tasks: none open past its close and settle minute, none charging
 * with a pledge left uncharged or nobody left to wait on, no pay link past its 72 hours still
 * waited on, and once funded or short of its MOQ nobody still counted, waitlisted or waited on.
 */
const groupBuysEndByTheirTasks: Check = (world) => {
  const late = (at: string | undefined, extraMs = 0) => at !== undefined && Date.parse(at) + extraMs + world.graceMs < world.nowMs;
  const problems: string[] = [];
  const groupBuys = groupBuysOf(world);
  for (const [id, groupBuy] of groupBuys) {
    const pledges = pledgesOf(world, id);
    const inState = (...states: Array<Pledge['status']>) => pledges.filter((p) => states.includes(p.status));
    if (groupBuy.status === 'open' && late(groupBuy.closesAt, closeSettleMs))
      problems.push(`group buy ${id} is still open, its close at ${groupBuy.closesAt} long past`);
    if (groupBuy.status === 'charging' && inState('pledged').length > 0)
      problems.push(`group buy ${id} is charging with ${inState('pledged').length} pledge(s) never charged`);
    if (groupBuy.status === 'charging' && inState('pledged', 'needs-buyer').length === 0)
      problems.push(`group buy ${id} is charging with nobody left to charge or wait on`);
    for (const p of inState('needs-buyer').filter((p) => late(p.payBy)))
      problems.push(`group buy ${id} still waits on a pay link past its deadline ${p.payBy}`);
    if ((groupBuy.status === 'funded' || groupBuy.status === 'not-met') && inState('pledged', 'waitlisted', 'needs-buyer').length > 0)
      problems.push(`group buy ${id} is ${groupBuy.status} with ${inState('pledged', 'waitlisted', 'needs-buyer').length} pledge(s) still open`);
  }
  return verdict(groupBuys.size, problems);
};

/**
 * Every card Stripe saved before a group buy's close counted, whenever its event came: the
 * pledge whose live link that setup session is waits on no card (`saving-card`) once the group
 * buy has closed. When Stripe saved it is Stripe's own (the card's `created`), read from the
 * stand-in, never ours. A group buy shipping under a profile is passed over: an address its
 * builder does not ship to leaves a saved card uncounted, as it should.
 */
const everyCardSavedBeforeTheCloseCounted: Check = (world) => {
  const groupBuys = groupBuysOf(world);
  const setupIntents = new Map(stripeObjects<{ id: string; payment_method: string | null }>(world, 'SetupIntents').map((i) => [i.id, i]));
  const cardsMade = new Map(stripeObjects<{ id: string; created: number }>(world, 'PaymentMethods').map((m) => [m.id, m.created]));
  const sessions = stripeObjects<LocalCheckoutSession>(world, 'Sessions').filter((s) => s.mode === 'setup' && s.status === 'complete');
  const problems: string[] = [];
  let looked = 0;
  for (const session of sessions) {
    const [groupBuyId, buyer] = [session.metadata.group_buy_id ?? '', stripePerson(session.metadata, 'buyer') ?? ''];
    const groupBuy = groupBuys.get(groupBuyId);
    if (!groupBuy || groupBuy.status === 'open' || groupBuy.status === 'cancelled' || groupBuy.shippingProfileId) continue;
    const method = setupIntents.get(session.setup_intent ?? '')?.payment_method;
    const savedAtMs = (cardsMade.get(method ?? '') ?? Number.POSITIVE_INFINITY) * 1000;
    if (savedAtMs >= Date.parse(groupBuy.closesAt)) continue;
    looked++;
    // Found as the product finds it: by the session its Join made (Stripe knows the member by pseudonym only).
    const pledge = pledgesOf(world, groupBuyId).find((p) => p.setupSessionId === session.id);
    if (pledge?.status === 'saving-card')
      problems.push(
        `${chargeKeyOf(groupBuyId, buyer)} saved a card at ${new Date(savedAtMs).toISOString()}, before the close at ${groupBuy.closesAt}, and never counted`,
      );
  }
  return verdict(looked, problems);
};

export const groupBuyChecks: NamedCheck[] = [
  { name: 'a group-buy pledge charged at most once (one payment a charge key)', group: 'money', check: oneChargePerPledge },
  { name: 'nobody charged in a group buy short of its MOQ', group: 'money', check: nobodyChargedShortOfTheMoq },
  { name: 'every card saved before a group buy’s close counted, whenever its event came', group: 'state', check: everyCardSavedBeforeTheCloseCounted },
  { name: 'no group-buy charge before its close', group: 'money', check: noChargeBeforeTheClose },
  { name: 'every group-buy charge has its order paid and its journal entry', group: 'money', check: everyChargeAnOrderPaid },
  { name: 'a group buy’s funded units are the units charged', group: 'state', check: fundedUnitsAreTheCharged },
  { name: 'every group buy ends by its tasks', group: 'state', check: groupBuysEndByTheirTasks },
];
