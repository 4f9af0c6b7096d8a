/**
 * The soak's money invariants, read first from Stripe's own ledger (the stand-in's charges,
 * refunds, transfers, reversals and disputes with their balance transactions). Our orders
 * are read only for what Stripe cannot know, each said where: the split of a price (fee,
 * builder's share, host's cut), a show lot's part of its checkout's charge, whether a share
 * was released yet, and what Stripe refused to reverse (owed on record).
 */
import { type HostPayout } from '../../shared/payments';
import { type Order, builderDueCents, builderPartOfRefund, chargedCents, deliveryWindowDays, hostPartOfRefund } from '../../shared/orders';
import type { GuildAuctionRules } from '../../shared/auctions';
import type { LocalCharge, LocalDispute, LocalRefund, LocalTransfer, LocalTransferReversal } from '../../shared/local/stripe/objects';
import { verdict, type Check, type NamedCheck } from './check';
import { collection, debtByJournal, refundedByJournal, storedStripeObjects, stripeObjects, type SoakWorld } from './world';
import { heldForFailedRefunds, heldForRevokedReturns, isInquiry, sentBeforeRelease } from './stripe-world-invariants';
import { refusedRequests } from './ledger-invariants';
import type { PrivacyWorld } from './privacy-invariants';
import { personPseudonym } from '../../shared/log';
import { stripePerson } from './stripe-people';
import { clockSkewMaxMs } from '../../shared/local/faults/fault-plan';

const ordersOf = (world: SoakWorld) => collection<Order>(world, 'orders').map((d) => d.data);
const transfersOf = (world: SoakWorld) => stripeObjects<LocalTransfer>(world, 'Transfers');
/**
 * A charge's chargebacks: an inquiry (`warning_*`) withdraws nothing and holds nothing, so it
 * is none of these checks' (stripe-world-invariants.ts reads it); escalated, the same object
 * is a chargeback, and a chargeback after a closed inquiry is a new one.
 */
const disputesOf = (world: SoakWorld) => stripeObjects<LocalDispute>(world, 'Disputes').filter((d) => !isInquiry(d));
const isHostTransfer = (t: LocalTransfer) => t.metadata.part === 'host-cut' || t.metadata.part === 'dispute-return-host';
const isDisputeReturn = (t: LocalTransfer) => t.metadata.part === 'dispute-return' || t.metadata.part === 'dispute-return-host';
const net = (t: LocalTransfer) => t.amount - t.amount_reversed;
/** A commission's tranche: a transfer from the charge sent when a milestone before `done` was proved (Stripe's metadata names it). */
const isTranche = (t: LocalTransfer) => t.metadata.milestone !== undefined;
const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
/** What Stripe refused to take back from the order's builder and host, as the journal has it (a won dispute's forgiven). */
const debtsOf = (world: SoakWorld) => {
  const debt = debtByJournal(world);
  return (o: Order) => debt(o, o.builderId) + (o.hostId !== undefined && o.hostId !== o.builderId ? debt(o, o.hostId) : 0);
};

/**
 * The transfers of a charge: those made from it (`source_transaction`), and a won dispute's
 * returns, which come from the platform's balance and name their order instead.
 */
function transfersOfCharge(transfers: readonly LocalTransfer[], chargeId: string, orderIds: ReadonlySet<string>): LocalTransfer[] {
  return transfers.filter((t) => t.source_transaction === chargeId || (t.source_transaction === null && orderIds.has(t.metadata.order_id ?? '')));
}

/** What a dispute cost the platform's balance, from its balance transactions: withdrawn and fees, less reinstated. */
const disputeCost = (d: LocalDispute) => -sum(d.balance_transactions.map((t) => t.net));
const disputeFees = (d: LocalDispute) => sum(d.balance_transactions.map((t) => t.fee));
/** Stripe's status as an order carries it. */
const disputeState = (d: LocalDispute) => (d.status === 'won' ? 'won' : d.status === 'lost' ? 'lost' : 'open');

/**
 * Every charge adds up: what Stripe refunded, what went to builders and hosts (transfers net
 * of reversals, a won dispute's returns included, less what they owe back), the platform's
 * fee on what was neither refunded nor lost to a dispute (less Stripe's dispute fees, which
 * the platform pays), what is still held for builders and hosts (and what a failed refund's reversals keep for the buyer, and a won dispute's return held for a revoked account), and what the dispute took
 * from the platform's balance (the disputed amount not reinstated, and the fee) make the charge.
 */
const chargesBalance: Check = (world) => {
  const orders = ordersOf(world);
  const payouts = new Map(collection<HostPayout>(world, 'hostPayouts').map((d) => [d.id, d.data]));
  const transfers = transfersOf(world);
  const disputes = disputesOf(world);
  const refundedOf = refundedByJournal(world);
  const debtOf = debtsOf(world);
  const problems: string[] = [];
  let checked = 0;
  for (const charge of stripeObjects<LocalCharge>(world, 'Charges')) {
    // Which orders a charge paid is ours to say (a show checkout's charge pays several lots).
    const paid = orders.filter((o) => o.chargeId === charge.id);
    if (paid.length === 0) continue;
    checked++;
    const dispute = disputes.find((d) => d.charge === charge.id);
    const lost = dispute && dispute.status !== 'won' ? dispute.amount : 0;
    // A lot's part of the disputed amount is ours (spread by price, as refunds are); their sum is held to Stripe's below.
    const lostPart = (o: Order) => (paid.length === 1 ? lost : dispute && dispute.status !== 'won' ? (o.dispute?.amountCents ?? 0) : 0);
    let kept = 0;
    let held = 0;
    let owedBack = 0;
    const chargeTransfers = transfersOfCharge(transfers, charge.id, new Set(paid.map((o) => o.orderId)));
    for (const order of paid) {
      // The split of what was paid is ours (fee, share and shipping, host cut); what is gone from it (refunded or lost) splits the same way.
      const charged = chargedCents(order);
      const gone = Math.min(charged, refundedOf(order) + lostPart(order));
      // A commission cancelled late: the buyer got back all the builder was not sent, so the builder keeps what was (ours to say), less any refund after.
      const keptAtCancel = order.commission?.ended === 'cancelled' ? order.commission.keptCents : undefined;
      const builder = keptAtCancel !== undefined ? Math.min(keptAtCancel, charged - gone) : builderDueCents(order) - builderPartOfRefund(order, gone);
      const host = (order.hostCutCents ?? 0) - hostPartOfRefund(order, gone);
      kept += charged - gone - builder - host;
      // Whether a share went out yet, and what Stripe refused to take back, only our orders know; a commission's tranches went out already.
      if (!order.payouts.builder.transferId) held += builder - sentBeforeRelease(chargeTransfers, order.orderId);
      if (order.hostCutCents && order.payouts.host?.via === undefined) held += host;
      if (order.payouts.host?.via === 'manual') held += payouts.get(order.orderId)?.amountCents ?? 0;
      owedBack += debtOf(order);
      held += heldForFailedRefunds(order, gone) + heldForRevokedReturns(order);
    }
    const refundedOrders = sum(paid.map(refundedOf));
    if (refundedOrders !== charge.amount_refunded)
      problems.push(`charge ${charge.id}: Stripe refunded ${charge.amount_refunded}, the journal of its orders ${refundedOrders}`);
    if (dispute) problems.push(...disputeAgrees(dispute, paid));
    const out = sum(chargeTransfers.map(net));
    const fees = dispute ? disputeFees(dispute) : 0;
    const cost = dispute ? disputeCost(dispute) : 0;
    const total = charge.amount_refunded + (out - owedBack) + (kept - fees) + held + cost;
    if (total !== charge.amount)
      problems.push(
        `charge ${charge.id} of ${charge.amount}: refunded ${charge.amount_refunded} + transferred ${out} - owed back ${owedBack} + fee ${kept} - dispute fees ${fees} + held ${held} + dispute cost ${cost} = ${total}`,
      );
  }
  return verdict(checked, problems);
};

/** Our orders agree with Stripe's dispute: its state, and their parts adding up to its amount. */
function disputeAgrees(dispute: LocalDispute, paid: readonly Order[]): string[] {
  const carried = paid.filter((o) => o.dispute?.disputeId === dispute.id);
  const problems = carried
    .filter((o) => o.dispute?.state !== disputeState(dispute))
    .map((o) => `order ${o.orderId} says its dispute is ${o.dispute?.state}, Stripe ${dispute.status}`);
  const parts = sum(carried.map((o) => o.dispute?.amountCents ?? 0));
  if (carried.length !== paid.length || parts !== dispute.amount)
    problems.push(`dispute ${dispute.id} of ${dispute.amount}: ${carried.length} of its charge's ${paid.length} orders carry it, for ${parts}`);
  return problems;
}

/** A builder's share and a host's cut leave once each: one release per order and part, ever (a won dispute's return is not a release). */
const releasedAtMostOnce: Check = (world) => {
  const count = new Map<string, number>();
  for (const t of transfersOf(world)) {
    const order = t.metadata.order_id;
    if (!order || isDisputeReturn(t)) continue;
    // A commission's tranches are releases of their own, each once: one per milestone.
    const key = `${order}:${isHostTransfer(t) ? 'host' : 'builder'}${isTranche(t) ? `:${t.metadata.milestone}` : ''}`;
    count.set(key, (count.get(key) ?? 0) + 1);
  }
  const problems = [...count].filter(([, n]) => n > 1).map(([key, n]) => `${key} was transferred ${n} times`);
  return verdict(count.size, problems);
};

/**
 * When an order's delivery gate first opened (orders' delivery-gate), as it stands now: an
 * admin's release by hand, the buyer's Received, or the carrier's delivery plus the server's
 * window, whichever came first; undefined while it is shut.
 */
function gateOpenedAtMs(o: Order, windowDays: number): number | undefined {
  const delivered = o.parcel?.status === 'delivered' ? Date.parse(o.parcel.deliveredAt ?? o.parcel.at) + windowDays * 86_400_000 : Number.NaN;
  const received = o.receivedBy === 'buyer' && o.receivedAt ? Date.parse(o.receivedAt) : Number.NaN;
  const freed = o.payoutFreed ? Date.parse(o.payoutFreed.at) : Number.NaN;
  const opened = [delivered, received, freed].filter(Number.isFinite);
  return opened.length > 0 ? Math.min(...opened) : undefined;
}

/**
 * No last payout before its delivery: an order sold under the delivery gate sends its builder's
 * release and its host's cut (its tranches aside) only after the carrier's delivery and the
 * server's window, the buyer's Received, or an admin's release by hand (Stripe's `created`,
 * in whole seconds, against the order's times, written by another process: a second's grace for
 * the rounding and twice the soak's clock skew, as two processes may each be off by it).
 */
const gateGraceMs = 1_000 + 2 * clockSkewMaxMs;

const lastPayoutAfterDelivery: Check = (world) => {
  const gated = new Map(
    ordersOf(world)
      .filter((o) => o.lastPayoutAt === 'delivery')
      .map((o) => [o.orderId, o]),
  );
  const windows = new Map(collection<{ deliveryWindowDays?: number }>(world, 'guilds').map((g) => [g.id, deliveryWindowDays(g.data.deliveryWindowDays)]));
  const problems: string[] = [];
  for (const t of transfersOf(world)) {
    const o = gated.get(t.metadata.order_id ?? '');
    if (!o || isTranche(t) || isDisputeReturn(t)) continue;
    const opened = gateOpenedAtMs(o, windows.get(o.guildId) ?? deliveryWindowDays(undefined));
    if (opened === undefined || t.created * 1000 + gateGraceMs < opened)
      problems.push(`order ${o.orderId}: transfer ${t.id} (${t.metadata.part ?? 'release'}) left before its delivery, Received or an admin's release`);
  }
  return verdict(gated.size, problems);
};

/** An order refunded in full keeps nothing out with its builder or host (beyond a debt on record). */
const noTransferForRefunded: Check = (world) => {
  const transfers = transfersOf(world);
  const refundedOf = refundedByJournal(world);
  const debtOf = debtsOf(world);
  const refunded = ordersOf(world).filter((o) => o.status === 'refunded' && refundedOf(o) >= o.amountCents);
  const problems = refunded.flatMap((o) => {
    const out = sum(transfers.filter((t) => t.metadata.order_id === o.orderId).map(net));
    const debt = debtOf(o);
    return out - debt === 0 ? [] : [`order ${o.orderId} is refunded in full but ${out - debt} cents stay transferred`];
  });
  return verdict(refunded.length, problems);
};

/**
 * Nothing goes out for a charge while its dispute is open: no transfer Stripe made after the
 * dispute and before its close (both in the stand-in's one creation sequence).
 */
const noTransferWhileDisputed: Check = (world) => {
  const transfers = storedStripeObjects<LocalTransfer>(world, 'Transfers');
  const orders = ordersOf(world);
  const problems: string[] = [];
  const disputes = storedStripeObjects<LocalDispute>(world, 'Disputes').filter((d) => !isInquiry(d.stripe));
  for (const { stripe: dispute, sequence, closedSequence } of disputes) {
    const orderIds = new Set(orders.filter((o) => o.chargeId === dispute.charge).map((o) => o.orderId));
    const during = transfers.filter(
      (t) =>
        transfersOfCharge([t.stripe], dispute.charge, orderIds).length > 0 &&
        t.sequence > sequence &&
        (closedSequence === undefined || t.sequence < closedSequence),
    );
    for (const t of during)
      problems.push(
        `transfer ${t.stripe.id} (${t.stripe.metadata.part ?? 'release'} of ${t.stripe.metadata.order_id}) went out while dispute ${dispute.id} was open`,
      );
  }
  return verdict(disputes.length, problems);
};

/**
 * A won dispute's money goes back once: at most one return per order and part, only for a
 * dispute Stripe says was won, and never more than that dispute took: its reversals, and the
 * reversals Stripe refused (a debt the party may have paid since, by netting or outside C500,
 * which the win gives back too).
 */
const wonReturnedOnce: Check = (world) => {
  const transfers = transfersOf(world);
  const byId = new Map(transfers.map((t) => [t.id, t]));
  const reversals = stripeObjects<LocalTransferReversal>(world, 'TransferReversals');
  const problems: string[] = [];
  const disputes = disputesOf(world);
  for (const dispute of disputes) {
    const returns = transfers.filter((t) => isDisputeReturn(t) && t.metadata.dispute_id === dispute.id);
    if (returns.length > 0 && dispute.status !== 'won') problems.push(`dispute ${dispute.id} is ${dispute.status}, yet ${returns.length} return(s) went out`);
    const taken = reversals.filter((r) => r.metadata.dispute_id === dispute.id);
    const refused = refusedRequests(world).filter((r) => r.method === 'transfers.createReversal' && r.metadata.dispute_id === dispute.id);
    for (const part of ['builder', 'host'] as const) {
      const isPart = (t: LocalTransfer | undefined) => (part === 'host') === Boolean(t && isHostTransfer(t));
      const back = returns.filter(isPart);
      const took =
        sum(taken.filter((r) => isPart(byId.get(r.transfer))).map((r) => r.amount)) +
        sum(refused.filter((r) => isPart(byId.get(r.transferId ?? ''))).map((r) => r.amountCents));
      const orderIds = new Set(back.map((t) => t.metadata.order_id));
      if (back.length > orderIds.size) problems.push(`dispute ${dispute.id}: the ${part}'s part went back ${back.length} times`);
      if (sum(back.map((t) => t.amount)) > took)
        problems.push(`dispute ${dispute.id}: ${sum(back.map((t) => t.amount))} went back to the ${part}, ${took} was taken`);
    }
  }
  return verdict(disputes.length, problems);
};

/**
 * `/c500 refund` never refunds more than asked, nor more than was left: one Stripe refund per
 * command however often it came, within the amount typed, and an order's refunds within its
 * price (ours: a show checkout's charge is shared by its lots).
 */
const givenRefundsWithinAsked: Check = (world) => {
  const refunds = stripeObjects<LocalRefund>(world, 'Refunds');
  const problems: string[] = [];
  const asked = new Map(world.refundsAsked.map((a) => [a.interactionId, a]));
  for (const a of asked.values()) {
    const made = refunds.filter((r) => r.metadata.interaction_id === a.interactionId);
    if (made.length > 1) problems.push(`/c500 refund ${a.interactionId} made ${made.length} refunds`);
    const total = sum(made.map((r) => r.amount));
    if (a.amountCents !== undefined && total > a.amountCents) problems.push(`/c500 refund ${a.interactionId} asked ${a.amountCents}, Stripe refunded ${total}`);
  }
  for (const order of ordersOf(world)) {
    const given = sum(refunds.filter((r) => r.metadata.order_id === order.orderId).map((r) => r.amount));
    const price = chargedCents(order);
    if (given > price) problems.push(`order ${order.orderId} of ${price} was given ${given} back`);
  }
  return verdict(asked.size, problems);
};

/**
 * A buyer who disputed is on their server's block list (Stripe's charge names them: our
 * checkouts put buyer and server in its metadata). Unless they erased themselves since: the
 * block names them by id, so their erasure lifts it in every server (issue 79,
 * `forgetBlockedPerson`); the soak erases a few buyers it picks at random among those who
 * took part, a disputing one now and then.
 */
const disputingBuyersBlocked: Check = (world) => {
  const charges = new Map(stripeObjects<LocalCharge>(world, 'Charges').map((c) => [c.id, c]));
  const erased = new Set(((world as PrivacyWorld).erased ?? []).map((m) => personPseudonym(m.id)));
  const problems: string[] = [];
  let checked = 0;
  for (const dispute of disputesOf(world)) {
    const metadata = charges.get(dispute.charge)?.metadata;
    const [buyer, guild] = [stripePerson(metadata, 'buyer'), metadata?.guild_id];
    if (!buyer || !guild) continue;
    checked++;
    if (erased.has(buyer)) continue;
    const rules = (world.docs.get(`guilds/${guild}`) as { auctions?: GuildAuctionRules } | undefined)?.auctions;
    if (!(rules?.blocked ?? []).some((b) => personPseudonym(b.key) === buyer))
      problems.push(`buyer ${buyer} disputed ${dispute.id} and is not blocked in ${guild}`);
  }
  return verdict(checked, problems);
};

/**
 * A commission's builder is never sent more than their share and shipping, however the
 * tranches and the release at `done` add up (Stripe's transfers of the order, net of
 * reversals; the due is ours: the split of a price).
 */
const tranchesWithinTheShare: Check = (world) => {
  const transfers = transfersOf(world);
  const commissions = ordersOf(world).filter((o) => o.commission !== undefined);
  const problems = commissions.flatMap((o) => {
    const sent = sum(transfers.filter((t) => t.metadata.order_id === o.orderId && !isHostTransfer(t) && !isDisputeReturn(t)).map(net));
    return sent > builderDueCents(o) ? [`commission ${o.orderId}: ${sent} went to its builder, whose due is ${builderDueCents(o)}`] : [];
  });
  return verdict(commissions.length, problems);
};

/**
 * A commission its buyer cancelled late gives back everything its builder was not sent: the
 * charge's refunds (Stripe's), the builder's transfers net of reversals and with a won
 * dispute's return (Stripe's), and a dispute not won (Stripe's) make up all the buyer paid
 * (ours: an order's price and shipping), so C500 keeps nothing of it. The charge's balance
 * above cannot see this: for a cancelled commission what it counts held and kept for the
 * builder cancel out, so this is where the builder's part of a cancel is checked.
 */
const lateCancelsGiveAllBack: Check = (world) => {
  const charges = new Map(stripeObjects<LocalCharge>(world, 'Charges').map((c) => [c.id, c]));
  const disputes = new Map(disputesOf(world).map((d) => [d.charge, d]));
  const transfers = transfersOf(world);
  const cancelled = ordersOf(world).filter((o) => o.commission?.ended === 'cancelled' && o.chargeId);
  const problems = cancelled.flatMap((o) => {
    const refunded = charges.get(o.chargeId ?? '')?.amount_refunded ?? 0;
    const dispute = disputes.get(o.chargeId ?? '');
    const lost = dispute && dispute.status !== 'won' ? dispute.amount : 0;
    const sent = sum(transfers.filter((t) => t.metadata.order_id === o.orderId && !isHostTransfer(t)).map(net));
    return refunded + sent + lost === chargedCents(o)
      ? []
      : [`cancelled commission ${o.orderId} of ${chargedCents(o)}: ${refunded} refunded + ${sent} sent to its builder + ${lost} lost to a dispute`];
  });
  return verdict(cancelled.length, problems);
};

export const moneyChecks: NamedCheck[] = [
  { name: 'every charge = refunds + transfers + fee + held + dispute losses and fees, to the cent', group: 'money', check: chargesBalance },
  { name: 'every release at most once', group: 'money', check: releasedAtMostOnce },
  { name: 'no last payout left before its delivery (or Received, or an admin’s release)', group: 'money', check: lastPayoutAfterDelivery },
  { name: 'a commission’s builder never sent more than the share', group: 'money', check: tranchesWithinTheShare },
  { name: 'a late cancel gives back all its builder was not sent', group: 'money', check: lateCancelsGiveAllBack },
  { name: 'no transfer kept for a refunded order', group: 'money', check: noTransferForRefunded },
  { name: 'no transfer while a dispute is open', group: 'money', check: noTransferWhileDisputed },
  { name: "a won dispute's money goes back once", group: 'money', check: wonReturnedOnce },
  { name: '/c500 refund never gives more than asked or left', group: 'money', check: givenRefundsWithinAsked },
  { name: 'a disputing buyer is blocked', group: 'people', check: disputingBuyersBlocked },
];
