/**
 * @module release-host-cut
 * At the release of a show lot, after the builder's transfer: the host's cut (less its
 * part of any refund made by then) goes to the host's Connect account from the same
 * charge, keyed by the order so it happens once. A host who cannot be paid through Stripe
 * (no account that takes transfers, or Stripe refuses the transfer) is owed the cut by
 * hand instead, recorded once. The builder's and the host's transfers and the platform's
 * fee add up to what the charge kept for the lot, to the cent. The host hears of it once.
 */
import { JournalRead, withJournal, withRefunds } from '../../journal';
import { releasePendingEntry, releasePosted, releaseVoided } from '../rules/release-pending';
import { transferEntry } from '../../orders';
import type { Clock, DiscordMessenger, DocumentStore, Payments } from '../../ports';
import { type Order, type ReleaseIntent, applyOrderFact } from '../../orders';
import { orderPath } from '../../orders';
import { disputedParts, releaseHold } from '../rules/dispute-rules';
import { builderPath, canSell } from '../../onboarding';
import { cutOwedEntry, hostCutKey, hostPayoutPath, type HostPayout } from '../rules/host-payout';
import { hostReleasableCents } from '../../orders';
import { PaymentRefused } from '../../errors';
import { moneyNeedsHuman } from '../../money-needs-human';
import { planNetting } from '../../debts';
import { tellOnce } from '../../discord';
import { reverseShares } from './reverse-shares';
import { hostCutDm } from '../rules/order-messages';
import { personPseudonym } from '../../log';

export interface ReleaseHostCutDeps {
  store: DocumentStore;
  discord: DiscordMessenger;
  payments: Payments;
  clock: Clock;
}

type Paid = { kind: 'transfer'; transferId: string } | { kind: 'manual'; reason: HostPayout['reason']; detail?: string } | { kind: 'none' };

/** A host's cut not yet sent, owed or found to be nothing: the release is not finished until it is. */
export function hostCutPending(order: Pick<Order, 'hostCutCents' | 'hostId' | 'payouts'>): boolean {
  return (order.hostCutCents ?? 0) > 0 && order.hostId !== undefined && order.payouts.host?.via === undefined;
}

export async function releaseHostCut(deps: ReleaseHostCutDeps, orderId: string): Promise<void> {
  const stored = await deps.store.get(orderPath(orderId));
  const order = stored && (await withRefunds(deps.store, stored));
  // A dispute holds the cut as it holds the builder's share (a won dispute releases both).
  if (!order || !hostCutPending(order) || !order.hostId || (releaseHold(order) && !order.payouts.host?.releasing)) return;
  if (!order.chargeId) throw new Error(`order ${orderId} cannot release the host’s cut: no charge`);
  const intent = await fixHostCut(deps.store, deps.clock, orderId);
  if (!intent) return;
  const amountCents = intent.amountCents;
  const host = await deps.store.get(builderPath(order.hostId));
  const paid =
    amountCents <= 0
      ? { kind: 'none' as const }
      : await transferOrOwe(deps, order, intent, host?.stripeAccountId && canSell(host) ? host.stripeAccountId : undefined);
  // Told before it is recorded: a crash in between finds the release pending again, and the DM already sent.
  if (paid.kind !== 'none') {
    const how = paid.kind === 'transfer' ? 'transfer' : paid.reason;
    await tellOnce(deps, `host-cut:${orderId}`, order.hostId, hostCutDm(order, amountCents, how));
  }

  const recorded = await deps.store.runTransaction(async (tx) => {
    const stored = await tx.get(orderPath(orderId));
    const payout = await tx.get(hostPayoutPath(orderId));
    if (!stored || stored.payouts.host?.via !== undefined) return undefined;
    // The order's journal, read before the writes: the transfer's entry is appended against it.
    const { order: current, entries } = await withJournal(tx, stored);
    const read = JournalRead.ofOrders([orderId], entries);
    const releasedAt = deps.clock.now().toISOString();
    // The release in flight is settled with the fact: posted by the transfer's entry, or (a cut owed by hand) by the
    // entry that moves it to what is owed to the host, or voided when it sent nothing.
    const hostHead = { ...current, hostId: order.hostId as string };
    const settled =
      paid.kind === 'transfer'
        ? releasePosted(transferEntry(current, paid.transferId, amountCents, releasedAt, 'host'), intent.idempotencyKey)
        : paid.kind === 'manual' && amountCents > 0 && !payout
          ? releasePosted(cutOwedEntry(hostHead, 'release', amountCents, releasedAt), intent.idempotencyKey)
          : amountCents > 0
            ? releaseVoided(current, intent.idempotencyKey, releasedAt)
            : undefined;
    applyOrderFact(
      tx,
      current,
      {
        kind: 'released',
        party: 'host',
        via: paid.kind,
        at: releasedAt,
        coveredCents: intent.coveredCents,
        ...(paid.kind === 'transfer' ? { transferId: paid.transferId } : {}),
      },
      { read, entries: [settled] },
    );
    if (paid.kind === 'manual' && !payout)
      tx.create(hostPayoutPath(orderId), {
        orderId,
        showId: order.showId ?? '',
        guildId: order.guildId,
        hostId: order.hostId as string,
        hostName: order.hostName ?? (order.hostId as string),
        amountCents,
        currency: order.currency,
        status: 'owed',
        reason: paid.reason,
        ...(paid.detail ? { detail: paid.detail.slice(0, 500) } : {}),
        releasedCents: amountCents,
        createdAt: releasedAt,
      });
    return current;
  });
  // A refund that landed while the cut was sent is taken back (or owed less) now.
  if (recorded && recorded.refundedCents > intent.coveredCents) await reverseShares(deps, orderId, recorded.refundedCents);
}

/** The cut's amount, fixed once before Stripe is asked: a retry sends the very same under the same key. */
async function fixHostCut(store: DocumentStore, clock: Clock, orderId: string): Promise<ReleaseIntent | undefined> {
  return store.runTransaction(async (tx) => {
    const stored = await tx.get(orderPath(orderId));
    if (!stored || !hostCutPending(stored)) return undefined;
    if (stored.payouts.host?.releasing) return stored.payouts.host.releasing;
    const { order, entries } = await withJournal(tx, stored);
    const at = clock.now().toISOString();
    // The host's debt on the server is paid from the cut first, once under its key (sent or owed by hand alike).
    const netting = await planNetting(tx, {
      guildId: order.guildId,
      userId: order.hostId ?? '',
      releaseKey: hostCutKey(orderId),
      // A dispute lost before the release keeps the host's part of it too.
      dueCents: hostReleasableCents(order) - (order.dispute?.state === 'lost' ? disputedParts(order, order.dispute.amountCents).hostCents : 0),
      currency: order.currency,
      orderId,
      at,
    });
    const intent: ReleaseIntent = {
      idempotencyKey: hostCutKey(orderId),
      amountCents: netting.sendCents,
      coveredCents: order.refundedCents,
      ...(netting.nettedCents > 0 ? { nettedCents: netting.nettedCents } : {}),
    };
    netting.write();
    // Written ahead of Stripe with the fact: the cut in flight, reserved until the record posts or voids it.
    applyOrderFact(
      tx,
      order,
      { kind: 'release-fixed', party: 'host', intent },
      { read: JournalRead.ofOrders([orderId], entries), entries: [releasePendingEntry(order, intent.idempotencyKey, intent.amountCents, 'host', at)] },
    );
    return intent;
  });
}

/** A retry after a crash repeats the key: Stripe answers with the transfer it made, or the refusal it kept. */
async function transferOrOwe(deps: ReleaseHostCutDeps, order: Order, intent: ReleaseIntent, destination: string | undefined): Promise<Paid> {
  if (!destination) return { kind: 'manual', reason: 'no-account' };
  try {
    const { transferId } = await deps.payments.createTransfer({
      idempotencyKey: intent.idempotencyKey,
      amountCents: intent.amountCents,
      currency: order.currency,
      destination,
      sourceTransaction: order.chargeId as string,
      transferGroup: order.orderId,
      metadata: { order_id: order.orderId, host_pseudonym: order.hostId ? personPseudonym(order.hostId) : '', show_id: order.showId ?? '', part: 'host-cut' },
    });
    return { kind: 'transfer', transferId };
  } catch (error) {
    if (!(error instanceof PaymentRefused)) throw error;
    moneyNeedsHuman('host-transfer-refused', { orderId: order.orderId, amountCents: intent.amountCents, currency: order.currency, error });
    return { kind: 'manual', reason: 'refused', detail: error.message };
  }
}
