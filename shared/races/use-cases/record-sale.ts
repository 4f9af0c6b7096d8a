/**
 * @module record-sale
 * A merch sale from any shop feeds the race window open in its guild at the moment it was
 * paid: the pool is the guild's rate of the sale, split evenly among the racers. The sale's
 * record is created in the same transaction as every racer's credit in the journal and the sale's
 * unfolded credits (a document of its own, folded into the wallets and the pot at most once
 * a second, so a burst of sales writes no shared document: sale-fold), and the
 * transaction fails whole if the record exists: a sale delivered twice,
 * or by two retries at once, is credited once. A sale outside any window is house revenue;
 * one in another currency than the window's is recorded and reported, never converted.
 */
import type { DocumentStore } from '../../ports';
import { commissionPool, splitCommission } from '../rules/commission';
import { raceLobbiesCollection, type RaceLobby } from '../rules/race';
import { saleCurrencyMismatch } from '../rules/race-messages';
import { salePath, type SaleAttribution, type SaleEvent, type SaleRecord } from '../rules/sale';
import { log } from '../../log';
import { loadRaceSettings } from './race-settings';
import { scheduleRaceMessage } from './race-tasks';
import type { RecordSaleDeps } from './race-deps';
import { amountStep, runOnce } from '../../common';
import { sendDmIfOpen } from '../../discord';
import { applyRefund } from './record-sale-refund';
import { writeRaceSaleCredits } from './race-ledger';
import type { UnfoldedSale } from '../rules/sale-fold';
import { saleCreditEntryId, type RacerLine } from '../rules/wallet';
import { withJournalAppends, type JournalWrites } from '../../journal';
import { saleEntry } from '../rules/race-journal';
import { refundWaitKey, saleKey, type RefundEvent, type SaleRefundRecord, takeWaitingRefunds } from '../../payments';

export type SaleOutcome = { attributedTo: SaleAttribution; duplicate: boolean; record: SaleRecord };

export async function recordSale(deps: RecordSaleDeps, sale: SaleEvent): Promise<SaleOutcome> {
  const paidAt = new Date(sale.paidAt).toISOString();
  const settings = await loadRaceSettings(deps, sale.guildId);
  const isMerch = sale.shop !== 'kofi' || settings.kofiTypes.includes(sale.kofiType ?? '');
  const window = isMerch ? await windowAt(deps.store, sale.guildId, paidAt) : undefined;
  const fresh = saleRecord(deps, { ...sale, paidAt }, isMerch, window);
  const waitKey = refundWaitKey(sale.shop, sale.saleId, sale.paymentIntentId);

  // One transaction: the sale's record, every credit, and any refund that came first. Both
  // this and the refund read the other's document, so one of two racing them retries.
  const outcome = await deps.store.runTransaction(async (tx): Promise<SaleOutcome> => {
    const stored = await tx.get(salePath(sale.shop, sale.saleId));
    if (stored) return { attributedTo: stored.attributedTo, duplicate: true, record: stored };
    const waiting = await takeWaitingRefunds(tx, waitKey);
    const at = deps.clock.now().toISOString();
    const records = new Map<RefundEvent, SaleRefundRecord>();
    const record = await withJournalAppends(tx, (writes) => {
      if (window && fresh.attributedTo === 'race') creditRacers(writes, fresh, window, at);
      let record = fresh;
      for (const refund of waiting.refunds) {
        const applied = applyRefund(
          writes,
          record,
          record.attributedTo === 'race' ? window : undefined,
          { ...refund, guildId: record.guildId, saleId: record.saleId },
          at,
        );
        records.set(refund, applied.record);
        record = { ...record, refundedCents: applied.refundedCents, reversedCents: record.reversedCents + applied.reversedCents };
      }
      writes.create(salePath(sale.shop, sale.saleId), record);
      // The sale's money in, in the journal: refunds applied above moved it back out from there.
      writes.append(saleEntry(fresh));
      return record;
    });
    waiting.settle(tx, (refund) => records.get(refund) ?? {});
    return { attributedTo: record.attributedTo, duplicate: false, record };
  });
  await reportSale(deps, outcome.record, window);
  return outcome;
}

/** The window whose open time is the latest at or before `paidAt`, if it was still open then. */
async function windowAt(store: DocumentStore, guildId: string, paidAt: string): Promise<RaceLobby | undefined> {
  const [latest] = await store.query(raceLobbiesCollection, {
    where: [
      ['guildId', '==', guildId],
      ['windowOpenedAt', '<=', paidAt],
    ],
    orderBy: [['windowOpenedAt', 'desc']],
    limit: 1,
  });
  const lobby = latest?.data;
  if (!lobby) return undefined;
  const closed = lobby.windowClosedAt ?? lobby.closesBy;
  return closed === undefined || paidAt < closed ? lobby : undefined;
}

function saleRecord(deps: RecordSaleDeps, sale: SaleEvent, isMerch: boolean, window: RaceLobby | undefined): SaleRecord {
  const key = saleKey(sale.shop, sale.saleId);
  const base = {
    saleKey: key,
    shop: sale.shop,
    saleId: sale.saleId,
    guildId: sale.guildId,
    amountCents: sale.amountCents,
    currency: sale.currency.toLowerCase(),
    paidAt: sale.paidAt,
    description: sale.description,
    eventId: sale.eventId,
    recordedAt: deps.clock.now().toISOString(),
    poolCents: 0,
    credits: [],
    refundedCents: 0,
    reversedCents: 0,
    ...(sale.paymentIntentId ? { paymentIntentId: sale.paymentIntentId } : {}),
    ...(sale.chargeId ? { chargeId: sale.chargeId } : {}),
  };
  if (!isMerch) return { ...base, attributedTo: 'not-merch' };
  if (!window) return { ...base, attributedTo: 'house' };
  const inWindow = { lobbyId: window.lobbyId, commissionBps: window.commissionBps as number };
  if (base.currency !== window.currency) return { ...base, ...inWindow, attributedTo: 'currency-mismatch' };
  // In the currency's steps (tens of fils for a three-decimal one): each part is an amount Stripe and a payout can move.
  const step = amountStep(base.currency);
  const poolCents = commissionPool(sale.amountCents, inWindow.commissionBps, step);
  const credits = splitCommission(
    poolCents,
    window.racers.map((r) => r.userId),
    key,
    step,
  );
  return { ...base, ...inWindow, attributedTo: 'race', poolCents, credits };
}

function creditRacers(writes: JournalWrites, record: SaleRecord, window: RaceLobby, at: string): void {
  const moves = record.credits.filter((part) => part.cents > 0);
  const entries = moves.map((part): RacerLine => ({
    entryId: saleCreditEntryId(record.saleKey, record.credits.indexOf(part)),
    guildId: record.guildId,
    racerId: part.racerId,
    kind: 'credit',
    amountCents: part.cents,
    currency: record.currency,
    at,
    lobbyId: window.lobbyId,
    saleKey: record.saleKey,
  }));
  const sale: UnfoldedSale = {
    saleKey: record.saleKey,
    lobbyId: window.lobbyId,
    guildId: record.guildId,
    currency: record.currency,
    poolCents: record.poolCents,
    credits: moves,
    racerIds: moves.map((part) => part.racerId),
    recordedAt: at,
  };
  writeRaceSaleCredits(writes, sale, entries);
}

/** The pot changed: the lobby message shows it within a second. A mismatch is told to the host. */
async function reportSale(deps: RecordSaleDeps, record: SaleRecord, window: RaceLobby | undefined): Promise<void> {
  if (record.attributedTo === 'race' && record.lobbyId) await scheduleRaceMessage(deps, record.lobbyId);
  if (record.attributedTo === 'currency-mismatch' && window) {
    log.warn('sale in another currency than its race window: recorded, not split', {
      saleKey: record.saleKey,
      lobbyId: window.lobbyId,
      currency: record.currency,
      windowCurrency: window.currency,
    });
    // Once per sale, however many deliveries of it arrive (Stripe may send it under two event ids).
    await runOnce(
      deps.store,
      `sale-reported:${record.saleKey}`,
      async () => void (await sendDmIfOpen(deps.discord, window.hostId, saleCurrencyMismatch(record, window))),
      { clock: deps.clock },
    );
  }
}
