/**
 * @module give-refund
 * `/c500 refund order:<id> [amount:<n>] [reason:<text>]`: the order's builder (before the
 * release) or an admin of its server (at any time) gives the buyer money back.
 *
 * The refund is written down on the order (key, amount) before Stripe is asked, in the
 * transaction that checks it fits in what is left, so two at once cannot pass the charge and
 * a redelivered command (or a retry after Stripe's answer was lost) replays the same key and
 * amount. Stripe's `charge.refunded` then moves the order as any refund does (record-refund:
 * the refunded total, a full refund's unit back on sale, reversals after a release); this
 * command never writes that total itself, so nothing is counted twice. Stripe's answer is kept
 * with the second the refund was made: a look at the charge after every failure recorded
 * before it was written down, which can only correct a `charge.refunded` already taken of that
 * very state (one that counted such a failure by the seconds alone).
 */
import type { Clock, DiscordMessage, DiscordMessenger, DocumentStore, Payments, Transaction } from '../../ports';
import { commandCall, isGuildAdmin, placeOf, refusals, tellOnce, type Interaction } from '../../discord';
import { isOrderIdShaped, normalizeOrderId } from '../../common';
import { PaymentRefused } from '../../errors';
import { type GivenRefund, type Order, applyOrderFact } from '../../orders';
import { orderPath } from '../../orders';
import { chargedCents, givenRefundKey, readRefundForm, refundAmount, refundOf, refundRefusal, refundableCents, type RefundAsker } from '../rules/given-refunds';
import { buyerRefundGiven, givenBackAgainWords, refundGiven, refundRefusals } from '../rules/refund-messages';
import { knownSnapshot, laterSnapshot, stillRefundedCents, type RefundSnapshot } from '../../orders';
import { reverseShares } from './reverse-shares';
import { JournalRead, refundedOfOrder, withJournal } from '../../journal';
import { refundEntry } from '../../orders';
import { personPseudonym } from '../../log';
import { givenBackAgainEntries, givenBackAgainReason, paidLate } from '../rules/given-back-again';
import { giveBackAgainAsked } from './give-back-again';

export interface GiveRefundDeps {
  store: DocumentStore;
  payments: Payments;
  discord: DiscordMessenger;
  clock: Clock;
}

type Fixed = { order: Order; refund: GivenRefund };

export async function giveRefund(deps: GiveRefundDeps, interaction: Interaction): Promise<DiscordMessage> {
  const place = placeOf(interaction);
  if (!place) return refusals.guildOnly;
  const { options } = commandCall(interaction);
  const orderId = normalizeOrderId(String(options.order ?? ''));
  if (!isOrderIdShaped(orderId)) return refundRefusals.badOrder(orderId);
  const asker = { userId: place.user.id, guildId: place.guildId, isAdmin: isGuildAdmin(interaction) };
  return refundAsAsked(deps, asker, orderId, options, interaction.id);
}

/**
 * The refund `/c500 refund` gives, asked by `asker` under the interaction `byInteraction` (its
 * redelivery finishes the same refund): also a returned or lost parcel's **Refund** press,
 * whose asker is the server's admin and whose interaction is the one that chose the refund.
 */
export async function refundAsAsked(
  deps: GiveRefundDeps,
  asker: RefundAsker,
  orderId: string,
  options: Record<string, string | number | boolean>,
  byInteraction: string,
): Promise<DiscordMessage> {
  const fixed = await deps.store.runTransaction(async (tx): Promise<Fixed | DiscordMessage> => {
    const order = await tx.get(orderPath(orderId));
    // This very command, delivered again: it finishes what it wrote down, whatever changed since.
    const again = order && order.guildId === asker.guildId ? refundOf(order, byInteraction) : undefined;
    if (order && again) return { order, refund: again };
    const refusal = refundRefusal(order, asker);
    if (refusal || !order) return refundRefusals.of(refusal ?? 'not-found', orderId, order);
    const form = readRefundForm(options, order.currency);
    if (!form.ok) return refundRefusals.amount(form.amountProblem);
    // A lot's payment C500 gave back by itself whose refund failed at the bank: exactly what failed, given again.
    // Or one whose give-back Stripe refused outright: what the lot holds for its buyer, given back.
    if (paidLate(order) && asker.isAdmin) return giveBackAgainAsked(tx, order, asker, form, byInteraction, deps.clock.now().toISOString());
    const amount = refundAmount({ ...order, refundedCents: await refundedOfOrder(tx, order) }, form.amountCents);
    if (!amount.ok) return amount.refusal === 'nothing-left' ? refundRefusals.nothingLeft(order) : refundRefusals.tooMuch(order, amount.leftCents);
    const given = order.givenRefunds ?? [];
    const refund: GivenRefund = {
      idempotencyKey: givenRefundKey(orderId, given.length + 1),
      amountCents: amount.amountCents,
      byInteraction,
      byUserId: asker.userId,
      ...(form.reason ? { reason: form.reason } : {}),
      askedAt: deps.clock.now().toISOString(),
    };
    return { order: applyOrderFact(tx, order, { kind: 'refund-asked', refund }), refund };
  });
  if (!('refund' in fixed)) return fixed;

  // One an earlier command wrote down and never finished (its job gave up) would reserve its amount for good: it is finished as asked.
  for (const left of fixed.order.givenRefunds ?? []) if (left !== fixed.refund && unanswered(left)) await finish(deps, { order: fixed.order, refund: left });
  const asked = await finish(deps, fixed);
  if (fixed.refund.givesBack !== undefined) {
    if (asked.refusal !== undefined) return givenBackAgainWords.refused(fixed.order, asked, asked.refusal);
    return (await failedSince(deps, orderId, asked)) ? givenBackAgainWords.failedSince(fixed.order, asked) : givenBackAgainWords.given(fixed.order, asked);
  }
  if (asked.refusal !== undefined) return refundRefusals.refused(fixed.order, asked.refusal);
  const now = await deps.store.get(orderPath(orderId));
  return refundGiven(fixed.order, asked, now ? refundableCents({ ...now, refundedCents: await refundedOfOrder(deps.store, now) }) : 0);
}

/**
 * What `/c500 refund` would answer `asker` instead of refunding all that is left of `order` now
 * (its refusal: disputed, refunded, nothing left…), or undefined when it would refund: the same
 * rules, read in the caller's transaction. A parcel's Refund checks it before it is chosen, so
 * a refund that cannot be given is never chosen in place of a reship.
 */
export async function refundBlocked(tx: Transaction, order: Order | undefined, asker: RefundAsker, orderId: string): Promise<DiscordMessage | undefined> {
  const refusal = refundRefusal(order, asker);
  if (refusal || !order) return refundRefusals.of(refusal ?? 'not-found', orderId, order);
  const amount = refundAmount({ ...order, refundedCents: await refundedOfOrder(tx, order) }, undefined);
  return amount.ok ? undefined : refundRefusals.nothingLeft(order);
}

const unanswered = (refund: GivenRefund) => refund.refundId === undefined && refund.refusal === undefined;

/** Asks Stripe for a refund not answered yet, and tells the buyer of it once it is made. */
async function finish(deps: GiveRefundDeps, fixed: Fixed): Promise<GivenRefund> {
  const { order } = fixed;
  const asked = unanswered(fixed.refund) ? await askStripe(deps, fixed) : fixed.refund;
  const told =
    asked.givesBack !== undefined ? givenBackAgainWords.buyer(order, asked) : buyerRefundGiven(order, asked, asked.amountCents === chargedCents(order));
  if (asked.refusal === undefined && !(await failedSince(deps, order.orderId, asked)))
    await tellOnce(deps, `refund-given:${asked.idempotencyKey}`, order.buyerId, told);
  return asked;
}

/**
 * Whether a failed give-back given again failed at the bank too before its answer was heard (a
 * command delivered again days later): nothing reached the buyer, so nobody is told it did.
 */
async function failedSince(deps: Pick<GiveRefundDeps, 'store'>, orderId: string, refund: GivenRefund): Promise<boolean> {
  if (refund.givesBack === undefined || refund.refundId === undefined) return false;
  const order = await deps.store.get(orderPath(orderId));
  return (order?.failedRefunds ?? []).some((f) => f.refundId === refund.refundId);
}

/**
 * A refund another use case wrote down on the order (key, amount) in its own transaction,
 * asked of Stripe now; its answer (or refusal) written down. A commission's late cancel uses
 * it: the buyer is told by that use case, in its own words.
 */
export async function askRefund(deps: Pick<GiveRefundDeps, 'store' | 'payments'>, order: Order, refund: GivenRefund): Promise<GivenRefund> {
  return unanswered(refund) ? askStripe(deps, { order, refund }) : refund;
}

/** Asks Stripe under the refund's key, and writes down its answer (or its refusal, which then reserves nothing). */
async function askStripe(deps: Pick<GiveRefundDeps, 'store' | 'payments'>, { order, refund }: Fixed): Promise<GivenRefund> {
  let answer: Pick<GivenRefund, 'refundId' | 'chargeRefundedCents' | 'chargeRefundedAt'> | Pick<GivenRefund, 'refusal'>;
  try {
    const made = await deps.payments.refund({
      idempotencyKey: refund.idempotencyKey,
      chargeId: order.chargeId ?? '',
      amountCents: refund.amountCents,
      metadata: {
        order_id: order.orderId,
        ...refundGiverMetadata(refund.byUserId),
        interaction_id: refund.byInteraction,
        // Should it fail too, its failure is this lot's alone (refund-failed reads the reason).
        ...(refund.givesBack !== undefined ? { reason: givenBackAgainReason, gives_back: refund.givesBack } : {}),
      },
    });
    answer = {
      refundId: made.refundId,
      chargeRefundedCents: made.chargeRefundedCents,
      // Its total is a look at the charge after every failure recorded before the refund was written down (see failed-refunds).
      ...(made.created !== undefined ? { chargeRefundedAt: made.created } : {}),
    };
  } catch (error) {
    if (!(error instanceof PaymentRefused)) throw error;
    answer = { refusal: error.message.slice(0, 300) };
  }
  const answered = { ...refund, ...answer };
  const relooked = await deps.store.runTransaction(async (tx) => {
    const current = await tx.get(orderPath(order.orderId));
    const refunds = current?.givenRefunds ?? [];
    if (!current || !refunds.some((r) => r.idempotencyKey === refund.idempotencyKey)) return undefined;
    const { order: before, entries } = await withJournal(tx, current);
    const read = JournalRead.ofOrders([current.orderId], entries);
    // A failed give-back given again: the lot's `charge.refunded` counts nothing (record-refund), so its answer journals it.
    const givenAgain = answered.givesBack !== undefined;
    const known = givenAgain ? undefined : betterKnown(current, answered);
    const entry = known && refundEntry(before, known.refundedCents, answered.refundId ?? refund.idempotencyKey, answeredAt(answered));
    applyOrderFact(
      tx,
      current,
      { kind: 'refund-answered', refund: answered, ...(known ? { snapshot: known.refundSnapshot } : {}) },
      { read, entries: givenAgain ? givenBackAgainEntries(before, entries, answered, answeredAt(answered)) : [entry] },
    );
    return known?.refundedCents;
  });
  // The refunded total just read again is higher: the released shares' part of it comes back, as after any refund.
  if (relooked !== undefined) await reverseShares(deps, order.orderId, relooked);
  return answered;
}

/**
 * A `charge.refunded` already taken that is this very state of the charge (same second, same
 * total) learns what the answer reflects: an order alone reads its total again (a failure it
 * counted is off it). A lot of a bundled charge learns it at the charge's next event.
 */
function betterKnown(order: Order, answered: GivenRefund): { refundSnapshot: RefundSnapshot; refundedCents: number } | undefined {
  if (!order.refundSnapshot || order.showCheckoutId !== undefined) return undefined;
  const known = knownSnapshot(order.refundSnapshot, [{ givenRefunds: [answered], failedRefunds: order.failedRefunds ?? [] }]);
  if (!laterSnapshot(known, order.refundSnapshot)) return undefined;
  return { refundSnapshot: known, refundedCents: stillRefundedCents(known, order.failedRefunds ?? []) };
}

/** When Stripe made the refund (its answer's second), or, without one, when it was asked. */
const answeredAt = (refund: GivenRefund): string =>
  refund.chargeRefundedAt !== undefined ? new Date(refund.chargeRefundedAt * 1000).toISOString() : refund.askedAt;

/** Who gave a refund, at Stripe: a member by keyed pseudonym; C500's own actors (`stripe-radar`, a late cancel) by name. */
function refundGiverMetadata(byUserId: string): Record<string, string> {
  return /^\d+$/.test(byUserId) ? { given_by_pseudonym: personPseudonym(byUserId) } : { given_by: byUserId };
}
