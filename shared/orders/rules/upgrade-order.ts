/**
 * @module upgrade-order
 * Orders stored before each party's payout had a record of its own kept the builder's and
 * the host's fields side by side (`transferId` and `hostTransferId`, …), and a dispute its
 * parties' the same way. They are read in today's shape: every read of `orders/<id>` goes
 * through `upgradeOrder` (see `ordersCollection`), and every write goes to the new fields,
 * which win over any old one still stored beside them. This is the only place the old
 * names are known.
 *
 * The money counters an order kept before the journal (issue 60) are left out of what is
 * read: what was refunded, sent and reversed is the journal's fold now, and a stale number
 * read beside it would be a second answer.
 */
import type { DisputedPart, OrderDispute } from './order-dispute';
import type { Order, PartyPayout } from './order';

/** The payout fields as they were stored flat on the order, the builder's under one name and the host's under another. */
interface FlatPayouts {
  releasing?: PartyPayout['releasing'];
  transferId?: string;
  releasedAt?: string;
  releasedCents?: number;
  refundCoveredCents?: number;
  reversedCents?: number;
  builderDebtCents?: number;
  hostPayout?: PartyPayout['via'];
  hostReleasing?: PartyPayout['releasing'];
  hostTransferId?: string;
  hostReleasedAt?: string;
  hostReleasedCents?: number;
  hostRefundCoveredCents?: number;
  hostReversedCents?: number;
  hostDebtCents?: number;
}

/** A dispute's parties' fields as they were stored flat. */
interface FlatDispute {
  builderReversedCents?: number;
  builderDebtCents?: number;
  hostReversedCents?: number;
  hostDebtCents?: number;
  returnTransferId?: string;
  hostReturnTransferId?: string;
  returnReversedCents?: number;
  hostReturnReversedCents?: number;
}

/** An order as it may be stored: in today's shape, the old flat one, or (written to since) both. */
export type StoredOrder = Omit<Order, 'payouts' | 'dispute'> & FlatPayouts & { payouts?: Partial<Order['payouts']>; dispute?: OrderDispute & FlatDispute };

const flatFields = [
  'releasing',
  'transferId',
  'releasedAt',
  'releasedCents',
  'refundCoveredCents',
  'reversedCents',
  'builderDebtCents',
  'hostPayout',
  'hostReleasing',
  'hostTransferId',
  'hostReleasedAt',
  'hostReleasedCents',
  'hostRefundCoveredCents',
  'hostReversedCents',
  'hostDebtCents',
] as const satisfies ReadonlyArray<keyof FlatPayouts>;

const flatDisputeFields = [
  'builderReversedCents',
  'builderDebtCents',
  'hostReversedCents',
  'hostDebtCents',
  'returnTransferId',
  'hostReturnTransferId',
  'returnReversedCents',
  'hostReturnReversedCents',
] as const satisfies ReadonlyArray<keyof FlatDispute>;

/** Counters retired for the journal's folds: on the order, on each party's payout, on each side of its dispute, on a commission's tranches. */
const retired = {
  order: ['amountRefundedCents'],
  payout: ['releasedCents', 'reversedCents', 'nettedCents', 'debtCents'],
  disputedPart: ['returnReversedCents', 'reversedCents', 'debtCents', 'settledCents', 'heldTakenCents'],
  advance: ['reversedCents', 'disputeReversedCents'],
} as const;

const without = <T extends object>(record: T, fields: readonly string[]): T => {
  const kept: Record<string, unknown> = { ...(record as Record<string, unknown>) };
  for (const field of fields) delete kept[field];
  return kept as T;
};

/** The stored order in today's shape, with the same money: a field written since in the new shape wins over its old twin. */
export function upgradeOrder(stored: StoredOrder): Order {
  const rest: Record<string, unknown> = { ...stored };
  for (const field of [...flatFields, ...retired.order]) delete rest[field];
  const builder = without({ ...defined(builderOf(stored)), ...stored.payouts?.builder }, retired.payout);
  const host = without({ ...defined(hostOf(stored)), ...stored.payouts?.host }, retired.payout);
  const payouts = { builder, ...(Object.keys(host).length > 0 ? { host } : {}) };
  const commission = stored.commission?.advances
    ? { commission: { ...stored.commission, advances: stored.commission.advances.map((a) => without(a, retired.advance)) } }
    : {};
  return { ...(rest as Omit<Order, 'payouts'>), payouts, ...(stored.dispute ? { dispute: upgradeDispute(stored.dispute) } : {}), ...commission };
}

function builderOf(old: FlatPayouts): PartyPayout {
  return {
    releasing: old.releasing,
    transferId: old.transferId,
    releasedAt: old.releasedAt,
    refundCoveredCents: old.refundCoveredCents,
  };
}

function hostOf(old: FlatPayouts): PartyPayout {
  return {
    releasing: old.hostReleasing,
    transferId: old.hostTransferId,
    releasedAt: old.hostReleasedAt,
    refundCoveredCents: old.hostRefundCoveredCents,
    via: old.hostPayout,
  };
}

function upgradeDispute(stored: OrderDispute & FlatDispute): OrderDispute {
  const rest: Record<string, unknown> = { ...stored };
  for (const field of flatDisputeFields) delete rest[field];
  const builder: DisputedPart = without(
    {
      ...defined({ returnTransferId: stored.returnTransferId }),
      ...stored.parts?.builder,
    },
    retired.disputedPart,
  );
  const host: DisputedPart = without(
    {
      ...defined({ returnTransferId: stored.hostReturnTransferId }),
      ...stored.parts?.host,
    },
    retired.disputedPart,
  );
  const parts = { ...(Object.keys(builder).length > 0 ? { builder } : {}), ...(Object.keys(host).length > 0 ? { host } : {}) };
  return { ...(rest as unknown as OrderDispute), ...(Object.keys(parts).length > 0 ? { parts } : {}) };
}

/** The fields that hold a value: an old order never had the absent ones, and gets none. */
function defined<T extends object>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as Partial<T>;
}
