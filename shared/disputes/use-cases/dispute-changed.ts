/**
 * @module dispute-changed
 * A `charge.dispute.*` event, each once (by its event id), in any order: the
 * dispute's record converges on its latest state, and every order its charge paid (one, or
 * a show checkout's lots, each with its share of the disputed amount) carries it beside its
 * status. Then what the state asks, each step once whatever redelivers it: while open or
 * lost, what was released is taken back (and a refund that had failed becomes money owed to
 * the buyer); won, it goes out again and a release that waited proceeds; the evidence is staged at once and its submission scheduled; the buyer is
 * blocked in the server; the builder hears of each step.
 */
import type { AuctionBook, DocumentStore, TaskQueue, Transaction } from '../../ports';
import {
  adminToTell,
  chargebackPaysOwedEntries,
  giveBackAfterWin,
  givenBackMoney,
  guildFraudSettingsPath,
  type GivenBackMoney,
  paidLate,
  takeBackForDispute,
  type DisputeFact,
  type SeenDispute,
  owedAfterLoss,
  owedToBuyerEntry,
  owedToBuyerOf,
} from '../../payments';
import { disputeEntries } from '../../orders';
import { chargedCents, orderPath, ordersCollection, spreadOverOrders, type Order, type Refunds, applyOrderFact } from '../../orders';
import { heldFor, JournalRead, journalOfOrder, withJournal, writeEntry, type JournalEntry } from '../../journal';
import { blockDisputingBuyer } from '../../auctions';
import { releaseWaitingOrder } from '../../live';
import { runOnce } from '../../common';
import { tellOnce } from '../../discord';
import { log } from '../../log';
import { converge, disputePath, disputesCollection, type Dispute } from '../rules/dispute';
import { disputeDms, givenBackDisputeDms } from '../rules/dispute-messages';
import { closedByLoss, disputeOnOrder, isInquiry } from '../rules/dispute-on-order';
import { keptWithoutAddress, scheduleSubmission, stageEvidence, type EvidenceDeps } from './submit-evidence';
import { asBatchWork } from '../../stripe-work';

export interface DisputeDeps extends EvidenceDeps {
  tasks: TaskQueue;
  book: AuctionBook;
}

/**
 * A dispute event routed here from the Stripe subscriber (payments never relays it): acted on
 * once by its event id, as payments acts on its own events, under the same key. Batch work
 * (stripe-work): its transfers, reversals and evidence wait on no person, and a bank's disputes
 * can come by the dozen in one webhook backlog.
 */
export function disputeEventSeen(deps: DisputeDeps, fact: DisputeFact): Promise<void> {
  return asBatchWork(() => actOnceOn(deps, fact));
}

async function actOnceOn(deps: DisputeDeps, fact: DisputeFact): Promise<void> {
  await runOnce(
    deps.store,
    `stripe:${fact.eventId}`,
    async () => {
      if (fact.seen) await disputeChanged(deps, fact.seen);
      else log.warn('a charge.dispute event without a dispute in it; ignored', { eventId: fact.eventId });
    },
    { clock: deps.clock },
  );
}

export async function disputeChanged(deps: DisputeDeps, seen: SeenDispute): Promise<void> {
  log.info('dispute changed', { event: 'dispute.changed', disputeId: seen.disputeId, status: seen.status });
  await actOn(deps, seen);
}

/** The disputes on a charge recorded before its payment (no order found then), read in the payment's transaction. */
export async function disputesBefore(tx: Pick<Transaction, 'query'>, chargeId: string): Promise<string[]> {
  const found = await tx.query(disputesCollection, { where: [['chargeId', '==', chargeId]] });
  return found.filter((d) => d.data.orderIds.length === 0).map((d) => d.id);
}

/** The payment such a dispute overtook is recorded: the dispute is acted on as if its latest view came again. */
export async function disputeArrivedFirst(deps: DisputeDeps, disputeId: string): Promise<void> {
  const kept = await deps.store.get(disputePath(disputeId));
  if (kept) await actOn(deps, kept);
}

async function actOn(deps: DisputeDeps, seen: SeenDispute): Promise<void> {
  const orderIds = await ordersOfCharge(deps.store, seen);
  const dispute = await recordDispute(deps, seen, orderIds);
  if (dispute.orderIds.length === 0) return void log.warn('a dispute on a charge that paid none of our orders', { disputeId: dispute.disputeId });
  // Lots paid after they were gone: C500 gave the money back (or holds it) by itself; their server's admin hears, no builder.
  const late = await lateLotsOf(deps.store, dispute.orderIds);
  if (late.length > 0) await tellAdminOfGivenBack(deps, dispute, late);
  if (late.length === dispute.orderIds.length) return;
  // An inquiry withdrew nothing: no money moves, the buyer is not blocked (the bank only asked), and a refund settles it.
  if (isInquiry(dispute.status)) return actOnInquiry(deps, dispute);
  for (const orderId of dispute.orderIds) {
    if (dispute.state === 'won') {
      await giveBackAfterWin(deps, orderId);
      await releaseWaitingOrder(deps, orderId);
    } else {
      await takeBackForDispute(deps, orderId);
      // A partial loss leaves the rest of a proved order's release to go out now (the release leaves the lost part out).
      if (dispute.state === 'lost') await releaseWaitingOrder(deps, orderId);
    }
  }
  if (dispute.guildId && dispute.buyerId) {
    const { guildId, buyerId } = dispute;
    await runOnce(deps.store, `dispute-block:${dispute.disputeId}`, () => blockDisputingBuyer(deps, guildId, buyerId, dispute.disputeId), {
      clock: deps.clock,
    });
  }
  if (dispute.state === 'open') {
    await stageEvidence(deps, dispute.disputeId);
    await scheduleSubmission(deps.tasks, dispute, deps.clock.now().getTime());
  }
  if (!dispute.builderId) return;
  if (dispute.state === 'open')
    await tellOnce(deps, `dispute-opened:${dispute.disputeId}`, dispute.builderId, disputeDms.opened(dispute), undefined, { mustArrive: true });
  else await tellOnce(deps, `dispute-${dispute.state}:${dispute.disputeId}`, dispute.builderId, await closedDm(deps.store, dispute));
}

/** The dispute's orders that are lots paid after they were gone, with where their buyer's money stood before it. */
async function lateLotsOf(store: DocumentStore, orderIds: readonly string[]): Promise<Array<{ order: Order; money: GivenBackMoney; leftCents: number }>> {
  const found = await Promise.all(orderIds.map((id) => store.get(orderPath(id))));
  const late = found.filter((o): o is Order => o !== undefined && paidLate(o));
  return Promise.all(
    late.map(async (order) => {
      const entries = await journalOfOrder(store, order.orderId);
      // What is still the buyer's after the dispute's own entries: a chargeback of part of it leaves the rest held or owed.
      const leftCents = Math.max(0, heldFor(entries, order.currency, order.orderId)) + Math.max(0, owedToBuyerOf(entries, order.currency, order.orderId));
      return { order, money: givenBackMoney(order, entries), leftCents };
    }),
  );
}

/** The server's admin, once per step of the dispute (opened, won, lost); an inquiry moved no money and tells nobody. */
async function tellAdminOfGivenBack(
  deps: DisputeDeps,
  dispute: Dispute,
  late: ReadonlyArray<{ order: Order; money: GivenBackMoney; leftCents: number }>,
): Promise<void> {
  const [first] = late;
  if (!first || isInquiry(dispute.status)) return;
  const admin = adminToTell(await deps.store.get(guildFraudSettingsPath(first.order.guildId)));
  const lots = late.map((l) => l.order.orderId);
  if (!admin) {
    log.warn('a dispute on lots paid after they were gone, and no admin to tell', { disputeId: dispute.disputeId, orderIds: lots });
    return;
  }
  const leftCents = late.reduce((sum, l) => sum + l.leftCents, 0);
  const words = givenBackDisputeDms[dispute.state === 'open' ? 'opened' : dispute.state](dispute, lots, first.money, leftCents);
  await tellOnce(deps, `given-back-dispute-${dispute.state}:${dispute.disputeId}`, admin, words);
}

/** A closed dispute's DM: a win whose return to the builder is held (their account revoked) says so, not that the money is theirs again. */
async function closedDm(store: DocumentStore, dispute: Dispute) {
  if (dispute.state !== 'won') return disputeDms.lost(dispute);
  const orders = await Promise.all(dispute.orderIds.map((id) => store.get(orderPath(id))));
  const held = orders.some((o) => o !== undefined && (o.dispute?.returnHeld ?? []).includes('builder') && !o.dispute?.returnedAt);
  return held ? disputeDms.wonHeld(dispute) : disputeDms.won(dispute);
}

/** An inquiry: its evidence is staged as a chargeback's would be (Stripe takes a response to an inquiry too), and the builder hears of it. */
async function actOnInquiry(deps: DisputeDeps, dispute: Dispute): Promise<void> {
  const open = dispute.state === 'open';
  if (open) {
    await stageEvidence(deps, dispute.disputeId);
    await scheduleSubmission(deps.tasks, dispute, deps.clock.now().getTime());
  }
  if (!dispute.builderId) return;
  if (open) await tellOnce(deps, `inquiry-opened:${dispute.disputeId}`, dispute.builderId, disputeDms.inquiryOpened(dispute));
  else await tellOnce(deps, `inquiry-closed:${dispute.disputeId}`, dispute.builderId, disputeDms.inquiryClosed(dispute));
}

/** The orders the disputed charge paid: by its payment intent, as refunds find them, or by the charge. */
async function ordersOfCharge(store: DocumentStore, seen: SeenDispute): Promise<string[]> {
  const byIntent = seen.paymentIntentId ? await store.query(ordersCollection, { where: [['paymentIntentId', '==', seen.paymentIntentId]] }) : [];
  const found = byIntent.length > 0 ? byIntent : await store.query(ordersCollection, { where: [['chargeId', '==', seen.chargeId]] });
  return found.map((f) => f.id).sort();
}

/** The dispute's record and each order's, in one transaction: every delivery, in any order, converges on the same. */
async function recordDispute(deps: DisputeDeps, seen: SeenDispute, orderIds: readonly string[]): Promise<Dispute> {
  const now = deps.clock.now().toISOString();
  return deps.store.runTransaction(async (tx) => {
    const kept = await tx.get(disputePath(seen.disputeId));
    const ids = kept?.orderIds.length ? kept.orderIds : orderIds;
    const stored = (await Promise.all(ids.map((id) => tx.get(orderPath(id))))).filter((o): o is Order => o !== undefined);
    const journals = await Promise.all(stored.map((order) => withJournal(tx, order)));
    const orders = journals.map((j) => j.order);
    const entriesOf = new Map(journals.map((j) => [j.order.orderId, j.entries]));
    const read = JournalRead.ofOrders(
      orders.map((o) => o.orderId),
      journals.flatMap((j) => j.entries),
    );
    const next = converge(kept, seen, now);
    const [first] = orders;
    if (next.orderIds.length === 0 && first)
      Object.assign(next, { orderIds: orders.map((o) => o.orderId), guildId: first.guildId, builderId: first.builderId, buyerId: first.buyerId });
    // Closed: no evidence is sent again, so the buyer's address is not kept beside it.
    tx.set(disputePath(seen.disputeId), next.state === 'open' ? next : { ...next, ...keptWithoutAddress(next) });
    const parts = shares(orders, next.amountCents);
    // The journal's side: each balance transaction Stripe made for the dispute, once, when first seen with its orders.
    const fresh = Object.entries(next.balance).filter(([id]) => !kept?.balance[id] || !kept.orderIds.length);
    const written: JournalEntry[] = [];
    for (const [id, line] of fresh)
      for (const entry of disputeEntries(parts, { id, ...line }, next.disputeId, now)) if (writeEntry(tx, read, entry)) written.push(entry);
    for (const { order, part } of parts) {
      // A lot paid after it was gone: C500 gave its money back, or holds it for the buyer; the lot stays expired.
      if (paidLate(order)) {
        const lines = written.filter((e) => e.orderId === order.orderId);
        givenBackDisputed(tx, read, order, next, part, now, entriesOf.get(order.orderId) ?? [], lines);
        continue;
      }
      if (order.dispute && order.dispute.disputeId !== next.disputeId && !isInquiry(next.status))
        log.warn('an order already carries another chargeback; this one is recorded on its own', { orderId: order.orderId, disputeId: next.disputeId });
      // Lost: a refund that failed before is the buyer's, owed outside Stripe (which refuses to refund a charged-back charge).
      const lost = next.state === 'lost' && !isInquiry(next.status) && (!order.dispute || order.dispute.disputeId === next.disputeId);
      const owed = lost ? owedToBuyerEntry(order, entriesOf.get(order.orderId) ?? [], part, now) : undefined;
      const buyersToo = lost ? owedAfterLoss(order, part) : 0;
      const update = { ...disputeOnOrder(order, next, part, now), ...closedByLoss(order, next, part + buyersToo, now) };
      if (Object.keys(update).length > 0) applyOrderFact(tx, order, { kind: 'dispute-changed', fields: update }, { read, entries: [owed] });
      else writeEntry(tx, read, owed);
    }
    return next;
  });
}

/**
 * A dispute on a lot whose payment came after it was gone (give-payment-back): recorded on the
 * lot, which stays expired, and what the bank returns to the buyer pays what they were owed
 * (given-back-disputed); nothing is taken back from anybody, since nothing went out.
 */
function givenBackDisputed(
  tx: Transaction,
  read: JournalRead,
  order: Order,
  dispute: Dispute,
  part: number,
  now: string,
  before: readonly JournalEntry[],
  lines: readonly JournalEntry[],
): void {
  const update = disputeOnOrder(order, dispute, part, now);
  const entries = chargebackPaysOwedEntries(order, before, lines, dispute.disputeId);
  if (update) applyOrderFact(tx, order, { kind: 'given-back-disputed', fields: update }, { read, entries });
  else for (const entry of entries) writeEntry(tx, read, entry);
}

/**
 * Each order's share of the disputed amount: a show checkout's lots in proportion to what is
 * left of each (charged less refunded), since the bank disputes only what was not refunded; a
 * lot refunded in full takes none of it.
 */
function shares<O extends Order & Refunds>(orders: readonly O[], amountCents: number): Array<{ order: O; part: number }> {
  const [single] = orders;
  if (orders.length === 1 && single && !single.showCheckoutId) return [{ order: single, part: Math.min(amountCents, chargedCents(single)) }];
  const left = orders.map((order) => ({ orderId: order.orderId, amountCents: Math.max(0, chargedCents(order) - order.refundedCents), order }));
  return spreadOverOrders(amountCents, left).map(({ order, refundedCents }) => ({ order: order.order, part: refundedCents }));
}
