/** A parcel's table of moves, the carrier's statuses as C500 follows them, and the fact that moves a parcel, written out by hand. */
import { factUpdate, IllegalOrderMove, isParcelException, parcelMoves, parcelStatusOf, takesParcelMove, type Order } from '..';
import { fullOrder } from './full-order';

const at = (hour: number) => `2026-11-10T${String(hour).padStart(2, '0')}:00:00.000Z`;
const shippedOrder = (over: Partial<Order> = {}): Order => {
  const { parcel: _parcel, parcelEvents: _events, ...order } = { ...fullOrder, status: 'shipped' as const };
  return { ...order, ...over };
};

describe('the table of a parcel’s moves', () => {
  it('is, status by status, what may follow', () => {
    expect(parcelMoves).toEqual({
      shipped: ['in-transit', 'out-for-delivery', 'delivered', 'returned', 'lost'],
      'in-transit': ['out-for-delivery', 'delivered', 'returned', 'lost'],
      'out-for-delivery': ['in-transit', 'delivered', 'returned', 'lost'],
      delivered: [],
      lost: ['in-transit', 'out-for-delivery', 'delivered', 'returned'],
      returned: [],
    });
  });

  it('takes an event the carrier saw at the same moment as the last one taken', () => {
    expect(takesParcelMove({ status: 'in-transit', at: at(2) }, 'out-for-delivery', at(2))).toBe(true);
    expect(takesParcelMove({ status: 'in-transit', at: at(2) }, 'out-for-delivery', at(1))).toBe(false);
  });

  it('counts a return and a loss as exceptions, nothing else', () => {
    expect(['shipped', 'in-transit', 'out-for-delivery', 'delivered', 'returned', 'lost'].filter((s) => isParcelException(s as never))).toEqual([
      'returned',
      'lost',
    ]);
  });
});

describe('the carrier’s statuses', () => {
  it.each([
    ['in_transit', 'in-transit'],
    ['out_for_delivery', 'out-for-delivery'],
    ['available_for_pickup', 'out-for-delivery'],
    ['delivered', 'delivered'],
    ['return_to_sender', 'returned'],
    ['failure', 'lost'],
    ['cancelled', 'lost'],
    ['error', 'lost'],
    ['pre_transit', undefined],
    ['unknown', undefined],
  ] as const)('%s moves the parcel to %p', (carrier, parcel) => {
    expect(parcelStatusOf(carrier as never)).toBe(parcel);
  });
});

describe('the fact parcel-moved', () => {
  it('on a parcel never moved before writes its status, when, and the one event taken', () => {
    expect(factUpdate(shippedOrder(), { kind: 'parcel-moved', status: 'in-transit', at: at(1), byEvent: 'evt_1' })).toEqual({
      parcel: { status: 'in-transit', at: at(1) },
      parcelEvents: ['evt_1'],
    });
  });

  it('marks when a parcel was delivered, the start of the admin’s window', () => {
    expect(factUpdate(shippedOrder(), { kind: 'parcel-moved', status: 'delivered', at: at(3), byEvent: 'evt_3' })).toEqual({
      parcel: { status: 'delivered', at: at(3), deliveredAt: at(3) },
      parcelEvents: ['evt_3'],
    });
  });

  it('keeps the last ten events taken', () => {
    const events = Array.from({ length: 10 }, (_, i) => `evt_${i}`);
    const update = factUpdate(shippedOrder({ parcel: { status: 'in-transit', at: at(1) }, parcelEvents: events }), {
      kind: 'parcel-moved',
      status: 'out-for-delivery',
      at: at(2),
      byEvent: 'evt_10',
    });
    expect(update.parcelEvents).toEqual([...events.slice(1), 'evt_10']);
  });

  it('names where a parcel never moved stands when it refuses a move', () => {
    const order = shippedOrder({ parcel: undefined });
    const refused = () => factUpdate(order, { kind: 'parcel-moved', status: 'returned', at: at(1), byEvent: 'evt_1' });
    expect(refused).not.toThrow();
    const delivered = shippedOrder({ parcel: { status: 'delivered', at: at(3) } });
    expect(() => factUpdate(delivered, { kind: 'parcel-moved', status: 'in-transit', at: at(4), byEvent: 'evt_4' })).toThrow(
      'a parcel delivered cannot become in-transit',
    );
    expect(() => factUpdate(order, { kind: 'parcel-moved', status: 'shipped', at: at(1), byEvent: 'evt_0' })).toThrow(IllegalOrderMove);
    expect(() => factUpdate(order, { kind: 'parcel-moved', status: 'shipped', at: at(1), byEvent: 'evt_0' })).toThrow('a parcel shipped cannot become shipped');
  });
});
