import { deliveryWindow, deliveryWindowDays, lastPayoutGate, type GatedOrder } from '..';

const day = 86_400_000;
const deliveredAt = '2026-11-10T12:00:00.000Z';
const deliveredMs = Date.parse(deliveredAt);
const gated = { lastPayoutAt: 'delivery' } as const;
const shipped: GatedOrder = { ...gated, status: 'shipped' };
const delivered: GatedOrder = { ...gated, status: 'shipped', parcel: { status: 'delivered', at: deliveredAt, deliveredAt } };
const freed = { byUserId: 'a1', at: deliveredAt, byInteraction: 'i1' };

describe('the delivery gate before an order’s last payout', () => {
  it('keeps a proved order that is not shipped waiting for its shipping', () => {
    expect(lastPayoutGate({ ...gated, status: 'building' }, deliveredMs, 3)).toEqual({ open: false, waits: 'shipping' });
  });

  it('keeps a shipped order the carrier has not delivered waiting for its delivery', () => {
    expect(lastPayoutGate(shipped, deliveredMs, 3)).toEqual({ open: false, waits: 'delivery' });
    expect(lastPayoutGate({ ...shipped, parcel: { status: 'out-for-delivery', at: deliveredAt } }, deliveredMs + 30 * day, 0)).toEqual({
      open: false,
      waits: 'delivery',
    });
  });

  it('keeps a delivered order waiting until the server’s window after the delivery has passed, and says when it opens', () => {
    const opensAt = new Date(deliveredMs + 3 * day).toISOString();
    expect(lastPayoutGate(delivered, deliveredMs, 3)).toEqual({ open: false, waits: 'window', opensAt });
    expect(lastPayoutGate(delivered, deliveredMs + 3 * day - 1, 3)).toEqual({ open: false, waits: 'window', opensAt });
  });

  it('opens at the very end of the window after delivery, and after it', () => {
    expect(lastPayoutGate(delivered, deliveredMs + 3 * day, 3)).toEqual({ open: true, by: 'delivered' });
    expect(lastPayoutGate(delivered, deliveredMs + 9 * day, 3)).toEqual({ open: true, by: 'delivered' });
  });

  it('opens at the delivery itself when the server’s window is zero days', () => {
    expect(lastPayoutGate(delivered, deliveredMs, 0)).toEqual({ open: true, by: 'delivered' });
    expect(lastPayoutGate(delivered, deliveredMs - 1, 0)).toEqual({ open: false, waits: 'window', opensAt: deliveredAt });
  });

  it('counts the window from when the carrier saw it delivered, not from a later move', () => {
    const later = { ...gated, status: 'shipped' as const, parcel: { status: 'delivered' as const, at: '2026-11-12T12:00:00.000Z', deliveredAt } };
    expect(lastPayoutGate(later, deliveredMs + day, 1)).toEqual({ open: true, by: 'delivered' });
  });

  it('counts the window from the move itself for a delivered parcel stored without its delivery time', () => {
    expect(lastPayoutGate({ ...gated, status: 'shipped', parcel: { status: 'delivered', at: deliveredAt } }, deliveredMs + day, 1)).toEqual({
      open: true,
      by: 'delivered',
    });
  });

  it('opens at once when the buyer pressed Received, delivered or not', () => {
    expect(lastPayoutGate({ ...shipped, receivedBy: 'buyer' }, 0, 3)).toEqual({ open: true, by: 'received' });
    expect(lastPayoutGate({ ...shipped, receivedBy: 'buyer', parcel: { status: 'lost', at: deliveredAt } }, 0, 3)).toEqual({ open: true, by: 'received' });
  });

  it('does not open for a Received the sweep gave because nobody confirmed in time', () => {
    expect(lastPayoutGate({ ...shipped, receivedBy: 'timeout' }, deliveredMs, 3)).toEqual({ open: false, waits: 'delivery' });
  });

  it('opens at once when an admin released it by hand, whatever the parcel', () => {
    expect(lastPayoutGate({ ...gated, status: 'building', payoutFreed: freed }, 0, 3)).toEqual({ open: true, by: 'admin' });
    expect(lastPayoutGate({ ...shipped, payoutFreed: freed, parcel: { status: 'returned', at: deliveredAt } }, 0, 3)).toEqual({ open: true, by: 'admin' });
  });

  it('lets an order sold before the gate go at its proof, as it was sold', () => {
    expect(lastPayoutGate({ status: 'building' }, deliveredMs, 3)).toEqual({ open: true, by: 'sold-before' });
    expect(lastPayoutGate({ status: 'shipped', parcel: { status: 'lost', at: deliveredAt } }, deliveredMs, 3)).toEqual({ open: true, by: 'sold-before' });
  });

  it('holds a parcel returned or lost for the admin’s choice, however long ago', () => {
    for (const status of ['returned', 'lost'] as const)
      expect(lastPayoutGate({ ...shipped, parcel: { status, at: deliveredAt, deliveredAt } }, deliveredMs + 90 * day, 0)).toEqual({
        open: false,
        waits: 'parcel-problem',
      });
  });
});

describe('the server’s delivery window', () => {
  it('is three days when the admin never set one', () => {
    expect(deliveryWindow.defaultDays).toBe(3);
    expect(deliveryWindowDays(undefined)).toBe(3);
  });

  it('is what the admin set, from zero to fourteen days', () => {
    expect(deliveryWindowDays(0)).toBe(0);
    expect(deliveryWindowDays(7)).toBe(7);
    expect(deliveryWindowDays(14)).toBe(14);
    expect(deliveryWindow.maxDays).toBe(14);
  });

  it('falls back to three days for a stored value out of range or not whole', () => {
    expect(deliveryWindowDays(-1)).toBe(3);
    expect(deliveryWindowDays(15)).toBe(3);
    expect(deliveryWindowDays(1.5)).toBe(3);
  });
});
