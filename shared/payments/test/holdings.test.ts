import { awaitsDisputeReturn, heldReturnCents, isReturnTransfer, releaseHoldings, returnHoldings, takeFromHeldReturn } from '../rules/holdings';
import type { Order, PendingReversal } from '../../orders';
import type { OrderDispute } from '../../orders';
import { paidOrder } from './refund-fixtures';
import type { JournalEntry } from '../../journal';
import { reversalEntry, transferEntry } from '../../orders';

// $100 paid: $90 released to the builder, and a host's $6 cut sent too.
const released = (fields: Partial<Order> = {}): Order =>
  paidOrder({ payouts: { builder: { transferId: 'tr_release' }, host: { transferId: 'tr_host' } }, ...fields });
const pending = (part: PendingReversal['part'], amountCents: number, transferId?: string): PendingReversal => ({
  part,
  idempotencyKey: `k:${part}:${amountCents}:${transferId ?? ''}`,
  amountCents,
  refundedCents: 1,
  ...(transferId ? { transferId } : {}),
});
/** A dispute won and its return sent: 7,000 of the builder's, 500 of the host's. */
const won = (fields: Partial<OrderDispute> = {}): OrderDispute => ({
  disputeId: 'dp_1',
  state: 'won',
  amountCents: 8_000,
  reason: 'fraudulent',
  openedAt: '2026-11-22T12:00:00Z',
  returning: { builderCents: 7_000, hostCents: 500 },
  parts: { builder: { returnTransferId: 'tr_back' }, host: { returnTransferId: 'tr_host_back' } },
  returnedAt: '2026-11-23T12:00:00Z',
  ...fields,
});

/** The journal of the order's transfers: each sent, then each reversal Stripe made from it, as the payments module writes them. */
const at = '2026-11-23T12:00:00Z';
const sent = (transferId: string, cents: number, party: 'builder' | 'host' = 'builder') => transferEntry(paidOrder(), transferId, cents, at, party);
const reversed = (transferId: string, cents: number, party: 'builder' | 'host' = 'builder') =>
  reversalEntry(paidOrder(), transferId, `rev:${transferId}:${cents}`, cents, at, party);
const journal = (...entries: Array<JournalEntry | undefined>): JournalEntry[] => entries.filter((e): e is JournalEntry => e !== undefined);
const releases = journal(sent('tr_release', 9_000), sent('tr_host', 600, 'host'));

describe('what an order’s transfers still hold', () => {
  it('holds nothing before the release', () => {
    expect(releaseHoldings(paidOrder(), 'builder', releases)).toEqual([]);
    expect(releaseHoldings(paidOrder(), 'host', releases)).toEqual([]);
  });

  it('holds the release less its reversals, and less those fixed on it and not yet answered, each person’s own', () => {
    const order = released({ pendingReversals: [pending('builder', 300), pending('builder', 50, 'tr_tranche'), pending('host', 20)] });
    const entries = [...releases, ...journal(reversed('tr_release', 1_000), reversed('tr_host', 100, 'host'), reversed('tr_tranche', 70))];
    expect(releaseHoldings(order, 'builder', entries)).toEqual([{ transferId: 'tr_release', holdsCents: 9_000 - 1_000 - 300 }]);
    expect(releaseHoldings(order, 'host', entries)).toEqual([{ transferId: 'tr_host', holdsCents: 600 - 100 - 20 }]);
  });

  it('after a won dispute’s return, holds on the release what Stripe left on it, and the rest on the return', () => {
    // The dispute took 7,000 and 500 back from the releases, the win sent them again, and refunds took 2,000 and 30 from the returns since.
    const order = released({ dispute: won() });
    const entries = [
      ...releases,
      ...journal(
        reversed('tr_release', 7_000),
        reversed('tr_host', 500, 'host'),
        sent('tr_back', 7_000),
        sent('tr_host_back', 500, 'host'),
        reversed('tr_back', 2_000),
        reversed('tr_host_back', 30, 'host'),
      ),
    ];
    expect(releaseHoldings(order, 'builder', entries)).toEqual([
      { transferId: 'tr_release', holdsCents: 9_000 - 7_000 },
      { transferId: 'tr_back', holdsCents: 7_000 - 2_000 },
    ]);
    expect(releaseHoldings(order, 'host', entries)).toEqual([
      { transferId: 'tr_host', holdsCents: 600 - 500 },
      { transferId: 'tr_host_back', holdsCents: 500 - 30 },
    ]);
    const waiting = { ...order, pendingReversals: [pending('builder', 400, 'tr_back'), pending('host', 7, 'tr_host_back')] };
    expect(returnHoldings(waiting, 'builder', entries)).toEqual([{ transferId: 'tr_back', holdsCents: 7_000 - 2_000 - 400 }]);
    expect(returnHoldings(waiting, 'host', entries)).toEqual([{ transferId: 'tr_host_back', holdsCents: 500 - 30 - 7 }]);
  });

  it('reads only the transfer’s own entries: another order’s, another currency’s and a tranche’s count for nothing', () => {
    const other = transferEntry({ ...paidOrder(), orderId: 'other' }, 'tr_other', 5_000, at, 'builder');
    const yen = { ...(sent('tr_release', 4_000) as JournalEntry), entryId: 'yen', currency: 'jpy' };
    const entries = [...releases, ...journal(other, yen, sent('tr_tranche', 2_500), reversed('tr_other', 5_000))];
    expect(releaseHoldings(released(), 'builder', entries)).toEqual([{ transferId: 'tr_release', holdsCents: 9_000 }]);
  });

  it('reads a return the journal has no transfer for as holding nothing', () => {
    const order = released({ dispute: won({ returning: undefined }) });
    expect(returnHoldings(order, 'builder', releases)).toEqual([{ transferId: 'tr_back', holdsCents: 0 }]);
    expect(returnHoldings(order, 'host', releases)).toEqual([{ transferId: 'tr_host_back', holdsCents: 0 }]);
  });

  it('has no return before the win sent one', () => {
    const order = released({ dispute: won({ parts: undefined }) });
    expect(releaseHoldings(order, 'builder', releases)).toEqual([{ transferId: 'tr_release', holdsCents: 9_000 }]);
    expect(returnHoldings(order, 'host', releases)).toEqual([]);
  });

  it('tells a reversal from the person’s own return apart from any other transfer', () => {
    const order = released({ dispute: won() });
    expect(isReturnTransfer(order, 'builder', 'tr_back')).toBe(true);
    expect(isReturnTransfer(order, 'host', 'tr_host_back')).toBe(true);
    expect(isReturnTransfer(order, 'host', 'tr_back')).toBe(false);
    expect(isReturnTransfer(order, 'builder', 'tr_tranche')).toBe(false);
    expect(isReturnTransfer(order, 'builder', undefined)).toBe(false);
    expect(isReturnTransfer(released(), 'builder', 'tr_back')).toBe(false);
    expect(isReturnTransfer(released(), 'host', 'tr_host_back')).toBe(false);
  });
});

describe('a refund after a won dispute', () => {
  // $100 charged, $80 of it disputed after $20 was refunded: the dispute took its parts back.
  const taken = (fields: Partial<OrderDispute>) =>
    released({ dispute: won({ amountCents: 8_000, takeBack: { builderCents: 7_200, hostCents: 480 }, returnedAt: undefined, ...fields }) });

  it('waits for the win’s return when it reaches into what the dispute took back', () => {
    expect(awaitsDisputeReturn(taken({}), 2_001)).toBe(true);
    expect(awaitsDisputeReturn(taken({ state: 'open' }), 2_001)).toBe(true);
  });

  it('goes ahead for a refund from before the dispute, once the return is sent, after a loss, and when the dispute took nothing', () => {
    expect(awaitsDisputeReturn(taken({}), 2_000)).toBe(false);
    expect(awaitsDisputeReturn(taken({ returnedAt: '2026-11-23T12:00:00Z' }), 5_000)).toBe(false);
    expect(awaitsDisputeReturn(taken({ state: 'lost' }), 5_000)).toBe(false);
    expect(awaitsDisputeReturn(taken({ takeBack: undefined }), 5_000)).toBe(false);
    expect(awaitsDisputeReturn(released(), 10_000)).toBe(false);
  });

  it('goes ahead once the return went out but for a part held for a revoked account: the refund takes from it where it waits', () => {
    expect(awaitsDisputeReturn(taken({ returnHeld: ['builder'] }), 5_000)).toBe(false);
    expect(awaitsDisputeReturn(taken({ returnHeld: [] }), 5_000)).toBe(true);
  });
});

describe('a won dispute’s return held for a revoked account', () => {
  const held = (fields: Partial<OrderDispute> = {}) =>
    won({ returnedAt: undefined, returnHeld: ['builder'], parts: { host: { returnTransferId: 'tr_host_back' } }, ...fields });

  it('holds the held part’s return, and nothing for a part sent, not held, or once the return is over', () => {
    expect(heldReturnCents(held(), 'builder')).toBe(7_000);
    expect(heldReturnCents(held(), 'host')).toBe(0);
    expect(heldReturnCents(held({ returnedAt: '2026-11-24T12:00:00.000Z' }), 'builder')).toBe(0);
    expect(heldReturnCents(held({ parts: { builder: { returnTransferId: 'tr_back' } } }), 'builder')).toBe(0);
    expect(heldReturnCents(held({ returning: undefined }), 'builder')).toBe(0);
    expect(heldReturnCents(undefined, 'builder')).toBe(0);
  });

  it('sends less by what a refund took, and keeps the part held', () => {
    expect(takeFromHeldReturn(held(), 'builder', 2_500)).toEqual({ ...held(), returning: { builderCents: 4_500, hostCents: 500 } });
  });

  it('never takes more than is held, and keeps a part emptied held for the reconnection to end the return', () => {
    const taken = takeFromHeldReturn(held(), 'builder', 9_000);
    expect(taken.returning).toEqual({ builderCents: 0, hostCents: 500 });
    expect(taken.returnHeld).toEqual(['builder']);
    expect(taken.returnedAt).toBeUndefined();
    expect(heldReturnCents(taken, 'builder')).toBe(0);
  });

  it('changes nothing for a part not held, or for nothing taken', () => {
    expect(takeFromHeldReturn(held(), 'host', 500)).toEqual(held());
    expect(takeFromHeldReturn(held(), 'builder', 0)).toEqual(held());
  });
});
