/**
 * @module wallet
 * A racer's earnings in one guild. The journal is the record (issue 75: the only ledger): each
 * credit, reversal and payout is one entry moving the racer's `racer-payable` account, and every
 * figure of the wallet (pending, paid, earned, what each race earned) is its fold. The wallet's
 * shards (`wallets/<guild>-<racer>/shards/<n>`) keep a copy of the three balances with atomic
 * increments written in the same commit as each entry, held equal to the fold by a property
 * test, and the racer's name; every sale in a race credits every racer, so a wallet is as hot as
 * the pot, and its increments go to the shard the entry's id picks.
 */
import { collectionPath, docPath } from '../../ports';

export const ledgerKinds = ['credit', 'reversal', 'payout', 'payout-reversal'] as const;
export type LedgerKind = (typeof ledgerKinds)[number];

/**
 * One move of a racer's earnings, as it is written to the journal (race-journal's `racerEntry`)
 * and read back from it (`racerLineOf`): no document of its own.
 */
export interface RacerLine {
  /** Its id in the race's words (`<sale key>-credit-<seat>`, `payout-<payout id>`); the journal's is `race-ledger:<this>`. */
  entryId: string;
  guildId: string;
  racerId: string;
  kind: LedgerKind;
  /** What the entry does to the pending balance: credits add, reversals and payouts take away. */
  amountCents: number;
  currency: string;
  at: string;
  lobbyId?: string;
  saleKey?: string;
  refundKey?: string;
  payoutId?: string;
}

export interface RaceEarning {
  title: string;
  startedAt: string;
  earnedCents: number;
}

export interface Wallet {
  guildId: string;
  racerId: string;
  racerName?: string;
  currency: string;
  /** Earned and not yet paid out; may go below zero when a refund follows a payout. */
  pendingCents: number;
  /** Everything paid out, for good. */
  paidCents: number;
  /** Credits less reversals, over every race. */
  earnedCents: number;
  /**
   * Lobby id -> what this racer earned in it, folded from the journal when the wallet is read
   * (never stored: a shard written before issue 75 may still hold an old copy, which no reader
   * takes). Earnings whose entries name no lobby are under the journal's `earlierRaces`.
   */
  races?: Record<string, RaceEarning>;
}

export const walletShardCount = 16;
/** Each shard holds a part of the wallet's balances, in the wallet's own shape. */
export const walletShardsPath = (guildId: string, racerId: string) => collectionPath<Wallet>(`wallets/${guildId}-${racerId}/shards`);
export const walletShardPath = (guildId: string, racerId: string, shard: number) => docPath<Wallet>(`${walletShardsPath(guildId, racerId)}/${shard}`);

/** The balances the shards hold, summed (undefined when it has none yet): the copy the fold is held to. */
export function sumWallet(shards: ReadonlyArray<Wallet | undefined>): Wallet | undefined {
  let wallet: Wallet | undefined;
  for (const shard of shards) {
    if (!shard) continue;
    if (!wallet) {
      wallet = { guildId: shard.guildId, racerId: shard.racerId, currency: shard.currency, pendingCents: 0, paidCents: 0, earnedCents: 0 };
    }
    wallet.pendingCents += shard.pendingCents ?? 0;
    wallet.paidCents += shard.paidCents ?? 0;
    wallet.earnedCents += shard.earnedCents ?? 0;
    if (shard.racerName) wallet.racerName = shard.racerName;
  }
  return wallet;
}

/**
 * A sale's credit to one racer, and a refund's reversal of it, named by the racer's seat in the
 * sale's split (its `credits`), never their id: the ids outlive an erasure (the journal keeps
 * `race-ledger:<entry id>` for the payment record's years), and a seat names nobody.
 */
export const saleCreditEntryId = (saleKey: string, seat: number): string => `${saleKey}-credit-${seat}`;
export const refundReversalEntryId = (refundKey: string, seat: number): string => `${refundKey}-reversal-${seat}`;

/** How each kind moves the wallet's three balances. */
export function walletDelta(kind: LedgerKind, amountCents: number): { pendingCents: number; paidCents: number; earnedCents: number } {
  switch (kind) {
    case 'credit':
    case 'reversal':
      return { pendingCents: amountCents, paidCents: 0, earnedCents: amountCents };
    case 'payout':
    case 'payout-reversal':
      return { pendingCents: amountCents, paidCents: -amountCents, earnedCents: 0 };
  }
}

/** The balances a ledger adds up to: what the wallet must equal. */
export function balancesOf(entries: ReadonlyArray<Pick<RacerLine, 'kind' | 'amountCents'>>): {
  pendingCents: number;
  paidCents: number;
  earnedCents: number;
} {
  const sum = { pendingCents: 0, paidCents: 0, earnedCents: 0 };
  for (const e of entries) {
    const d = walletDelta(e.kind, e.amountCents);
    sum.pendingCents += d.pendingCents;
    sum.paidCents += d.paidCents;
    sum.earnedCents += d.earnedCents;
  }
  return sum;
}

/** A payout from `/payout` (`payouts/<id>`), and how the money moved. */
export interface Payout {
  payoutId: string;
  guildId: string;
  racerId: string;
  amountCents: number;
  currency: string;
  paidBy: string;
  at: string;
  /** `stripe`: a Transfer to the racer's connected account; `by-hand`: gift card, store credit, cash. */
  method: 'stripe' | 'by-hand';
  status: 'recorded' | 'sent' | 'failed';
  note?: string;
  transferId?: string;
  failure?: string;
}

export const payoutsCollection = collectionPath<Payout>('payouts');
export const payoutPath = (payoutId: string) => docPath<Payout>(`${payoutsCollection}/${payoutId}`);
