/**
 * @module record-sale-refund
 * A merch refund takes back each racer's credit from that sale in proportion to the
 * refunded amount, as new reversal entries (the credits stay as they were). A racer already
 * paid out may go negative; later credits net it off. One transaction: the refund's own
 * record, the sale's running refunded total and every reversal land together, once.
 */
import { raceLobbyPath, type RaceLobby } from '../domain/race';
import { reversalsFor } from '../domain/commission';
import { saleKey, salePath, saleRefundPath, type RefundEvent } from '../domain/sale';
import { log } from '../log';
import { writeLedgerEntry, writePotChange, type RecordSaleDeps, type SaleRecord } from './record-sale';
import { scheduleRaceMessage } from './race-deps';

export type RefundOutcome = 'reversed' | 'recorded' | 'duplicate' | 'unknown-sale';

export async function recordSaleRefund(deps: RecordSaleDeps, refund: RefundEvent): Promise<RefundOutcome> {
  const refundKey = saleKey(refund.shop, refund.refundId);
  // The lobby's title and start never change once racing; read outside the transaction,
  // so a refund does not contend with whatever writes the lobby.
  const known = await deps.store.get<SaleRecord>(salePath(refund.shop, refund.saleId));
  const lobby = known?.attributedTo === 'race' && known.lobbyId ? await deps.store.get<RaceLobby>(raceLobbyPath(known.lobbyId)) : undefined;
  const outcome = await deps.store.runTransaction(async (tx): Promise<{ outcome: RefundOutcome; lobbyId?: string }> => {
    if (await tx.get(saleRefundPath(refund.shop, refund.refundId))) return { outcome: 'duplicate' };
    const sale = await tx.get<SaleRecord>(salePath(refund.shop, refund.saleId));
    if (!sale) return { outcome: 'unknown-sale' };

    const total = Math.min(sale.amountCents, refund.totalRefundedCents ?? sale.refundedCents + (refund.amountCents ?? 0));
    const sameCurrency = refund.currency.toLowerCase() === sale.currency;
    const reversals = lobby && sameCurrency && total > sale.refundedCents ? reversalsFor(sale.credits, sale.amountCents, sale.refundedCents, total).filter((r) => r.cents > 0) : [];
    const reversedCents = reversals.reduce((sum, r) => sum + r.cents, 0);
    const at = deps.clock.now().toISOString();

    tx.create(saleRefundPath(refund.shop, refund.refundId), { refundKey, saleKey: sale.saleKey, shop: refund.shop, eventId: refund.eventId, refundedAt: refund.refundedAt, totalRefundedCents: total, reversedCents, currency: refund.currency.toLowerCase(), recordedAt: at });
    if (total > sale.refundedCents) tx.update(salePath(refund.shop, refund.saleId), { refundedCents: total, reversedCents: sale.reversedCents + reversedCents });
    if (!sameCurrency) log.warn('refund in another currency than its sale: recorded, nothing reversed', { saleKey: sale.saleKey, refundKey });
    if (!lobby || reversals.length === 0) return { outcome: 'recorded' };

    for (const part of reversals) {
      writeLedgerEntry(tx, { entryId: `${refundKey}-reversal-${part.racerId}`, guildId: sale.guildId, racerId: part.racerId, kind: 'reversal', amountCents: -part.cents, currency: sale.currency, at, lobbyId: lobby.lobbyId, saleKey: sale.saleKey, refundKey }, {
        race: { lobbyId: lobby.lobbyId, title: lobby.title, startedAt: lobby.windowOpenedAt as string },
      });
    }
    writePotChange(tx, lobby.lobbyId, refundKey, -reversedCents, 0, reversals.map((r) => ({ racerId: r.racerId, cents: -r.cents })));
    return { outcome: 'reversed', lobbyId: lobby.lobbyId };
  });
  if (outcome.outcome === 'unknown-sale') log.info('refund of a sale never recorded (made before the shop was connected?): nothing to reverse', { shop: refund.shop, saleId: refund.saleId, refundKey });
  if (outcome.lobbyId) await scheduleRaceMessage(deps, outcome.lobbyId);
  return outcome.outcome;
}
