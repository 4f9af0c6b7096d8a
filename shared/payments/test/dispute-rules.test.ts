import { disputeKeys, disputeTakeBack, disputedParts, releasableAfterLoss, releaseHold } from '../rules/dispute-rules';
import type { OrderDispute } from '../../orders';
import { builderPartOfRefund } from '../../orders';
import { hostPartOfRefund } from '../../orders';
import type { JournalEntry } from '../../journal';
import { reversalEntry, transferEntry } from '../../orders';

const lot = { orderId: 'o1', guildId: 'g1', currency: 'usd', amountCents: 25_000, builderShareCents: 18_750, hostCutCents: 3_750, refundedCents: 0 };
/** The journal of the lot's transfers: each sent in full, and the reversals Stripe made from them since. */
const at = '2026-05-01T00:00:00.000Z';
const transfers = (reversed: { tr_1?: number; tr_2?: number } = {}): JournalEntry[] =>
  [
    transferEntry(lot, 'tr_1', 18_750, at, 'builder'),
    transferEntry(lot, 'tr_2', 3_750, at, 'host'),
    reversed.tr_1 ? reversalEntry(lot, 'tr_1', 'r1', reversed.tr_1, at, 'builder') : undefined,
    reversed.tr_2 ? reversalEntry(lot, 'tr_2', 'r2', reversed.tr_2, at, 'host') : undefined,
  ].filter((e): e is JournalEntry => e !== undefined);
const dispute = (state: OrderDispute['state'], amountCents = 25_000): OrderDispute => ({
  disputeId: 'dp_1',
  state,
  amountCents,
  reason: 'product_not_received',
  openedAt: '2026-05-01T00:00:00.000Z',
});

describe('a dispute’s money rules', () => {
  it('holds a release while the dispute is open, and after a loss that took the whole share', () => {
    expect(releaseHold({ ...lot })).toBeUndefined();
    expect(releaseHold({ ...lot, dispute: dispute('open') })).toBe('disputed');
    expect(releaseHold({ ...lot, dispute: dispute('lost') })).toBe('dispute-lost');
    expect(releaseHold({ ...lot, dispute: dispute('won') })).toBeUndefined();
  });

  it('releases what a partial loss left: the share less the dispute’s part', () => {
    const order = { ...lot, dispute: dispute('lost', 10_000) };
    expect(releaseHold(order)).toBeUndefined();
    expect(releasableAfterLoss(order)).toBe(18_750 - 7_500);
  });

  it('takes back the builder’s and the host’s parts in proportion, a full dispute the whole of each', () => {
    expect(disputedParts(lot, 25_000)).toEqual({ builderCents: 18_750, hostCents: 3_750 });
    expect(disputedParts(lot, 10_000)).toEqual({ builderCents: 7_500, hostCents: 1_500 });
    // After a refund of 5,000, a dispute of the 20,000 left takes the rest of each.
    expect(disputedParts({ ...lot, refundedCents: 5_000 }, 20_000)).toEqual({ builderCents: 15_000, hostCents: 3_000 });
  });

  it('counts the shipping the builder was sent: a full dispute of an order with shipping takes back share and shipping, and a loss releases none of it', () => {
    const shipped = { amountCents: 24_000, builderShareCents: 21_600, refundedCents: 0, shippingCents: 800 };
    expect(disputedParts(shipped, 24_800)).toEqual({ builderCents: 22_400, hostCents: 0 });
    expect(releasableAfterLoss({ ...shipped, dispute: dispute('lost', 24_800) })).toBe(0);
    expect(releaseHold({ ...shipped, dispute: dispute('lost', 24_800) })).toBe('dispute-lost');
    expect(releasableAfterLoss({ ...shipped, dispute: dispute('won', 24_800) })).toBe(22_400);
  });

  it('takes back only from transfers that were made, never more than they still hold', () => {
    const builder = { transferId: 'tr_1' };
    const released = { ...lot, payouts: { builder, host: { via: 'transfer' as const, transferId: 'tr_2' } } };
    expect(disputeTakeBack(released, 25_000, transfers({ tr_1: 1_000 }))).toEqual({ builderCents: 17_750, hostCents: 3_750 });
    expect(disputeTakeBack({ ...lot, payouts: { builder: {} } }, 25_000, transfers())).toEqual({ builderCents: 0, hostCents: 0 });
    expect(disputeTakeBack({ ...lot, payouts: { builder, host: { via: 'manual' as const } } }, 25_000, transfers()).hostCents).toBe(0);
    // A transfer the journal never recorded holds nothing to take back.
    expect(disputeTakeBack(released, 25_000, [])).toEqual({ builderCents: 0, hostCents: 0 });
  });
});

describe('a dispute’s parts beside a refund', () => {
  // 1,000 charged: 750 the builder's, 150 the host's. The builder's parts of 498 and 502 (373.5 and 376.5) each round half up, so
  // taking them from the same bottom of the charge would pass the share by a cent.
  const small = { amountCents: 1_000, builderShareCents: 750, hostCutCents: 150 };

  it('takes them from the top of the charge, so a refund of the rest and the dispute make up each share exactly, whichever was counted first', () => {
    const seenBeforeTheRefund = disputedParts({ ...small, refundedCents: 0 }, 502);
    const seenAfterIt = disputedParts({ ...small, refundedCents: 498 }, 502);
    expect(seenBeforeTheRefund).toEqual(seenAfterIt);
    expect(seenBeforeTheRefund.builderCents + builderPartOfRefund(small, 498)).toBe(750);
    expect(seenBeforeTheRefund.hostCents + hostPartOfRefund(small, 498)).toBe(150);
  });

  it('never reaches below what the order already counts as refunded', () => {
    // A dispute spread onto a lot whose refund was counted since: only the part above the refund.
    expect(disputedParts({ ...small, refundedCents: 800 }, 501)).toEqual(disputedParts({ ...small, refundedCents: 800 }, 200));
    expect(disputedParts({ ...small, refundedCents: 1_000 }, 501)).toEqual({ builderCents: 0, hostCents: 0 });
    expect(disputedParts({ ...small, refundedCents: 0 }, -5)).toEqual({ builderCents: 0, hostCents: 0 });
  });
});

describe('a dispute’s money, at its edges', () => {
  const builder = { transferId: 'tr_1' };
  const host = { via: 'transfer' as const, transferId: 'tr_2' };
  const released = { ...lot, payouts: { builder, host } };

  it('holds nothing after a won dispute, even on an order with nothing left to release', () => {
    const refunded = { ...lot, refundedCents: 25_000, dispute: dispute('won') };
    expect(releasableAfterLoss(refunded)).toBe(0);
    expect(releaseHold(refunded)).toBeUndefined();
  });

  it('takes back from the host’s transfer no more than it holds after an earlier reversal', () => {
    expect(disputeTakeBack(released, 25_000, transfers({ tr_2: 1_000 })).hostCents).toBe(2_750);
  });

  it('takes back only the host’s part of a partial dispute when the transfer holds more', () => {
    expect(disputeTakeBack(released, 10_000, transfers())).toEqual({ builderCents: 7_500, hostCents: 1_500 });
  });

  it('takes nothing back from the host without both a transfer payout and its transfer', () => {
    expect(disputeTakeBack({ ...lot, payouts: { builder, host: { ...host, transferId: undefined } } }, 25_000, transfers()).hostCents).toBe(0);
    expect(disputeTakeBack({ ...lot, payouts: { builder, host: { ...host, via: 'manual' as const } } }, 25_000, transfers()).hostCents).toBe(0);
  });

  it('keys each reversal and each return by order and dispute, one per part', () => {
    expect(disputeKeys.takeBack('k3v9m2qa', 'dp_1')).toBe('dispute:k3v9m2qa:dp_1');
    expect(disputeKeys.takeBackHost('k3v9m2qa', 'dp_1')).toBe('dispute-host:k3v9m2qa:dp_1');
    expect(disputeKeys.giveBack('k3v9m2qa', 'dp_1')).toBe('dispute-return:k3v9m2qa:dp_1');
    expect(disputeKeys.giveBackHost('k3v9m2qa', 'dp_1')).toBe('dispute-return-host:k3v9m2qa:dp_1');
  });
});
