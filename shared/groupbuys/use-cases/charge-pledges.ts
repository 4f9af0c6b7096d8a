/**
 * @module charge-pledges
 * The charging after a close that met its MOQ, a batch at a time (`groupbuy-charge-…`): up to
 * 20 pledges still `pledged`, each charged off session as one PaymentIntent, then the next
 * batch a second after this one ended, until none is left (charge-rules' pace keeps inside
 * Stripe's 25 creates a second). A pledge's own state is the cursor, and nothing is locked:
 *
 * - Before Stripe is asked, one transaction fixes the pledge's charge key and makes its order
 *   (awaiting payment, for the very amount asked). A crash after Stripe answered and before
 *   the answer was recorded leaves the pledge `pledged` with its key: the next batch asks
 *   again under the same key, and Stripe answers the same PaymentIntent, never a second.
 * - The answer is recorded in one transaction that moves the pledge on only from `pledged`
 *   (payments' `payOffSession`, the group buy's `paid` hook): two runs of one batch (a
 *   redelivered task) both ask under one key and only one records.
 * - Stripe keeps a key about a day: a charge asked again later (a dead letter replayed) first
 *   searches Stripe for the pledge's own PaymentIntent (its `pledge_id`) and adopts it.
 * - Stripe's 429 changes nothing: the pledge stays `pledged` for the next batch.
 * - A batch that failed after recording (a receipt's DM refused, a crash) runs again even once
 *   the group buy is `funded` (by that batch, or a link paid meanwhile): it sends every receipt
 *   still owed and asks the funding's end again, so the builder is told (issue 77's stall).
 * - A card that needs its buyer gets a pay link (pay-link), saying why in the buyer's words
 *   (refusal-words), never Stripe's own text: the refused PaymentIntent is paid on session, on the
 *   same card or another saved on Stripe's page (intent-pay-link, another-card), so a pledge has
 *   one PaymentIntent.
 */
import { chargedCents, checkoutMetadata, createOrder, orderPath, type Order } from '../../orders';
import { payOffSession } from '../../payments';
import type { OffSessionCharge } from '../../ports';
import { PaymentRefused } from '../../errors';
import { tellOnce } from '../../discord';
import { log, personPseudonym } from '../../log';
import { chargeKeyOf, groupBuyPath, pledgePath, pledgesCollection, type GroupBuy, type Pledge } from '../rules/group-buy';
import { chargePace, pledgeOrder } from '../rules/close-rules';
import { refusalInBuyersWords } from '../rules/refusal-words';
import { successorArmed, type ChargeTask } from '../rules/charge-tasks';
import { closeDms } from '../rules/close-messages';
import { receiptInItsChannel } from '../rules/closed-dms';
import { scheduleChargeBatch, type GroupBuyCloseDeps, type GroupBuyMoneyDeps } from './close-deps';
import { askBuyer, sendOwedPayLink } from './pay-link';
import { settleFunding } from './settle-funding';
import { followGroupBuyPost } from './group-buy-posts';

export type ChargeOutcome = 'charged' | 'needs-buyer' | 'rate-limited' | 'skipped';

export async function chargeBatch(deps: GroupBuyCloseDeps, task: ChargeTask): Promise<void> {
  const groupBuy = await deps.store.get(groupBuyPath(task.groupBuyId));
  // Run again after the funding ended (by this very batch, or a link paid meanwhile): what it left owed is still owed.
  if (groupBuy?.status === 'funded') return finishFunded(deps, groupBuy);
  if (groupBuy?.status !== 'charging' || successorArmed(groupBuy, task)) return;
  await sendOwedReceipts(deps, groupBuy);
  await sendOwedPayLinks(deps, groupBuy);
  const batch = await deps.store.query(pledgesCollection(task.groupBuyId), { where: [['status', '==', 'pledged']], limit: chargePace.batchSize });
  const settled = await Promise.allSettled(batch.map(({ data }) => chargePledge(deps, groupBuy, data.buyerId)));
  // Every charge of the batch ends before a failure of one fails the task (the queue runs it again; the pledges are the cursor).
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) throw failed.reason;
  const outcomes = settled.map((s) => (s as PromiseFulfilledResult<ChargeOutcome>).value);
  noteBatch(task, outcomes);
  // None left, or none this batch could move (a defect a human must see, not a loop): the close's charging is over.
  if (outcomes.every((o) => o === 'skipped')) {
    if (outcomes.length > 0) log.error('group buy: pledges left `pledged` that no batch can charge', { groupBuyId: task.groupBuyId, pledges: outcomes.length });
    await settleFunding(deps, task.groupBuyId);
    return;
  }
  await followGroupBuyPost(deps, task.groupBuyId);
  // Measured from the end of this batch: no second of Stripe's holds the creates of two batches.
  await scheduleChargeBatch(deps.tasks, { ...task, batch: task.batch + 1 }, deps.clock.now().getTime() + chargePace.spacingMs);
  await deps.store.update(groupBuyPath(task.groupBuyId), { chargeBatchArmed: `${task.chain}:${task.batch}` });
}

/**
 * One line a batch (`groupbuy.batch`): what it charged, sent a pay link, and what Stripe's rate
 * limit sent back. A 429 is a WARNING: the pace is meant to stay inside the limit, so one means
 * something else spent the second's creates (the bench counts them from these lines).
 */
function noteBatch(task: ChargeTask, outcomes: readonly ChargeOutcome[]): void {
  const count = (outcome: ChargeOutcome) => outcomes.filter((o) => o === outcome).length;
  const fields = {
    event: 'groupbuy.batch',
    groupBuyId: task.groupBuyId,
    chain: task.chain,
    batch: task.batch,
    charged: count('charged'),
    payLinksSent: count('needs-buyer'),
    rateLimited: count('rate-limited'),
    skipped: count('skipped'),
  };
  if (fields.rateLimited > 0) log.warn('group buy: Stripe answered 429 to charges of this batch; the next batch asks again', fields);
  else log.info('group buy: a batch of charges', fields);
}

/** One pledge: its key and order fixed, Stripe asked under the key, the answer recorded. */
export async function chargePledge(deps: GroupBuyCloseDeps, groupBuy: GroupBuy, buyerId: string): Promise<ChargeOutcome> {
  const fixed = await fixCharge(deps, groupBuy, buyerId);
  if (!fixed) return 'skipped';
  const { pledge, order } = fixed;
  if (!pledge.customerId || !pledge.paymentMethodId) {
    await askBuyer(deps, groupBuy, buyerId, 'No saved card was found for this pledge.');
    return 'needs-buyer';
  }
  let answer: OffSessionCharge;
  try {
    // Stripe may forget a key after a day, never the PaymentIntent: past that, the pledge's own charge is looked for first and adopted.
    const adopted = keyMayBeForgotten(pledge, deps.clock.now()) ? await deps.payments.findPledgeCharge(order.orderId) : undefined;
    answer =
      adopted ??
      (await deps.payments.chargeOffSession({
        idempotencyKey: chargeKeyOf(groupBuy.groupBuyId, personPseudonym(buyerId)),
        customerId: pledge.customerId,
        paymentMethodId: pledge.paymentMethodId,
        // The price and the shipping fixed from the address: what the order holds as charged.
        amountCents: chargedCents(order),
        currency: order.currency,
        // The order's, and the pledge it is for (its order's id, which Stripe's search finds it by).
        metadata: { ...checkoutMetadata(order, personPseudonym), pledge_id: order.orderId },
        transferGroup: order.orderId,
      }));
  } catch (error) {
    if (!(error instanceof PaymentRefused)) throw error;
    // Stripe refused the request itself (the card or the customer is gone): the buyer pays on a link instead.
    log.warn('group buy: Stripe refused an off-session charge’s request; the buyer pays on a link', {
      groupBuyId: groupBuy.groupBuyId,
      stripeCode: error.stripeCode,
      stripeMessage: error.message.slice(0, 300),
    });
    await askBuyer(deps, groupBuy, buyerId, refusalInBuyersWords({ ...(error.stripeCode ? { code: error.stripeCode } : {}) }));
    return 'needs-buyer';
  }
  if (answer.outcome === 'rate_limited') return 'rate-limited';
  if (answer.outcome === 'succeeded') {
    await payOffSession(deps, order.orderId, answer);
    return 'charged';
  }
  const refusal =
    answer.outcome === 'declined'
      ? { code: answer.code, ...(answer.declineCode ? { declineCode: answer.declineCode } : {}) }
      : { code: 'authentication_required' };
  // The buyer confirms this very PaymentIntent on session, on their card or (declined) another one they save on Stripe's page: one PaymentIntent a pledge.
  await askBuyer(deps, groupBuy, buyerId, refusalInBuyersWords(refusal), answer.paymentIntentId);
  return 'needs-buyer';
}

/** The pledge's key and order, fixed before Stripe is asked; undefined when it is no longer to be charged. */
async function fixCharge(deps: GroupBuyCloseDeps, groupBuy: GroupBuy, buyerId: string): Promise<{ pledge: Pledge; order: Order } | undefined> {
  return deps.store.runTransaction(async (tx) => {
    const pledge = await tx.get(pledgePath(groupBuy.groupBuyId, buyerId));
    if (pledge?.status !== 'pledged') return undefined;
    const made = pledgeOrder(groupBuy, pledge, { now: deps.clock.now(), platformFeeBps: deps.platformFeeBps });
    const order = await tx.get(orderPath(made.orderId));
    if (order && order.status !== 'awaiting-payment') {
      log.error('group buy: a pledge still to charge has an order that is not awaiting payment', { orderId: order.orderId, status: order.status });
      return undefined;
    }
    const chargeKey = chargeKeyOf(groupBuy.groupBuyId, personPseudonym(buyerId));
    if (!order) createOrder(tx, made);
    const chargeKeyAt = pledge.chargeKeyAt ?? deps.clock.now().toISOString();
    if (pledge.chargeKey !== chargeKey || pledge.orderId !== made.orderId || pledge.chargeKeyAt === undefined)
      tx.update(pledgePath(groupBuy.groupBuyId, buyerId), { chargeKey, chargeKeyAt, orderId: made.orderId });
    return { pledge: { ...pledge, chargeKey, chargeKeyAt, orderId: made.orderId }, order: order ?? made };
  });
}

/** Stripe keeps an idempotency key at least a day: a key fixed longer ago than that may be forgotten. */
export const stripeKeyWindowMs = 24 * 60 * 60_000;

const keyMayBeForgotten = (pledge: Pledge, now: Date): boolean =>
  pledge.chargeKeyAt !== undefined && now.getTime() - Date.parse(pledge.chargeKeyAt) >= stripeKeyWindowMs;

/**
 * A batch run again once the group buy is `funded`: it failed after recording its charges (a
 * receipt's DM refused, a crash), or after ending the funding (the builder's DM refused), and no
 * batch of the charging comes after it to send what it left owed. Every receipt still owed is
 * sent, and the funding's end asked again (the builder told once; its named tasks armed once).
 */
async function finishFunded(deps: GroupBuyCloseDeps, groupBuy: GroupBuy): Promise<void> {
  await sendOwedReceipts(deps, groupBuy, 'all');
  await settleFunding(deps, groupBuy.groupBuyId);
}

/** Receipts a crash kept from going out after their charge was recorded: sent now, once each (a batch's worth, or every one). */
async function sendOwedReceipts(deps: GroupBuyCloseDeps, groupBuy: GroupBuy, most: 'batch' | 'all' = 'batch'): Promise<void> {
  const owed =
    most === 'batch'
      ? await deps.store.query(pledgesCollection(groupBuy.groupBuyId), { where: [['receiptOwed', '==', true]], limit: chargePace.batchSize })
      : await deps.store.query(pledgesCollection(groupBuy.groupBuyId), { where: [['receiptOwed', '==', true]] });
  for (const { data } of owed) {
    const order = data.orderId ? await deps.store.get(orderPath(data.orderId)) : undefined;
    // Counted from the payment as the first try's was (an off-session one's is when it was recorded): the receipt SLO times it.
    if (order) await tellReceipt(deps, groupBuy, order, order.paidAt);
  }
}

/**
 * Pay links a failure kept from being made or sent after the card was refused (Stripe's 500 on
 * the session, a crash, Discord's 429 on the DM): made and sent now, once each. Without this the
 * batch run again finds the pledge no longer `pledged` and passes it over, and it waits on a link
 * nobody has.
 */
async function sendOwedPayLinks(deps: GroupBuyCloseDeps, groupBuy: GroupBuy): Promise<void> {
  const owed = await deps.store.query(pledgesCollection(groupBuy.groupBuyId), { where: [['payLinkOwed', '==', true]], limit: chargePace.batchSize });
  for (const { data } of owed) await sendOwedPayLink(deps, groupBuy, data.buyerId);
}

/** The buyer's receipt for a paid pledge, told once; then the pledge owes none. */
export async function tellReceipt(deps: GroupBuyMoneyDeps, groupBuy: GroupBuy, order: Order, stripePaidAt?: string): Promise<void> {
  await tellOnce(
    deps,
    `receipt:${order.orderId}`,
    order.buyerId,
    closeDms.receipt(order, groupBuy.shipsMonth),
    receiptInItsChannel(groupBuy, order),
    stripePaidAt ? { since: stripePaidAt } : {},
  );
  // Read first: a pledge erased since (or never owing) is left as it is, and nothing fails over a receipt.
  const path = pledgePath(groupBuy.groupBuyId, order.buyerId);
  if ((await deps.store.get(path))?.receiptOwed) await deps.store.update(path, { receiptOwed: false });
}
