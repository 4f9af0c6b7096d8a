/**
 * @module reverse-shares
 * A refund after the release leaves the platform out of pocket for what it already sent:
 * the builder's share and, for a show's lot, the host's cut, each in proportion to what was
 * refunded. Each part is taken back with a Transfer Reversal keyed by the refunded total;
 * when Stripe refuses (the balance is already paid out), it becomes that person's debt on
 * the order; a host's cut still owed by hand is simply owed less.
 *
 * What to take back is fixed first, in one transaction on the order (the refunded total it
 * covers moves on and the reversal is written down with its key and amount), and only then
 * asked of Stripe. So two refunds handled at once each take their own part, never the same
 * part twice, and a retry after Stripe's answer was lost (or the process died) replays the
 * same key with the same amount. Reversals written down and not yet answered are finished
 * by whichever call comes next.
 *
 * After a won dispute whose return to a person is held (their account revoked), a refund
 * takes that person's part from the held return first: it never went out, so nothing is
 * reversed for it and the return sends less; only what passes it is reversed as usual.
 */
import type { Clock, DiscordMessenger, DocumentStore, Payments, Transaction } from '../../ports';
import { builderPartOfRefund, type Order, type Party, type PartyPayout, type PendingReversal, applyOrderFact } from '../../orders';
import { orderPath } from '../../orders';
import { cutOwedEntry, hostPayoutPath, type HostPayout } from '../rules/host-payout';
import { hostPartOfRefund } from '../../orders';
import { advancedNetCents, advancesHolding, builderEntitledCents, spreadTakeBack } from '../rules/advances';
import { awaitsDisputeReturn, heldReturnCents, releaseHoldings, takeFromHeldReturn, type Holding } from '../rules/holdings';
import { PaymentRefused } from '../../errors';
import { log, personPseudonym } from '../../log';
import { debtEntryIds, readAccount, recordDebtMove, writeMove, type AccountRead } from '../../debts';
import { JournalRead, journalOfOrder, readEntries, writeEntry, type JournalEntry } from '../../journal';
import { reversalEntry } from '../../orders';
import { debtRecordedDm } from '../rules/debt-messages';
import { tellOnce } from '../../discord';

export interface ReverseSharesDeps {
  store: DocumentStore;
  payments: Payments;
  /** When a debt entry is dated (the system's clock without one). */
  clock?: Clock;
  /** Tells the person a debt was recorded against them (not told without one). */
  discord?: DiscordMessenger;
}

/** The person whose money it was hears of their new debt, once per entry (a redelivery finds it told). */
export async function tellDebt(deps: ReverseSharesDeps, entryId: string, userId: string, message: ReturnType<typeof debtRecordedDm>): Promise<void> {
  if (!deps.discord || !deps.clock) return;
  await tellOnce({ store: deps.store, discord: deps.discord, clock: deps.clock }, `debt:${entryId}`, userId, message);
}

const nowOf = (deps: ReverseSharesDeps): string => (deps.clock?.now() ?? new Date()).toISOString();

/** What each party's part of a refund is, where it is taken back from, and its reversal's key. */
const takeBackRules = {
  builder: {
    partOfRefund: builderPartOfRefund,
    // From the release's transfer, then (after a won dispute) from what the win sent back, and for a commission whose tranches went
    // out before it, from those too, newest first. What no transfer holds stays on the release's (Stripe refuses it: a debt, as always).
    holdings: (order: Order, entries: readonly JournalEntry[]) => [...releaseHoldings(order, 'builder', entries), ...advancesHolding(order, entries)],
    key: (orderId: string, refundedCents: number) => `reverse:${orderId}:${refundedCents}`,
  },
  host: {
    partOfRefund: hostPartOfRefund,
    holdings: (order: Order, entries: readonly JournalEntry[]) => releaseHoldings(order, 'host', entries),
    key: (orderId: string, refundedCents: number) => `reverse-host:${orderId}:${refundedCents}`,
  },
} satisfies Record<
  Party,
  { partOfRefund: (order: Order, refundedCents: number) => number; holdings: (order: Order, entries: readonly JournalEntry[]) => Holding[]; key: unknown }
>;

/** Takes back each released part's share of `refundedCents` (the charge's refunded total for this order). */
export async function reverseShares(deps: ReverseSharesDeps, orderId: string, refundedCents: number): Promise<void> {
  let handPaidLoss: { order: Order; userId: string; due: number } | undefined;
  await deps.store.runTransaction(async (tx) => {
    handPaidLoss = undefined;
    const order = await tx.get(orderPath(orderId));
    if (!order) return;
    // What each transfer still holds is the journal's (read before any write).
    const entries = await journalOfOrder(tx, orderId);
    // Nothing is fixed yet: the delivery comes again once the win has sent its money back, and takes from there.
    if (awaitsDisputeReturn(order, refundedCents)) throw new Error(`order ${orderId}: a refund after its won dispute waits for the win's return`);
    const owed = order.payouts.host?.via === 'manual' ? await tx.get(hostPayoutPath(orderId)) : undefined;
    // A cut already paid by hand keeps its record as paid: the host's part of the refund is their debt (read before any write).
    const handPaid =
      owed?.status === 'paid-by-hand' && order.hostId ? await readAccount(tx, order.guildId, order.hostId, lossKey(orderId, refundedCents)) : undefined;
    const coveredNow: Partial<Record<Party, number>> = {};
    const pending = [...(order.pendingReversals ?? [])];
    if (!order.payouts.builder.transferId && advancesHolding(order, entries).length > 0)
      pending.push(...trancheTakeBack({ ...order, pendingReversals: pending }, refundedCents, entries));
    let dispute = order.dispute;
    // Each party's part, once its money went out (a release sends only what is left), as far as the refunded total moved on.
    for (const part of ['builder', 'host'] as const) {
      const payout = order.payouts[part];
      const covered = payout?.refundCoveredCents ?? 0;
      if (!payout || !wentOut(payout) || refundedCents <= covered) continue;
      const rules = takeBackRules[part];
      const owedOfRefund = rules.partOfRefund(order, refundedCents) - rules.partOfRefund(order, covered);
      coveredNow[part] = refundedCents;
      // A won dispute's return held for a revoked account is taken from first: it never went out, so nothing is reversed for it.
      const fromHeld = Math.min(Math.max(0, owedOfRefund), heldReturnCents(dispute, part));
      if (dispute && fromHeld > 0) dispute = takeFromHeldReturn(dispute, part, fromHeld);
      const due = owedOfRefund - fromHeld;
      if (due > 0 && payout.transferId)
        pending.push(
          ...spreadReversals(part, rules.holdings({ ...order, pendingReversals: pending }, entries), rules.key(orderId, refundedCents), due, refundedCents),
        );
      // A cut owed by hand has no transfer to reverse: it is simply owed less, or, once paid by hand, owed back.
      if (due > 0 && payout.via === 'manual' && handPaid) {
        lossAfterHandPayment(tx, order, handPaid, due, refundedCents, nowOf(deps));
        handPaidLoss = { order, userId: handPaid.userId, due };
      } else if (due > 0 && payout.via === 'manual' && owed)
        owedLess(tx, JournalRead.ofOrders([orderId], entries), order, owed, due, refundedCents, nowOf(deps));
    }
    const disputeChanged = dispute !== order.dispute ? dispute : undefined;
    if (Object.keys(coveredNow).length > 0 || disputeChanged || pending.length > (order.pendingReversals ?? []).length)
      applyOrderFact(tx, order, {
        kind: 'reversal-fixed',
        pendingReversals: pending,
        covered: coveredNow,
        ...(disputeChanged ? { dispute: disputeChanged } : {}),
      });
  });
  const loss = handPaidLoss as { order: Order; userId: string; due: number } | undefined;
  if (loss) await tellDebt(deps, lossKey(orderId, refundedCents), loss.userId, debtRecordedDm(loss.order, 'host', loss.due, { by: 'refund', handPaid: true }));
  await finishPendingReversals(deps, orderId);
}

/** A cut still owed by hand is owed less by the host's part of a refund (never below nothing), in the record and the journal alike. */
function owedLess(tx: Transaction, read: JournalRead, order: Order, owed: HostPayout, due: number, refundedCents: number, at: string): void {
  const less = Math.min(due, owed.amountCents);
  if (less <= 0) return;
  tx.update(hostPayoutPath(order.orderId), { amountCents: owed.amountCents - less });
  writeEntry(tx, read, cutOwedEntry({ ...order, hostId: owed.hostId }, `refunded-${refundedCents}`, -less, at));
}

/** The entry of a refund's loss on a cut paid by hand: one per refunded total, as the reversals are keyed. */
const lossKey = (orderId: string, refundedCents: number) => debtEntryIds.lossAfterPayout(`reverse-host:${orderId}:${refundedCents}`);

/** The host's part of a refund after their cut was paid by hand: their debt, on the ledger (and so in the journal). */
function lossAfterHandPayment(tx: Transaction, order: Order, read: AccountRead, due: number, refundedCents: number, at: string): void {
  writeMove(tx, read, {
    guildId: order.guildId,
    userId: read.userId,
    entryId: lossKey(order.orderId, refundedCents),
    kind: 'loss-after-payout',
    orderId: order.orderId,
    party: 'host',
    amountCents: due,
    currency: order.currency,
    reason: `order ${order.orderId} was refunded after your cut was paid by hand`,
    at,
  });
}

/** Whether the party's money went out: by transfer, or (a host's cut) owed by hand. */
const wentOut = (payout: PartyPayout) => payout.transferId !== undefined || payout.via === 'manual';

/** A commission's tranches before `done`: the refund comes out of what was not sent yet, and only what passes it is taken back. */
function trancheTakeBack(order: Order, refundedCents: number, entries: readonly JournalEntry[]): PendingReversal[] {
  const pending = order.pendingReversals ?? [];
  const pendingOnAdvances = pending.filter((p) => p.transferId !== undefined).reduce((sum, p) => sum + p.amountCents, 0);
  const excess = advancedNetCents(order, entries) - pendingOnAdvances - builderEntitledCents({ ...order, refundedCents });
  return spreadTakeBack(excess, advancesHolding(order, entries)).map((part) => ({
    part: 'builder' as const,
    idempotencyKey: `reverse:${order.orderId}:${refundedCents}:${part.transferId}`,
    ...part,
    refundedCents,
  }));
}

/**
 * A take-back spread over a person's transfers, the first (the release) keyed as a single one
 * always was, the others under the key and the transfer's id. With one transfer, all of it
 * is asked of it, as Stripe would be asked of any refund's part.
 */
function spreadReversals(part: PendingReversal['part'], holdings: readonly Holding[], key: string, due: number, refundedCents: number): PendingReversal[] {
  const [release, ...others] = holdings;
  if (!release) return [];
  const parts = others.length === 0 ? [{ transferId: release.transferId, amountCents: Math.min(due, release.holdsCents) }] : spreadTakeBack(due, holdings);
  const short = due - parts.reduce((sum, p) => sum + p.amountCents, 0);
  const onRelease = parts.find((p) => p.transferId === release.transferId)?.amountCents ?? 0;
  return [
    ...(onRelease > 0 ? [{ part, idempotencyKey: key, amountCents: onRelease, refundedCents }] : []),
    ...parts
      .filter((p) => p.transferId !== release.transferId)
      .map((p) => ({ part, idempotencyKey: `${key}:${p.transferId}`, amountCents: p.amountCents, refundedCents, transferId: p.transferId })),
    // What no transfer holds (a release that netted a debt sent less than the share): asked of the release's transfer under a
    // key of its own, so Stripe's refusal makes exactly that the person's debt and what the transfer holds is still reversed.
    ...(short > 0 ? [{ part, idempotencyKey: `${key}:beyond`, amountCents: short, refundedCents }] : []),
  ];
}

/** Asks Stripe for every reversal written down on the order and not yet answered, each as it was written. */
export async function finishPendingReversals(deps: ReverseSharesDeps, orderId: string): Promise<void> {
  const order = await deps.store.get(orderPath(orderId));
  for (const pending of order?.pendingReversals ?? []) {
    const transferId = pending.transferId ?? order?.payouts[pending.part]?.transferId;
    if (!order || !transferId) continue;
    let taken: { reversedCents: number } | { debtCents: number };
    try {
      await deps.payments.reverseTransfer({
        idempotencyKey: pending.idempotencyKey,
        transferId,
        amountCents: pending.amountCents,
        metadata: {
          order_id: orderId,
          ...reversalCause(pending),
          ...(pending.part === 'host' ? { host_pseudonym: order.hostId ? personPseudonym(order.hostId) : '' } : {}),
        },
      });
      taken = { reversedCents: pending.amountCents };
    } catch (error) {
      if (!(error instanceof PaymentRefused)) throw error;
      log.warn('Stripe refused to reverse a released transfer; recorded as a debt', {
        event: 'debt.recorded',
        orderId,
        part: pending.part,
        dueCents: pending.amountCents,
        error,
      });
      taken = { debtCents: pending.amountCents };
      // On the person's ledger first: a crash before the order counts it replays this, and the entry is already there.
      await recordRefusedReversal(deps.store, order, pending, nowOf(deps));
      const userId = pending.part === 'host' ? order.hostId : order.builderId;
      const cause = { by: pending.disputeId ? ('dispute' as const) : ('refund' as const), handPaid: false };
      if (userId)
        await tellDebt(deps, debtEntryIds.refusedReversal(pending.idempotencyKey), userId, debtRecordedDm(order, pending.part, pending.amountCents, cause));
    }
    await recordReversal(deps.store, orderId, { ...pending, transferId }, taken, nowOf(deps));
  }
}

/** A reversal Stripe would not make: the person's debt on their ledger, once per reversal's key. */
async function recordRefusedReversal(store: DocumentStore, order: Order, pending: PendingReversal, at: string): Promise<void> {
  const userId = pending.part === 'host' ? order.hostId : order.builderId;
  if (!userId) return;
  await recordDebtMove(store, {
    guildId: order.guildId,
    userId,
    entryId: debtEntryIds.refusedReversal(pending.idempotencyKey),
    kind: 'refused-reversal',
    orderId: order.orderId,
    party: pending.part,
    ...(pending.disputeId ? { disputeId: pending.disputeId } : {}),
    amountCents: pending.amountCents,
    currency: order.currency,
    reason: pending.disputeId
      ? `order ${order.orderId}: a dispute took the money back and Stripe could not reverse your transfer`
      : `order ${order.orderId} was refunded and Stripe could not reverse your transfer`,
    at,
  });
}

/** The reversal's outcome, once: only while it is still written down as pending. */
async function recordReversal(
  store: DocumentStore,
  orderId: string,
  asked: PendingReversal & { transferId: string },
  taken: { reversedCents: number } | { debtCents: number },
  at: string,
): Promise<void> {
  await store.runTransaction(async (tx) => {
    const order = await tx.get(orderPath(orderId));
    // As it was written down (a reversal of the release's transfer names none), matched by its key.
    const done = (order?.pendingReversals ?? []).find((p) => p.idempotencyKey === asked.idempotencyKey);
    if (!order || !done) return;
    // The journal's side of a reversal Stripe made (one it refused is the person's debt, written with it).
    const entry =
      'reversedCents' in taken ? reversalEntry(order, asked.transferId, done.idempotencyKey, taken.reversedCents, at, done.part, done.disputeId) : undefined;
    const read = await readEntries(tx, entry ? [entry.entryId] : []);
    applyOrderFact(tx, order, { kind: 'reversed', idempotencyKey: done.idempotencyKey }, { read, entries: [entry] });
  });
}

/** Why a reversal takes money back, at Stripe: a dispute, or refunds up to a total. */
function reversalCause(pending: PendingReversal): Record<string, string> {
  return pending.disputeId
    ? { dispute_id: pending.disputeId, disputed_cents: String(pending.refundedCents) }
    : { refunded_cents: String(pending.refundedCents) };
}
