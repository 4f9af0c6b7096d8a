/**
 * @module dispute-money
 * The money of a dispute on an order already released. Stripe debited the platform for the
 * disputed amount, so the builder's part of it (and a show host's) is taken back with
 * transfer reversals, fixed first on the order and keyed by the dispute as refund reversals
 * are keyed by the refunded total (reverse-shares finishes them, and what Stripe will not
 * reverse becomes that person's debt). A won dispute gives the platform its money back, so
 * what the reversals took goes back out as new transfers keyed by the dispute, and a debt
 * the dispute made is forgiven. Each step happens once, whatever redelivers or retries it.
 */
import type { Clock, DiscordMessenger, DocumentStore, Payments, Transaction } from '../../ports';
import { debtEntryIds, readAccount, writeMove, type AccountRead } from '../../debts';
import { tellOnce } from '../../discord';
import { formatMoney } from '../../common';
import { accountRevoked, builderPath } from '../../onboarding';
import { PaymentRefused } from '../../errors';
import { moneyNeedsHuman } from '../../money-needs-human';
import { type Order, type Party, type PendingReversal, applyOrderFact } from '../../orders';
import { orderPath, ordersCollection } from '../../orders';
import { returnHeldAdminDm, returnHeldDm } from '../rules/revoked-account';
import { adminToTell, guildFraudSettingsPath } from '../rules/fraud-warning';
import type { OrderDispute } from '../../orders';
import { disputedParts, disputeKeys, disputeReturn, disputeTakeBack } from '../rules/dispute-rules';
import { cutOwedEntry, hostPayoutPath } from '../rules/host-payout';
import { finishPendingReversals, tellDebt } from './reverse-shares';
import { debtRecordedDm } from '../rules/debt-messages';
import { disputeDebtOf, JournalRead, journalOfOrder, readEntries, withJournal, writeEntry, type JournalEntry } from '../../journal';
import { transferEntry } from '../../orders';
import { advancedNetCents, advancesHolding, builderEntitledCents, spreadTakeBack } from '../rules/advances';

export interface DisputeMoneyDeps {
  store: DocumentStore;
  payments: Payments;
  clock: Clock;
  discord: DiscordMessenger;
}

/** An open (or lost) dispute on a released order: its parts are taken back once. */
export async function takeBackForDispute(deps: DisputeMoneyDeps, orderId: string): Promise<void> {
  let handPaidLoss: { order: Order; userId: string; amountCents: number; entryId: string } | undefined;
  await deps.store.runTransaction(async (tx) => {
    handPaidLoss = undefined;
    const stored = await tx.get(orderPath(orderId));
    // The order's journal, read once: what was refunded of it, and what each transfer still holds.
    const { order, entries } = stored ? await withJournal(tx, stored) : { order: undefined, entries: [] };
    const dispute = order?.dispute;
    const advances = order ? advancesHolding(order, entries) : [];
    if (!order || !dispute || dispute.state === 'won' || dispute.takeBack || (!order.payouts.builder.transferId && advances.length === 0)) return;
    const payout = order.payouts.host?.via === 'manual' ? await tx.get(hostPayoutPath(orderId)) : undefined;
    // A cut already paid by hand keeps its record as paid: the host's part of the dispute is their debt (read before any write).
    const handPaid =
      payout?.status === 'paid-by-hand' && order.hostId
        ? await readAccount(tx, order.guildId, order.hostId, handPaidLossId(orderId, dispute.disputeId))
        : undefined;
    const fromRelease = disputeTakeBack(order, dispute.amountCents, entries);
    // A commission's tranches: after `done`, what the release could not give back; before it, what passes what the builder may hold.
    const fromAdvances = spreadTakeBack(
      order.payouts.builder.transferId
        ? disputedParts(order, dispute.amountCents).builderCents - fromRelease.builderCents
        : advancedNetCents(order, entries) -
            (order.pendingReversals ?? []).filter((p) => p.transferId).reduce((sum, p) => sum + p.amountCents, 0) -
            builderEntitledCents(order),
      advances,
    );
    const takeBack = { ...fromRelease, builderCents: fromRelease.builderCents + fromAdvances.reduce((sum, p) => sum + p.amountCents, 0) };
    // A cut owed by hand is owed less, as a refund makes it (no transfer to reverse).
    const hostPart = disputedParts(order, dispute.amountCents).hostCents;
    const owedTaken = payout && !handPaid ? Math.min(payout.amountCents, hostPart) : 0;
    if (payout && owedTaken > 0) {
      tx.update(hostPayoutPath(orderId), { amountCents: payout.amountCents - owedTaken });
      const cause = `dispute-${dispute.disputeId}`;
      writeEntry(
        tx,
        JournalRead.ofOrders([orderId], entries),
        cutOwedEntry({ ...order, hostId: payout.hostId }, cause, -owedTaken, deps.clock.now().toISOString(), dispute.disputeId),
      );
    }
    const pending: PendingReversal[] = [...(order.pendingReversals ?? [])];
    const reversal = (part: PendingReversal['part'], idempotencyKey: string, amountCents: number) =>
      amountCents > 0 && pending.push({ part, idempotencyKey, amountCents, refundedCents: dispute.amountCents, disputeId: dispute.disputeId });
    reversal('builder', disputeKeys.takeBack(orderId, dispute.disputeId), fromRelease.builderCents);
    for (const part of fromAdvances)
      pending.push({
        part: 'builder',
        idempotencyKey: `${disputeKeys.takeBack(orderId, dispute.disputeId)}:${part.transferId}`,
        amountCents: part.amountCents,
        refundedCents: dispute.amountCents,
        disputeId: dispute.disputeId,
        transferId: part.transferId,
      });
    reversal('host', disputeKeys.takeBackHost(orderId, dispute.disputeId), takeBack.hostCents);
    // The host's debt is in the journal under the dispute, as a refused reversal's would be: a win forgives it.
    if (handPaid) lossAfterHandPayment(tx, order, handPaid, hostPart, deps.clock.now().toISOString());
    if (handPaid && hostPart > 0) handPaidLoss = { order, userId: handPaid.userId, amountCents: hostPart, entryId: handPaidLossId(orderId, dispute.disputeId) };
    applyOrderFact(tx, order, {
      kind: 'dispute-money-moved',
      pendingReversals: pending,
      dispute: { ...dispute, takeBack, ...(owedTaken > 0 ? { hostOwedTakenCents: owedTaken } : {}) },
    });
  });
  const loss = handPaidLoss as { order: Order; userId: string; amountCents: number; entryId: string } | undefined;
  if (loss) await tellDebt(deps, loss.entryId, loss.userId, debtRecordedDm(loss.order, 'host', loss.amountCents, { by: 'dispute', handPaid: true }));
  await finishPendingReversals(deps, orderId);
}

/** A won dispute: what its reversals took goes back out, and the debt it made is forgiven, once. */
export async function giveBackAfterWin(deps: DisputeMoneyDeps, orderId: string): Promise<void> {
  // Reversals written down and not yet answered are finished first: the return sends what they really took.
  await finishPendingReversals(deps, orderId);
  const fixed = await deps.store.runTransaction(async (tx): Promise<Order | undefined> => {
    const order = await tx.get(orderPath(orderId));
    const dispute = order?.dispute;
    if (!order || dispute?.state !== 'won' || !dispute.takeBack || dispute.returnedAt) return undefined;
    if (dispute.returning) return order;
    if ((order.pendingReversals ?? []).some((p) => p.disputeId === dispute.disputeId)) throw new Error(`order ${orderId}: a dispute reversal is still pending`);
    const payout = dispute.hostOwedTakenCents ? await tx.get(hostPayoutPath(orderId)) : undefined;
    // What the dispute took, as the journal has it: its reversals, and the debts it made where Stripe would not reverse.
    const entries = await journalOfOrder(tx, orderId);
    const forgiving = await readForgiving(tx, order, entries);
    // What the reversals took goes back, and so does what the party already paid of the dispute's debt.
    const settled = settledOf(forgiving);
    const reversed = disputeReturn(order, dispute.disputeId, entries);
    const returning = { builderCents: reversed.builderCents + settled.builder, hostCents: reversed.hostCents + settled.host };
    // A record paid by hand meanwhile is never raised: what the win gives back is owed on top, for the dashboard to pay.
    if (payout && dispute.hostOwedTakenCents) {
      tx.update(
        hostPayoutPath(orderId),
        payout.status === 'paid-by-hand'
          ? { differenceOwedCents: (payout.differenceOwedCents ?? 0) + dispute.hostOwedTakenCents }
          : { amountCents: payout.amountCents + dispute.hostOwedTakenCents },
      );
      // Owed again in the journal either way: what a hand payment already made does not cover is paid on top.
      const entry = cutOwedEntry(
        { ...order, hostId: payout.hostId },
        `won-${dispute.disputeId}`,
        dispute.hostOwedTakenCents,
        deps.clock.now().toISOString(),
        dispute.disputeId,
      );
      writeEntry(tx, JournalRead.ofOrders([orderId], entries), entry);
    }
    writeForgiving(tx, order, forgiving, deps.clock.now().toISOString());
    const next = { ...dispute, returning };
    return applyOrderFact(tx, order, { kind: 'dispute-money-moved', dispute: next });
  });
  if (!fixed?.dispute?.returning) return;
  const { dispute } = fixed;
  const returning = fixed.dispute.returning;
  const sent = {
    builder: await sendBack(deps, fixed, 'builder', returning.builderCents),
    host: await sendBack(deps, fixed, 'host', returning.hostCents),
  };
  await deps.store.runTransaction(async (tx) => {
    const order = await tx.get(orderPath(orderId));
    if (!order?.dispute || order.dispute.disputeId !== dispute.disputeId || order.dispute.returnedAt) return;
    const refusal = [sent.builder, sent.host].find((s): s is { refused: string } => s !== undefined && 'refused' in s);
    const held = (['builder', 'host'] as const).filter((part) => sent[part] !== undefined && 'held' in (sent[part] ?? {}));
    // A part counts once: a transfer recorded by an earlier pass (a return held, then finished) is not taken off again.
    const newlySent = (part: Party) => {
      const s = sent[part];
      return s !== undefined && 'transferId' in s && order.dispute?.parts?.[part]?.returnTransferId === undefined;
    };
    // A refund that took from a held part while it was being sent: the transfer carried the whole part, so that much is reversed from it.
    const overtaken = (['builder', 'host'] as const).flatMap((part) => overtakenByRefund(order, part, returning, sent[part]));
    const at = deps.clock.now().toISOString();
    const returned = (['builder', 'host'] as const).flatMap((part) => {
      const transfer = sent[part];
      const entry =
        transfer && 'transferId' in transfer && newlySent(part) ? transferEntry(order, transfer.transferId, returning[`${part}Cents`], at, part) : undefined;
      return entry ? [entry] : [];
    });
    const read = await readEntries(
      tx,
      returned.map((e) => e.entryId),
    );
    for (const entry of returned) writeEntry(tx, read, entry);
    applyOrderFact(tx, order, {
      kind: 'dispute-money-moved',
      ...(overtaken.length > 0 ? { pendingReversals: [...(order.pendingReversals ?? []), ...overtaken] } : {}),
      dispute: sentWhole(overtaken, {
        ...withoutHeld(order.dispute),
        // A part held for a revoked account keeps the return open: the reconnection finishes it.
        ...(held.length > 0 ? { returnHeld: held } : { returnedAt: deps.clock.now().toISOString() }),
        ...returnedTo(order.dispute, sent),
        ...(refusal ? { returnRefusal: refusal.refused.slice(0, 500) } : {}),
      }),
    });
  });
  for (const part of ['builder', 'host'] as const) if (sent[part] && 'held' in (sent[part] ?? {})) await tellReturnHeld(deps, fixed, part);
  await finishPendingReversals(deps, orderId);
}

/** The dispute with each overtaken part's return as it was sent, what the refund took of it now reversed from it rather than held back. */
function sentWhole(overtaken: PendingReversal[], dispute: OrderDispute): OrderDispute {
  if (overtaken.length === 0 || !dispute.returning) return dispute;
  const returning = { ...dispute.returning };
  for (const { part, amountCents } of overtaken) returning[`${part}Cents`] += amountCents;
  return { ...dispute, returning };
}

/**
 * A held part sent while a refund took from it (reverse-shares' `takeFromHeldReturn`): the
 * transfer went out with the part as it was read, so what the refund took of it is reversed
 * from that transfer, as a refund's reversal from a sent return is (keyed by the dispute, once).
 */
function overtakenByRefund(order: Order, part: Party, returning: { builderCents: number; hostCents: number }, sent: SentBack): PendingReversal[] {
  const dispute = order.dispute;
  const now = dispute?.returning?.[`${part}Cents`];
  if (!dispute || now === undefined || !sent || !('transferId' in sent) || dispute.parts?.[part]?.returnTransferId !== undefined) return [];
  const taken = returning[`${part}Cents`] - now;
  if (taken <= 0) return [];
  return [
    {
      part,
      idempotencyKey: `${returnKeys[part](order.orderId, dispute.disputeId)}:overtaken`,
      amountCents: taken,
      refundedCents: order.payouts[part]?.refundCoveredCents ?? 0,
      transferId: sent.transferId,
    },
  ];
}

/** The dispute without its held parts (written again when some still are). */
function withoutHeld(dispute: OrderDispute): OrderDispute {
  const { returnHeld: _held, ...rest } = dispute;
  return rest;
}

/** The person whose part of a won dispute's return is held, and their server's admin, told once each. */
async function tellReturnHeld(deps: DisputeMoneyDeps, order: Order, part: Party): Promise<void> {
  const dispute = order.dispute;
  const personId = { builder: order.builderId, host: order.hostId }[part];
  if (!dispute?.returning || !personId) return;
  const amount = formatMoney({ cents: dispute.returning[`${part}Cents`], currency: order.currency });
  const fact = `dispute-return-held:${order.orderId}:${dispute.disputeId}:${part}`;
  await tellOnce(deps, fact, personId, returnHeldDm(order.orderId, amount));
  const admin = adminToTell(await deps.store.get(guildFraudSettingsPath(order.guildId)));
  const person = await deps.store.get(builderPath(personId));
  if (admin) await tellOnce(deps, fact, admin, returnHeldAdminDm(person?.displayName ?? personId, personId, order.orderId, amount));
}

/**
 * A person who connected a new account after revoking C500: the won disputes' returns held
 * for them (as builder or host) go out now, each once (keyed as the first try would have been).
 */
export async function finishHeldReturns(deps: DisputeMoneyDeps, personId: string): Promise<void> {
  const found = [
    ...(await deps.store.query(ordersCollection, { where: [['builderId', '==', personId]] })),
    ...(await deps.store.query(ordersCollection, { where: [['hostId', '==', personId]] })),
  ];
  const held = new Set(found.filter((f) => (f.data.dispute?.returnHeld ?? []).length > 0 && !f.data.dispute?.returnedAt).map((f) => f.id));
  for (const orderId of [...held].sort()) await giveBackAfterWin(deps, orderId);
}

/** The entry of a dispute's loss on a cut paid by hand: one per dispute. */
const handPaidLossId = (orderId: string, disputeId: string) => debtEntryIds.lossAfterPayout(`dispute-host:${orderId}:${disputeId}`);

/** The host's part of a dispute after their cut was paid by hand: their debt on the ledger, and so in the journal. */
function lossAfterHandPayment(tx: Transaction, order: Order, read: AccountRead, amountCents: number, at: string): void {
  const dispute = order.dispute;
  if (!dispute || amountCents <= 0) return;
  writeMove(tx, read, {
    guildId: order.guildId,
    userId: read.userId,
    entryId: handPaidLossId(order.orderId, dispute.disputeId),
    kind: 'loss-after-payout',
    orderId: order.orderId,
    party: 'host',
    disputeId: dispute.disputeId,
    amountCents,
    currency: order.currency,
    reason: `order ${order.orderId}: a dispute took the money back after your cut was paid by hand`,
    at,
  });
}

/** Each party's ledger, read for the win's forgiveness of what the dispute made a debt. */
async function readForgiving(
  tx: Transaction,
  order: Order,
  entries: readonly JournalEntry[],
): Promise<Array<{ part: Party; read: AccountRead; cents: number }>> {
  const dispute = order.dispute;
  const reads = [];
  for (const part of ['builder', 'host'] as const) {
    const userId = part === 'host' ? order.hostId : order.builderId;
    const cents = dispute ? disputeDebtOf(entries, order.currency, dispute.disputeId, part) : 0;
    if (dispute && userId && cents > 0)
      reads.push({ part, cents, read: await readAccount(tx, order.guildId, userId, debtEntryIds.forgiven(`${order.orderId}:${dispute.disputeId}:${part}`)) });
  }
  return reads;
}

/**
 * What each party paid of the debt its dispute made before the win: the dispute's debt less
 * what is still owed on the account (netted from a later release or paid outside C500, the
 * account falls, whichever cause it pays). The win forgives the rest and sends this back.
 */
function settledOf(forgiving: ReadonlyArray<{ part: Party; read: AccountRead; cents: number }>): Record<Party, number> {
  const settled = { builder: 0, host: 0 };
  for (const { part, read, cents } of forgiving) if (!read.done) settled[part] = cents - Math.min(cents, read.debt?.owedCents ?? 0);
  return settled;
}

/**
 * The win forgives what its dispute made a debt and is still owed; what was netted or paid of
 * it meanwhile goes back by transfer with the return (`settledOf`).
 */
function writeForgiving(tx: Transaction, order: Order, forgiving: Array<{ part: Party; read: AccountRead; cents: number }>, at: string): void {
  for (const { part, read, cents } of forgiving)
    writeMove(tx, read, {
      guildId: order.guildId,
      userId: read.userId,
      entryId: debtEntryIds.forgiven(`${order.orderId}:${order.dispute?.disputeId ?? ''}:${part}`),
      kind: 'forgiven',
      orderId: order.orderId,
      party: part,
      ...(order.dispute ? { disputeId: order.dispute.disputeId } : {}),
      amountCents: Math.min(cents, read.debt?.owedCents ?? 0),
      currency: order.currency,
      reason: `order ${order.orderId}: the dispute was won`,
      at,
    });
}

/** The dispute's parties with the return transfers the win made to them. */
function returnedTo(dispute: OrderDispute, sent: Record<Party, SentBack>): Pick<OrderDispute, 'parts'> {
  const parts = { ...dispute.parts };
  for (const part of ['builder', 'host'] as const) {
    const transfer = sent[part];
    if (transfer && 'transferId' in transfer) parts[part] = { ...parts[part], returnTransferId: transfer.transferId };
  }
  return Object.keys(parts).length > 0 ? { parts } : {};
}

/** Each party's return transfer: its key, and how Stripe's metadata names it. */
const returnKeys = { builder: disputeKeys.giveBack, host: disputeKeys.giveBackHost } satisfies Record<Party, unknown>;
const returnParts = { builder: 'dispute-return', host: 'dispute-return-host' } satisfies Record<Party, string>;

type SentBack = { transferId: string } | { refused: string } | { held: 'account-revoked' } | undefined;

/**
 * One part back to its person's connected account; a refusal is kept for an admin to pay by
 * hand. A part already sent is not asked again; one whose person revoked C500 is held.
 */
async function sendBack(deps: DisputeMoneyDeps, order: Order, part: Party, amountCents: number): Promise<SentBack> {
  const dispute = order.dispute;
  const personId = { builder: order.builderId, host: order.hostId }[part];
  if (!dispute || amountCents <= 0 || !personId) return undefined;
  const already = dispute.parts?.[part]?.returnTransferId;
  if (already) return { transferId: already };
  const person = await deps.store.get(builderPath(personId));
  // Nothing can reach an account the person revoked: the part waits for the account they connect next.
  if (accountRevoked(person)) return { held: 'account-revoked' };
  const account = person?.stripeAccountId;
  if (!account) {
    moneyNeedsHuman('dispute-return-refused', { orderId: order.orderId, disputeId: dispute.disputeId, part, amountCents, currency: order.currency });
    return { refused: `no connected account for the ${part}` };
  }
  try {
    return await deps.payments.createTransfer({
      idempotencyKey: returnKeys[part](order.orderId, dispute.disputeId),
      amountCents,
      currency: order.currency,
      destination: account,
      // From the platform's balance: the won dispute's funds came back there, not to the charge.
      transferGroup: order.orderId,
      metadata: { order_id: order.orderId, dispute_id: dispute.disputeId, part: returnParts[part] },
    });
  } catch (error) {
    if (!(error instanceof PaymentRefused)) throw error;
    moneyNeedsHuman('dispute-return-refused', { orderId: order.orderId, disputeId: dispute.disputeId, part, amountCents, currency: order.currency, error });
    return { refused: error.message };
  }
}
