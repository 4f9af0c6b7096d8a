import { factUpdate, IllegalOrderMove, isParcelException, parcelMoves, parcelStatusOf, takesParcelMove, type Order } from '..';
import { fullOrder } from './full-order';

const at = (hour: number) => `2026-11-10T${String(hour).padStart(2, '0')}:00:00.000Z`;

describe('a parcel’s moves', () => {
  it('goes forward from shipped through in transit and out for delivery to delivered', () => {
    expect(takesParcelMove(undefined, 'in-transit', at(1))).toBe(true);
    expect(takesParcelMove({ status: 'in-transit', at: at(1) }, 'out-for-delivery', at(2))).toBe(true);
    expect(takesParcelMove({ status: 'out-for-delivery', at: at(2) }, 'delivered', at(3))).toBe(true);
  });

  it('never moves a delivered or returned parcel again', () => {
    expect(parcelMoves.delivered).toEqual([]);
    expect(parcelMoves.returned).toEqual([]);
    expect(takesParcelMove({ status: 'delivered', at: at(3) }, 'in-transit', at(4))).toBe(false);
    expect(takesParcelMove({ status: 'returned', at: at(3) }, 'delivered', at(4))).toBe(false);
  });

  it('takes no event the carrier saw before the last one taken (events reordered)', () => {
    expect(takesParcelMove({ status: 'out-for-delivery', at: at(5) }, 'in-transit', at(4))).toBe(false);
    expect(takesParcelMove({ status: 'out-for-delivery', at: at(5) }, 'in-transit', at(6))).toBe(true);
  });

  it('does not take the same status twice', () => {
    expect(takesParcelMove({ status: 'in-transit', at: at(1) }, 'in-transit', at(2))).toBe(false);
  });

  it('lets a parcel reported lost turn up and be delivered', () => {
    expect(takesParcelMove({ status: 'lost', at: at(1) }, 'delivered', at(2))).toBe(true);
  });

  it('reads the carrier’s statuses, with returned and lost as the exceptions', () => {
    expect(parcelStatusOf('pre_transit')).toBeUndefined();
    expect(parcelStatusOf('unknown')).toBeUndefined();
    expect(parcelStatusOf('in_transit')).toBe('in-transit');
    expect(parcelStatusOf('out_for_delivery')).toBe('out-for-delivery');
    expect(parcelStatusOf('available_for_pickup')).toBe('out-for-delivery');
    expect(parcelStatusOf('delivered')).toBe('delivered');
    expect(parcelStatusOf('return_to_sender')).toBe('returned');
    expect(parcelStatusOf('failure')).toBe('lost');
    expect(parcelStatusOf('cancelled')).toBe('lost');
    expect(parcelStatusOf('error')).toBe('lost');
    expect(['returned', 'lost'].every((s) => isParcelException(s as 'returned'))).toBe(true);
    expect(['shipped', 'in-transit', 'out-for-delivery', 'delivered'].some((s) => isParcelException(s as 'returned'))).toBe(false);
  });
});

describe('the parcel-moved fact', () => {
  const shipped: Order = { ...fullOrder, status: 'shipped', parcel: { status: 'in-transit', at: at(1) }, parcelEvents: ['evt_1'] };

  it('writes the parcel and the event, and the delivery time when delivered', () => {
    expect(factUpdate(shipped, { kind: 'parcel-moved', status: 'delivered', at: at(3), byEvent: 'evt_2' })).toEqual({
      parcel: { status: 'delivered', at: at(3), deliveredAt: at(3) },
      parcelEvents: ['evt_1', 'evt_2'],
    });
  });

  it('refuses an event taken already, and a move backwards', () => {
    expect(() => factUpdate(shipped, { kind: 'parcel-moved', status: 'out-for-delivery', at: at(2), byEvent: 'evt_1' })).toThrow(IllegalOrderMove);
    const delivered: Order = { ...shipped, parcel: { status: 'delivered', at: at(3), deliveredAt: at(3) } };
    expect(() => factUpdate(delivered, { kind: 'parcel-moved', status: 'in-transit', at: at(4), byEvent: 'evt_9' })).toThrow(IllegalOrderMove);
  });

  it('keeps only the last ten event ids', () => {
    const many: Order = { ...shipped, parcel: undefined, parcelEvents: Array.from({ length: 10 }, (_, i) => `evt_${i}`) };
    const update = factUpdate(many, { kind: 'parcel-moved', status: 'in-transit', at: at(1), byEvent: 'evt_new' });
    expect(update.parcelEvents).toEqual([...Array.from({ length: 9 }, (_, i) => `evt_${i + 1}`), 'evt_new']);
  });
});
