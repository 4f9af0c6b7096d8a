/**
 * @module record-sale-refund
 * A merch refund takes back each racer's credit from that sale in proportion to the
 * refunded amount, as new reversal entries (the credits stay as they were). A racer already
 * paid out may go negative; later credits net it off. One transaction: the refund's own
 * record, the sale's running refunded total and every reversal land together, once.
 * A refund that arrives before its sale waits for it (`waitingRefunds/`), and the sale
 * applies it in the transaction that records it: the order of deliveries never decides.
 */
import { amountStep } from '../../common';
import { raceLobbyPath, type RaceLobby } from '../rules/race';
import { reversalsFor, type RacerPart } from '../rules/commission';
import { salePath, type SaleRecord } from '../rules/sale';
import { log } from '../../log';
import { writeLedgerEntry, writePotChange } from './race-ledger';
import { scheduleRaceMessage } from './race-tasks';
import { refundWaitKey, saleKey, saleRefundPath, type RefundEvent, type SaleRefundRecord, waitForPayment, type PaymentArrived } from '../../payments';
import type { RecordSaleDeps } from './race-deps';
import { withJournalAppends, type JournalWrites } from '../../journal';
import { saleRefundEntry } from '../rules/race-journal';
import { refundReversalEntryId } from '../rules/wallet';

export type RefundOutcome = 'reversed' | 'recorded' | 'duplicate' | 'waiting' | 'payment-arrived';

export async function recordSaleRefund(
  deps: RecordSaleDeps,
  refund: RefundEvent,
  paymentIntentId?: string,
  paymentArrived?: PaymentArrived,
): Promise<RefundOutcome> {
  // The sale's lobby, whose pot and racers' earnings in it the reversals move: read outside the
  // transaction, so a refund does not contend with whatever writes the lobby.
  const known = await deps.store.get(salePath(refund.shop, refund.saleId));
  const lobby = known?.attributedTo === 'race' && known.lobbyId ? await deps.store.get(raceLobbyPath(known.lobbyId)) : undefined;
  const waitKey = refundWaitKey(refund.shop, refund.saleId, paymentIntentId);
  const outcome = await deps.store.runTransaction(async (tx): Promise<{ outcome: RefundOutcome; lobbyId?: string }> => {
    if (await tx.get(saleRefundPath(refund.shop, refund.refundId))) return { outcome: 'duplicate' };
    const sale = await tx.get(salePath(refund.shop, refund.saleId));
    if (!sale) {
      if (paymentArrived && (await paymentArrived(tx))) return { outcome: 'payment-arrived' };
      waitForPayment(tx, refund, waitKey, deps.clock.now().toISOString());
      return { outcome: 'waiting' };
    }
    const applied = await withJournalAppends(tx, (writes) => {
      const applied = applyRefund(writes, sale, sale.lobbyId === lobby?.lobbyId ? lobby : undefined, refund, deps.clock.now().toISOString());
      writes.create(saleRefundPath(refund.shop, refund.refundId), applied.record);
      if (applied.refundedCents > sale.refundedCents)
        writes.update(salePath(refund.shop, refund.saleId), {
          refundedCents: applied.refundedCents,
          reversedCents: sale.reversedCents + applied.reversedCents,
        });
      return applied;
    });
    return applied.reversedCents > 0 && lobby ? { outcome: 'reversed', lobbyId: lobby.lobbyId } : { outcome: 'recorded' };
  });
  if (outcome.outcome === 'waiting')
    log.info('refund of a sale not recorded yet: kept until the sale arrives', { shop: refund.shop, saleId: refund.saleId, refundId: refund.refundId });
  if (outcome.lobbyId) await scheduleRaceMessage(deps, outcome.lobbyId);
  return outcome.outcome;
}

/** What one refund does to a sale: the running refunded total, the reversals, and the refund's own record. */
export interface AppliedRefund {
  refundedCents: number;
  reversedCents: number;
  record: SaleRefundRecord;
}

/**
 * Stages one refund of `sale` (which has `sale.refundedCents` refunded so far): reversal
 * entries for the racers of `lobby` (the sale's race, if any) in proportion to what is newly
 * refunded, and the lobby's pot. Nothing is reversed in another currency than the sale's.
 */
export function applyRefund(writes: JournalWrites, sale: SaleRecord, lobby: RaceLobby | undefined, refund: RefundEvent, at: string): AppliedRefund {
  const refundKey = saleKey(refund.shop, refund.refundId);
  const total = Math.min(sale.amountCents, refund.totalRefundedCents ?? sale.refundedCents + (refund.amountCents ?? 0));
  const sameCurrency = refund.currency.toLowerCase() === sale.currency;
  const reversals: RacerPart[] =
    lobby && sameCurrency && total > sale.refundedCents
      ? reversalsFor(sale.credits, sale.amountCents, sale.refundedCents, total, amountStep(sale.currency)).filter((r) => r.cents > 0)
      : [];
  const reversedCents = reversals.reduce((sum, r) => sum + r.cents, 0);
  if (!sameCurrency) log.warn('refund in another currency than its sale: recorded, nothing reversed', { saleKey: sale.saleKey, refundKey });
  if (lobby && reversals.length > 0) {
    for (const part of reversals) {
      writeLedgerEntry(writes, {
        entryId: refundReversalEntryId(
          refundKey,
          sale.credits.findIndex((credit) => credit.racerId === part.racerId),
        ),
        guildId: sale.guildId,
        racerId: part.racerId,
        kind: 'reversal',
        amountCents: -part.cents,
        currency: sale.currency,
        at,
        lobbyId: lobby.lobbyId,
        saleKey: sale.saleKey,
        refundKey,
      });
    }
    writePotChange(
      writes,
      lobby.lobbyId,
      refundKey,
      -reversedCents,
      0,
      reversals.map((r) => ({ racerId: r.racerId, cents: -r.cents })),
    );
  }
  const refundedCents = Math.max(sale.refundedCents, total);
  // The money back to the buyer, in the journal: only what is read in the sale's own currency.
  if (sameCurrency) writes.append(saleRefundEntry(sale, sale.refundedCents, refundedCents, at));
  return {
    refundedCents,
    reversedCents,
    record: {
      refundKey,
      saleKey: sale.saleKey,
      shop: refund.shop,
      eventId: refund.eventId,
      refundedAt: refund.refundedAt,
      totalRefundedCents: total,
      reversedCents,
      currency: refund.currency.toLowerCase(),
      recordedAt: at,
      waiting: false,
    },
  };
}
