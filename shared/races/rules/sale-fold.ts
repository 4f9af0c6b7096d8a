/**
 * @module sale-fold
 * A race's sales land as documents of their own (`unfoldedSales/<sale key>`, created once
 * in the sale's transaction), and a fold adds a batch of them into each racer's wallet and
 * the pot in one write a document. Firestore sustains about one write a second on one
 * document: a fold runs at most once in each whole second of the clock a race, half a
 * second after the last at least (so the message task, which runs at each whole second,
 * folds every second, whatever the delay before it runs), and takes only sales at least a second old, so no document (the sale's
 * own, a shard, the fold's record) is written twice in one second however many sales a
 * second arrive. Until folded, a sale is read as a tail beside the folded totals, so every
 * balance is exact at any moment.
 */
import { collectionPath, docPath } from '../../ports';
import type { RacerPart } from './commission';
import type { PotShard } from './race';
import type { Wallet } from './wallet';

/** A sale credited to a race whose increments are not yet in the wallets and the pot. */
export interface UnfoldedSale {
  saleKey: string;
  lobbyId: string;
  guildId: string;
  currency: string;
  poolCents: number;
  /** Each racer's part (zero parts left out), in the sale's split. */
  credits: RacerPart[];
  /** The racers credited, for the wallet's array-contains read of its tail. */
  racerIds: string[];
  /** When the sale's transaction ran (ISO): a fold takes it a second later. */
  recordedAt: string;
}

/** When a race last folded: the lease that keeps folds a second apart. */
export interface SaleFold {
  lobbyId: string;
  foldedAt: string;
  folds: number;
}

export const unfoldedSalesCollection = collectionPath<UnfoldedSale>('unfoldedSales');
export const unfoldedSalePath = (saleKey: string) => docPath<UnfoldedSale>(`${unfoldedSalesCollection}/${saleKey}`);
export const saleFoldPath = (lobbyId: string) => docPath<SaleFold>(`saleFolds/${lobbyId}`);

/** One document is written at most once in this long. */
export const foldSpacingMs = 1_000;
/** Sales one fold takes at most: its commit stays far inside Firestore's size limits; the rest wait a second. */
export const foldBatchLimit = 400;

/**
 * A fold may run in a later whole second than the last one, and half a second after it at
 * least (or when there was none). Not "a second after the last": the message task runs at
 * each whole second after a delay that varies, and a fold held to the millisecond skipped
 * every second whose task ran a little earlier in its second than the last one did. The
 * half second keeps two folds' commits apart when the first took a while to commit.
 */
export function foldIsDue(last: SaleFold | undefined, nowMs: number): boolean {
  if (!last) return true;
  const lastMs = Date.parse(last.foldedAt);
  return Math.floor(nowMs / foldSpacingMs) > Math.floor(lastMs / foldSpacingMs) && nowMs - lastMs >= foldSpacingMs / 2;
}

/** The newest `recordedAt` a fold at `nowMs` takes: sales a second old or older. */
export function ripeBefore(nowMs: number): string {
  return new Date(nowMs - foldSpacingMs).toISOString();
}

/** The sales a fold takes now: those a second old, oldest first, at most a batch. */
export function salesRipeToFold(sales: readonly UnfoldedSale[], nowMs: number): UnfoldedSale[] {
  const newest = ripeBefore(nowMs);
  return sales
    .filter((sale) => sale.recordedAt <= newest)
    .sort((a, b) => (a.recordedAt < b.recordedAt ? -1 : a.recordedAt > b.recordedAt ? 1 : a.saleKey < b.saleKey ? -1 : 1))
    .slice(0, foldBatchLimit);
}

/** What some sales add to a race's pot: the pool, the count and each racer's share. */
export function potOfSales(lobbyId: string, sales: readonly UnfoldedSale[]): PotShard {
  const shares: Record<string, number> = {};
  let poolCents = 0;
  for (const sale of sales) {
    poolCents += sale.poolCents;
    for (const part of sale.credits) shares[part.racerId] = (shares[part.racerId] ?? 0) + part.cents;
  }
  return { lobbyId, poolCents, salesCount: sales.length, shares };
}

/** What a racer's unfolded credits add to their wallet's shards in one guild, in the shape of a shard. */
export function walletTail(guildId: string, racerId: string, sales: readonly UnfoldedSale[]): Wallet | undefined {
  let tail: Wallet | undefined;
  for (const sale of sales) {
    const cents = sale.guildId === guildId ? (sale.credits.find((part) => part.racerId === racerId)?.cents ?? 0) : 0;
    if (cents === 0) continue;
    tail ??= { guildId, racerId, currency: sale.currency, pendingCents: 0, paidCents: 0, earnedCents: 0 };
    tail.pendingCents += cents;
    tail.earnedCents += cents;
  }
  return tail;
}
