/**
 * Orders stored before each party's payout had its own record read in today's shape, with
 * the same money, from the store as from the function itself.
 */
import { LocalDocumentStore } from '../../local/firestore/document-store';
import { docPath } from '../../ports';
import { orderPath } from '../../orders';
import { upgradeOrder, type StoredOrder } from '../../orders';
import { anOrder } from '../../../test/support/orders';

const intent = { idempotencyKey: 'host-cut:o1', amountCents: 3_750, coveredCents: 0 };

// A show lot released to both, refunded in part since, with a dispute won back: as it was stored, flat.
const { payouts: _, ...base } = anOrder({ status: 'building', amountCents: 25_000, platformFeeCents: 2_500, hostCutCents: 3_750, builderShareCents: 18_750 });
const old = {
  ...base,
  releasing: null,
  transferId: 'tr_builder',
  releasedAt: '2026-11-23T12:00:00Z',
  releasedCents: 18_750,
  refundCoveredCents: 5_000,
  reversedCents: 3_750,
  builderDebtCents: 120,
  hostPayout: 'transfer',
  hostReleasing: intent,
  hostTransferId: 'tr_host',
  hostReleasedAt: '2026-11-23T12:00:01Z',
  hostReleasedCents: 3_750,
  hostRefundCoveredCents: 5_000,
  hostReversedCents: 750,
  hostDebtCents: 30,
  dispute: {
    disputeId: 'dp_1',
    state: 'won',
    amountCents: 20_000,
    reason: 'fraudulent',
    openedAt: '2026-11-24T00:00:00Z',
    takeBack: { builderCents: 15_000, hostCents: 3_000 },
    builderReversedCents: 14_000,
    builderDebtCents: 1_000,
    hostReversedCents: 3_000,
    hostDebtCents: 0,
    returning: { builderCents: 14_000, hostCents: 3_000 },
    returnTransferId: 'tr_back',
    hostReturnTransferId: 'tr_host_back',
    returnReversedCents: 200,
    hostReturnReversedCents: 40,
    returnedAt: '2026-11-25T00:00:00Z',
  },
} as const satisfies StoredOrder;

const upgraded = {
  ...base,
  payouts: {
    builder: {
      releasing: null,
      transferId: 'tr_builder',
      releasedAt: '2026-11-23T12:00:00Z',
      refundCoveredCents: 5_000,
    },
    host: {
      via: 'transfer',
      releasing: intent,
      transferId: 'tr_host',
      releasedAt: '2026-11-23T12:00:01Z',
      refundCoveredCents: 5_000,
    },
  },
  dispute: {
    disputeId: 'dp_1',
    state: 'won',
    amountCents: 20_000,
    reason: 'fraudulent',
    openedAt: '2026-11-24T00:00:00Z',
    takeBack: { builderCents: 15_000, hostCents: 3_000 },
    parts: {
      builder: { returnTransferId: 'tr_back' },
      host: { returnTransferId: 'tr_host_back' },
    },
    returning: { builderCents: 14_000, hostCents: 3_000 },
    returnedAt: '2026-11-25T00:00:00Z',
  },
};

describe('an order stored in the old flat shape', () => {
  it('GIVEN each party’s fields side by side THEN it reads with a payout record per party and the same money', () => {
    expect(upgradeOrder(old)).toEqual(upgraded);
  });

  it('GIVEN an order never released THEN it reads with an empty builder payout and no host one', () => {
    expect(upgradeOrder(base)).toEqual({ ...base, payouts: { builder: {} } });
  });

  it('GIVEN a field written since in the new shape THEN the new one wins over its old twin, and the rest stay', () => {
    const written = { ...old, payouts: { builder: { refundCoveredCents: 7_000 }, host: { releasing: null } } };
    const read = upgradeOrder(written);
    expect(read.payouts.builder).toEqual({ ...upgraded.payouts.builder, refundCoveredCents: 7_000 });
    expect(read.payouts.host).toEqual({ ...upgraded.payouts.host, releasing: null });
  });

  it('GIVEN the money counters an order kept before the journal THEN none of them is read: the journal’s folds are the money', () => {
    const counted = {
      ...upgraded,
      amountRefundedCents: 5_000,
      payouts: {
        builder: { ...upgraded.payouts.builder, releasedCents: 18_750, reversedCents: 3_750, nettedCents: 500, debtCents: 120 },
        host: { ...upgraded.payouts.host, releasedCents: 3_750 },
      },
      dispute: {
        ...upgraded.dispute,
        parts: {
          builder: { reversedCents: 14_000, debtCents: 1_000, settledCents: 500, returnTransferId: 'tr_back' },
          host: { reversedCents: 3_000, heldTakenCents: 40, returnTransferId: 'tr_host_back' },
        },
      },
    } as StoredOrder;
    expect(upgradeOrder(counted)).toEqual(upgraded);
  });

  it('GIVEN a commission’s tranches that counted their reversals THEN they read without them: what each holds is its transfer’s fold', () => {
    const tranche = { milestone: 'parts-in' as const, idempotencyKey: 'tranche:o1:parts-in', amountCents: 2_700, transferId: 'tr_1' };
    const commission = {
      terms: { slots: 1, leadWeeks: 4, oneAtATime: false, tranches: [] },
      advances: [{ ...tranche, reversedCents: 700, disputeReversedCents: 700 }],
    };
    expect(upgradeOrder({ ...upgraded, commission } as StoredOrder).commission?.advances).toStrictEqual([tranche]);
  });

  it('GIVEN an order already in today’s shape THEN it reads as it is', () => {
    expect(upgradeOrder(upgraded as StoredOrder)).toEqual(upgraded);
  });

  it('GIVEN a dispute stored before any money moved on it THEN it reads with no parts record at all, not an empty one', () => {
    const { parts: _parts, ...opened } = upgraded.dispute;
    const read = upgradeOrder({ ...base, dispute: opened } as StoredOrder);
    expect(read.dispute).toEqual(opened);
    expect(read.dispute && 'parts' in read.dispute).toBe(false);
  });

  it('GIVEN a dispute whose win sent the builder’s part back only THEN its parts name the builder and no host', () => {
    const { parts: _parts, ...opened } = upgraded.dispute;
    const read = upgradeOrder({ ...base, dispute: { ...opened, builderReversedCents: 14_000, returnTransferId: 'tr_back' } } as StoredOrder);
    expect(read.dispute?.parts).toStrictEqual({ builder: { returnTransferId: 'tr_back' } });
  });

  it('GIVEN a dispute whose win sent the host’s part back only THEN its parts name the host and no builder', () => {
    const { parts: _parts, ...opened } = upgraded.dispute;
    const read = upgradeOrder({ ...base, dispute: { ...opened, hostDebtCents: 30, hostReturnTransferId: 'tr_host_back' } } as StoredOrder);
    expect(read.dispute?.parts).toStrictEqual({ host: { returnTransferId: 'tr_host_back' } });
  });

  it('GIVEN a dispute that only counted money on its parts THEN it reads with no parts record: what it took is the journal’s', () => {
    const { parts: _parts, ...opened } = upgraded.dispute;
    const read = upgradeOrder({ ...base, dispute: { ...opened, builderReversedCents: 14_000, hostDebtCents: 30 } } as StoredOrder);
    expect(read.dispute && 'parts' in read.dispute).toBe(false);
  });

  it('GIVEN the store holds one THEN every read of it answers today’s shape, and a dotted write lands in the party’s record', async () => {
    const store = new LocalDocumentStore();
    await store.set(docPath<StoredOrder>('orders/o1'), old);
    expect(await store.get(orderPath('o1'))).toEqual(upgraded);
    await store.runTransaction(async (tx) => {
      expect(await tx.get(orderPath('o1'))).toEqual(upgraded);
      tx.update(orderPath('o1'), { 'payouts.host.refundCoveredCents': 0 });
    });
    expect((await store.get(orderPath('o1')))?.payouts.host).toEqual({ ...upgraded.payouts.host, refundCoveredCents: 0 });
  });
});
