/**
 * @module prove-order
 * `/c500 live mode:order:<id>` for one order: the builder's own paid order moves to
 * `building` with a proof that can be watched later (the command's clip of the stream, else
 * its VOD at that moment, else the channel while a task looks for the VOD), the buyer is
 * told with that link. The held funds go to the builder by a Stripe Transfer from that order's
 * charge, exactly once (and for a show's lot, the host's cut by a transfer of its own from the
 * same charge), once the delivery gate opens: the parcel delivered and the server's window
 * passed, the buyer's Received, or an admin's release by hand. Until then the proof stands and
 * the money waits; `releaseWaitingOrder` sends it when the gate opens.
 */
import type { Clock, DiscordMessenger, DocumentStore, Payments, TaskQueue } from '../../ports';
import { streamUrl, type Builder, type TwitchLink } from '../../onboarding';
import type { OrderOutcome, OrderRefusal } from '../rules/live-messages';
import { formatMoney, runOnce, runOnceFor } from '../../common';
import {
  bestProofOf,
  releasableAfterLoss,
  releaseHold,
  takeBackForDispute,
  finishPendingReversals,
  reverseShares,
  hostCutPending,
  releaseHostCut,
  advancedNetCents,
  releasePendingEntry,
  releasePosted,
  releaseVoided,
} from '../../payments';
import {
  orderPath,
  type Order,
  type OrderStatus,
  type ReleaseHold,
  type ReleaseIntent,
  type Refunds,
  applyOrderFact,
  deliveryWindowDays,
  lastPayoutGate,
  transferEntry,
  type GateWait,
} from '../../orders';
import { guildPath } from '../../guild';
import { accountRevoked, builderPath } from '../../onboarding';
import { onTheWorkbench } from '../rules/workbench-messages';
import { PaymentRefused } from '../../errors';
import { log, personPseudonym } from '../../log';
import { planNetting, planNettingUndone } from '../../debts';
import { journalOfOrder, JournalRead, sentBy, withJournal, withRefunds } from '../../journal';
import type { LiveStream } from './confirm-live';
import { tellOnce } from '../../discord';
import type { ProofMedia } from '../rules/proof-media';
import { settleProof, scheduleVodSearch } from './settle-proof';

export interface ProveOrderDeps {
  store: DocumentStore;
  discord: DiscordMessenger;
  payments: Payments;
  clock: Clock;
  /**
   * The clip (or VOD) of this `/c500 live`, made once for every order it names, and the
   * queue its VOD search goes on. Without it (the money's own tests) the proof stays the channel.
   */
  proofMedia?: { make: () => Promise<ProofMedia>; tasks: TaskQueue };
}

const refusalFor: Partial<Record<OrderStatus, OrderRefusal>> = {
  'awaiting-payment': 'not-paid',
  expired: 'expired',
  refunded: 'refunded',
  // Closed by a late cancel or a lost chargeback: the buyer has their money back, as for a refund.
  closed: 'refunded',
  shipped: 'shipped',
};

export async function proveOrder(
  deps: ProveOrderDeps,
  builder: Builder & { twitch: TwitchLink },
  orderId: string,
  stream: LiveStream,
  interactionId?: string,
  /** When it was proved: now, unless this is a group buy's one proof reaching its orders later. */
  at?: string,
): Promise<OrderOutcome> {
  const link = streamUrl(builder.twitch.login);
  const step = await deps.store.runTransaction(async (tx): Promise<{ refusal: OrderRefusal } | { order: Order; fresh: boolean }> => {
    const order = await tx.get(orderPath(orderId));
    if (!order) return { refusal: 'not-found' };
    if (order.builderId !== builder.discordUserId) return { refusal: 'not-yours' };
    // A giveaway's prize was never paid for: there is nothing held to release, only a parcel to send.
    if (order.source === 'giveaway') return { refusal: 'prize' };
    // A chargeback lost in full closes an unshipped order: say so, not "refunded" (no refund was given).
    if (order.status === 'closed' && order.dispute?.state === 'lost') return { refusal: 'dispute-lost' };
    const refusal = refusalFor[order.status];
    if (refusal) return { refusal };
    // A commission its buyer cancelled for lateness: refunded all but what its proved steps were paid.
    if (order.commission?.ended === 'cancelled') return { refusal: 'refunded' };
    // Proved before: done, unless the release did not finish (a crash between the two, or before a show host's cut went out),
    // or this is the very `/c500 live` that proved it, delivered again: it finishes and answers as it would have.
    if (order.status === 'building') {
      const finished = order.payouts.builder.transferId && !hostCutPending(order);
      const ours = interactionId !== undefined && order.proof?.byInteraction === interactionId;
      return finished && !ours ? { refusal: 'already-verified' } : { order, fresh: false };
    }
    const provedAt = at ?? deps.clock.now().toISOString();
    const proof = {
      url: link,
      provedAt,
      ...(stream.streamId ? { streamId: stream.streamId } : {}),
      ...(stream.startedAt ? { streamStartedAt: stream.startedAt } : {}),
      ...(interactionId ? { byInteraction: interactionId } : {}),
      broadcasterId: builder.twitch.userId,
    };
    return { order: applyOrderFact(tx, order, { kind: 'proved', proof }), fresh: true };
  });
  if ('refusal' in step) return { orderId, ok: false, refusal: step.refusal };
  // The link a buyer can watch later, chosen at the proof (a redelivery keeps the first delivery's).
  const media = deps.proofMedia;
  const proved = step.order.proof?.kind || !media ? step.order : await settleProof(deps.store, media.make, step.order);
  if (media && proved.proof?.vodSearch) await scheduleVodSearch(media.tasks, proved.orderId, proved.proof.vodSearch.attempt, proved.proof.provedAt);
  return releaseProved(deps, proved, builder);
}

/**
 * A disputed order's proof is kept but its release waits (the dispute may take the money
 * back); a won dispute calls this again, and the release goes out then.
 */
export async function releaseWaitingOrder(deps: ProveOrderDeps, orderId: string): Promise<OrderOutcome | undefined> {
  const order = await deps.store.get(orderPath(orderId));
  // Shipped while it waited (the natural answer to "not received") it is still proved: its release goes out all the same.
  if (!order?.proof || (order.status !== 'building' && order.status !== 'shipped') || (order.payouts.builder.transferId && !hostCutPending(order)))
    return undefined;
  const builder = await deps.store.get(builderPath(order.builderId));
  if (!builder) return undefined;
  return releaseProved(deps, order, builder);
}

async function releaseProved(deps: ProveOrderDeps, proved: Order, builder: Builder): Promise<OrderOutcome> {
  const orderId = proved.orderId;
  // Where the build can be watched now: the channel (the proof's own link is told beside it).
  const link = builder.twitch ? streamUrl(builder.twitch.login) : (proved.proof?.url ?? '');
  // A release already fixed is replayed whatever came since (Stripe may have made it); fixRelease decides the rest.
  const held = proved.payouts.builder.releasing ? undefined : heldBy(await withRefunds(deps.store, proved));
  if (held) return held;
  // Nothing can be sent to an account the builder revoked: the proved order waits for a new one (released on reconnection, never retried meanwhile).
  if (!proved.payouts.builder.releasing && accountRevoked(builder)) return { orderId, ok: false, refusal: 'account-revoked' };
  // The last payout waits for the parcel's delivery and the server's window (or the buyer's Received, or an admin's hand):
  // the proof stands and the buyer hears it, the money stays. A release already fixed is replayed whatever the gate says.
  const waits = proved.payouts.builder.releasing || proved.payouts.builder.transferId ? undefined : await closedGate(deps, proved);
  if (waits) {
    const proof = bestProofOf(proved);
    await tellOnce(deps, `workbench:${orderId}`, proved.buyerId, onTheWorkbench(proved, link, proof));
    return { orderId, ok: true, title: proved.title, waitsFor: waits, ...(proof ? { proof } : {}) };
  }
  // A release owed now (neither held, nor waiting on an account or the delivery gate): the release SLO's total, so one
  // Stripe refuses, or that never goes out, counts as bad (terraform/metrics.tf `releases_owed`). Owed once an order,
  // at the proof or at the gate's opening after it, whichever call gets here first; its clock starts then. A release
  // Stripe refused is owed again by the next proof (a new attempt).
  const owedAt = proved.dispute ? undefined : await releaseOwed(deps, proved);
  // Finished by an earlier delivery (this is the same command again): already counted as sent.
  const sentBefore = Boolean(proved.payouts.builder.transferId) && !hostCutPending(proved);
  let released: Order;
  try {
    const outcome = await releaseFunds(deps, proved, builder);
    if ('hold' in outcome) return heldBy(outcome.order) ?? { orderId, ok: false, refusal: outcome.hold };
    released = outcome;
    // A show's lot: the host's cut from the same charge, once the builder's share is out.
    await releaseHostCut(deps, orderId);
  } catch (error) {
    if (!(error instanceof PaymentRefused)) throw error;
    // The builder revoked C500 while the transfer was asked: the proof stands, and the release waits on the account they connect next.
    if (error.stripeCode === 'account_invalid' || accountRevoked(await deps.store.get(builderPath(builder.discordUserId)))) {
      log.warn('the builder revoked C500 as their release was sent; it waits on reconnection', { event: 'release.held-revoked', orderId, error });
      await holdForReconnect(deps, proved);
      return { orderId, ok: false, refusal: 'account-revoked' };
    }
    // Nothing half-done: the order is paid again (releasable), the buyer hears nothing, the builder learns why.
    log.warn('Stripe refused to release an order; it stays paid', { event: 'release.refused', orderId, error });
    await reopenRelease(deps, proved, error.message);
    return { orderId, ok: false, refusal: 'release-refused', detail: error.message };
  }
  // From the moment it was owed (a dispute's wait counts from the proof: the SLO's filter leaves out those that waited).
  const ms = Math.max(0, deps.clock.now().getTime() - Date.parse(owedAt ?? proved.proof?.provedAt ?? ''));
  if (!sentBefore) await releaseSent(deps, orderId, { waited: Boolean(proved.dispute), ...(Number.isNaN(ms) ? {} : { ms }) });
  const proof = bestProofOf(proved);
  // Once released, the buyer hears it once, whichever delivery got here (a 429 on this DM brings the command back).
  await tellOnce(deps, `workbench:${orderId}`, proved.buyerId, onTheWorkbench(proved, link, proof));
  return {
    orderId,
    ok: true,
    title: proved.title,
    ...(released.payouts.builder.transferId || !released.commission?.advances?.length
      ? { releasedLabel: formatMoney({ cents: await releasedCents(deps, released), currency: released.currency }) }
      : {}),
    ...(proof ? { proof } : {}),
  };
}

/** When the order's release (this attempt) became owed: logged once (`release.owed`) by the first call that finds it owed, its time kept for the sent line's. */
async function releaseOwed(deps: ProveOrderDeps, order: Order): Promise<string | undefined> {
  const orderId = order.orderId;
  const owed = await runOnceFor(
    deps.store,
    `release-owed:${orderId}:${order.releaseAttempts ?? 0}`,
    async () => {
      log.info('release owed', { event: 'release.owed', orderId });
      return deps.clock.now().toISOString();
    },
    { clock: deps.clock },
  );
  return owed.result;
}

/**
 * The release SLO's sent line, once an order (one release is ever sent): two calls may race to the same transfer (the
 * buyer's Received while the carrier's delivered scan is handled, a redelivery), each finding the order unreleased when
 * it began; only the first to get here logs it, as `releaseOwed` logs the owed line once. A call that finds another
 * logging it right now leaves it to that one.
 */
async function releaseSent(deps: ProveOrderDeps, orderId: string, fields: { waited: boolean; ms?: number }): Promise<void> {
  await runOnce(deps.store, `release-sent:${orderId}`, async () => log.info('release sent', { event: 'release.sent', orderId, ...fields }), {
    clock: deps.clock,
  }).catch((error: unknown) => {
    if ((error as { code?: unknown } | undefined)?.code !== 'still-running') throw error;
  });
}

/** Why the order's last payout still waits (delivery-gate), read with its server's window; undefined once it may go. */
async function closedGate(deps: ProveOrderDeps, order: Order): Promise<GateWait | undefined> {
  const guild = await deps.store.get(guildPath(order.guildId));
  const gate = lastPayoutGate(order, deps.clock.now().getTime(), deliveryWindowDays(guild?.deliveryWindowDays));
  return gate.open ? undefined : gate.waits;
}

/** What the release's transfer sent, as the journal has it (the share itself before one was made). */
async function releasedCents(deps: ProveOrderDeps, order: Order): Promise<number> {
  const transferId = order.payouts.builder.transferId;
  if (transferId === undefined) return order.builderShareCents;
  return sentBy(await journalOfOrder(deps.store, order.orderId), order.currency, transferId);
}

/**
 * One release per order, ever: the transfer's id is kept, and its idempotency key names
 * the attempt. Its amount is fixed on the order before Stripe is asked (`payouts.builder.releasing`), so a
 * retry after a lost answer or a crash asks the very same, and Stripe answers with the
 * transfer it made; a refund that lands meanwhile is taken back once the release is
 * recorded. Only a refusal, after which Stripe made nothing, moves to a new key, because
 * Stripe would replay the refusal under the old one for a day.
 */
async function releaseFunds(deps: ProveOrderDeps, order: Order, builder: Builder): Promise<Order | { hold: ReleaseHold; order: Order & Refunds }> {
  if (order.payouts.builder.transferId) {
    // Released by an earlier delivery, which may have left a refund's reversal fixed and unanswered (its answer lost): finished now.
    if ((order.pendingReversals ?? []).length > 0) await finishPendingReversals(deps, order.orderId);
    return order;
  }
  if (!builder.stripeAccountId || !order.chargeId) throw new Error(`order ${order.orderId} cannot be released: no connected account or charge`);
  const intent = await fixRelease(deps, order.orderId);
  if ('released' in intent) return intent.released;
  if ('hold' in intent) return intent;
  const { transferId } = await deps.payments.createTransfer({
    idempotencyKey: intent.idempotencyKey,
    amountCents: intent.amountCents,
    currency: order.currency,
    destination: builder.stripeAccountId,
    sourceTransaction: order.chargeId,
    transferGroup: order.orderId,
    metadata: { order_id: order.orderId, builder_pseudonym: personPseudonym(order.builderId) },
  });
  const releasedAt = deps.clock.now().toISOString();
  const recorded = await deps.store.runTransaction(async (tx) => {
    const stored = await tx.get(orderPath(order.orderId));
    const journal = stored && (await withJournal(tx, stored));
    const current = journal?.order;
    if (!journal || !current || current.payouts.builder.transferId) return current;
    return applyOrderFact(
      tx,
      current,
      { kind: 'released', party: 'builder', at: releasedAt, coveredCents: intent.coveredCents, transferId },
      {
        read: JournalRead.ofOrders([current.orderId], journal.entries),
        // The release in flight, reserved when its amount was fixed, is posted by the transfer's entry.
        entries: [releasePosted(transferEntry(current, transferId, intent.amountCents, releasedAt, 'builder'), intent.idempotencyKey)],
      },
    );
  });
  // A refund that landed while the transfer was asked for is taken back now.
  if (recorded && recorded.refundedCents > (recorded.payouts.builder.refundCoveredCents ?? 0)) await reverseShares(deps, order.orderId, recorded.refundedCents);
  // So is a dispute that landed then.
  if (recorded?.dispute && recorded.dispute.state !== 'won' && !recorded.dispute.takeBack) await takeBackForDispute(deps, order.orderId);
  return recorded ?? { ...order, payouts: { ...order.payouts, builder: { ...order.payouts.builder, transferId, releasedAt } } };
}

/** The release's key and amount, fixed once per attempt (or the order, released meanwhile by another delivery). */
async function fixRelease(deps: ProveOrderDeps, orderId: string): Promise<ReleaseIntent | { released: Order } | { hold: ReleaseHold; order: Order & Refunds }> {
  return deps.store.runTransaction(async (tx) => {
    const stored = await tx.get(orderPath(orderId));
    if (!stored) throw new Error(`order ${orderId} is gone`);
    const { order, entries } = await withJournal(tx, stored);
    if (order.payouts.builder.transferId) return { released: order };
    // A commission's tranches may have sent everything it still owes (refunds came out of the rest): `done` sends nothing more.
    const releasing = order.payouts.builder.releasing;
    if (!releasing && order.commission?.advances?.length && releasableAfterLoss(order) - advancedNetCents(order, entries) <= 0) return { released: order };
    // A dispute holds what is not yet asked of Stripe; an intent already fixed is replayed (Stripe may have made it).
    const hold = releaseHold(order);
    if (hold && !releasing) return { hold, order };
    const attempt = order.releaseAttempts ?? 0;
    const idempotencyKey = attempt === 0 ? `release:${orderId}` : `release:${orderId}:${attempt}`;
    if (releasing?.idempotencyKey === idempotencyKey) return releasing;
    // A lost dispute's part stays with the bank: the rest goes out.
    // A commission's tranches already sent their part: the release sends the rest.
    // The builder's debt on the server is paid from it first, once under this key (the ledger's entry is keyed by it).
    const netting = await planNetting(tx, {
      guildId: order.guildId,
      userId: order.builderId,
      releaseKey: idempotencyKey,
      dueCents: releasableAfterLoss(order) - advancedNetCents(order, entries),
      currency: order.currency,
      orderId,
      at: deps.clock.now().toISOString(),
    });
    const intent: ReleaseIntent = {
      idempotencyKey,
      amountCents: netting.sendCents,
      coveredCents: order.refundedCents,
      ...(netting.nettedCents > 0 ? { nettedCents: netting.nettedCents } : {}),
    };
    netting.write();
    // That amount already leaves the lost dispute's part out (the host's release does too): the fact marks nothing to take back after it.
    // Written ahead of Stripe with the fact: the release in flight, reserved until the transfer's entry posts it (or a refusal voids it).
    const at = deps.clock.now().toISOString();
    applyOrderFact(
      tx,
      order,
      { kind: 'release-fixed', party: 'builder', intent },
      { read: JournalRead.ofOrders([orderId], entries), entries: [releasePendingEntry(order, idempotencyKey, intent.amountCents, 'builder', at)] },
    );
    return intent;
  });
}

/** Back to `paid`, proof cleared, the next attempt numbered: unless another delivery released it meanwhile. */
async function reopenRelease(deps: ProveOrderDeps, order: Order, refusal: string): Promise<void> {
  await undoRelease(deps, order, refusal);
}

/**
 * A release refused because the builder revoked C500's access: the proof stands and the order
 * stays building, as a release held for a revoked account does; only the fixed release is
 * undone (and what it netted owed again), so the reconnection's release fixes a new one.
 */
async function holdForReconnect(deps: ProveOrderDeps, order: Order): Promise<void> {
  await undoRelease(deps, order);
}

/** The refused release undone once, with the order's other changes: what it had netted is owed again, under its key. */
async function undoRelease(deps: ProveOrderDeps, order: Order, refusal?: string): Promise<void> {
  await deps.store.runTransaction(async (tx) => {
    const stored = await tx.get(orderPath(order.orderId));
    if (stored?.status !== 'building' || stored.payouts.builder.transferId || (stored.releaseAttempts ?? 0) !== (order.releaseAttempts ?? 0)) return;
    // The order's journal, read before the writes: the refused release's reservation is voided against it.
    const { order: current, entries } = await withJournal(tx, stored);
    // What the refused release had kept for the builder's debt is owed again, once under its key.
    const refused = current.payouts.builder.releasing;
    const undo = refused?.nettedCents
      ? await planNettingUndone(tx, {
          guildId: current.guildId,
          userId: current.builderId,
          releaseKey: refused.idempotencyKey,
          nettedCents: refused.nettedCents,
          currency: current.currency,
          orderId: current.orderId,
          at: deps.clock.now().toISOString(),
        })
      : undefined;
    undo?.();
    // Stripe made nothing: the reservation is voided (there is none for a release of nothing).
    const voided = refused && refused.amountCents > 0 ? releaseVoided(current, refused.idempotencyKey, deps.clock.now().toISOString()) : undefined;
    applyOrderFact(
      tx,
      current,
      { kind: 'release-refused', ...(refusal !== undefined ? { refusal } : {}) },
      { read: JournalRead.ofOrders([current.orderId], entries), entries: [voided] },
    );
  });
}

/** The builder's answer for an order a dispute holds: its due date, and what they can still do. */
function heldBy(order: Order & Refunds): OrderOutcome | undefined {
  const hold = releaseHold(order);
  if (!hold) return undefined;
  const due = order.dispute?.dueBy;
  return { orderId: order.orderId, ok: false, refusal: hold, ...(hold === 'disputed' && due ? { detail: due.slice(0, 10) } : {}) };
}
