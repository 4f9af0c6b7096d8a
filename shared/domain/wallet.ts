/**
 * @module wallet
 * A racer's earnings in one guild. The ledger (`raceLedger/<id>`) is the record: entries
 * are never edited; credits, reversals and payouts are new entries. The wallet
 * (`wallets/<guild>-<racer>`) keeps the balances with atomic increments written in the
 * same commit as each entry, so it always equals the sum of the ledger.
 */

export const ledgerKinds = ['credit', 'reversal', 'payout', 'payout-reversal'] as const;
export type LedgerKind = (typeof ledgerKinds)[number];

export interface LedgerEntry {
  [field: string]: unknown;
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
  [field: string]: unknown;
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
  /** Lobby id -> what this racer earned in it. */
  races?: Record<string, RaceEarning>;
}

export const walletPath = (guildId: string, racerId: string) => `wallets/${guildId}-${racerId}`;
export const ledgerPath = (entryId: string) => `raceLedger/${entryId}`;

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
export function balancesOf(entries: ReadonlyArray<Pick<LedgerEntry, 'kind' | 'amountCents'>>): { pendingCents: number; paidCents: number; earnedCents: number } {
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
  [field: string]: unknown;
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

export const payoutPath = (payoutId: string) => `payouts/${payoutId}`;
