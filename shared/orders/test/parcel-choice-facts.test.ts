/** The admin's choice for a parcel returned or lost, and a reship's label and parcel, as the order's facts take them. */
import {
  choiceForParcelNow,
  orderFactHandlers,
  parcelChoiceMayBecome,
  parcelIndexOf,
  reshipBuying,
  reshipPurchaseLeaseMs,
  type Order,
  type ParcelChoice,
} from '..';
import { fullOrder } from './full-order';

const at = '2026-11-20T00:00:00.000Z';
const reship: ParcelChoice = { kind: 'reship', parcel: 'returned', byUserId: 'admin', byInteraction: 'i-1', at };
const refund: ParcelChoice = { ...reship, kind: 'refund' };
const orderWith = (fields: Partial<Order>): Order => ({ ...fullOrder, status: 'shipped', parcelChoice: undefined, ...fields }) as Order;
const returned = { parcel: { status: 'returned' as const, at } };
const {
  'parcel-choice-made': choose,
  'reship-label-asked': labelAsked,
  reshipped,
  'reship-buying': buying,
  'reship-refused': carrierRefused,
} = orderFactHandlers;
const plus = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();
const label = {
  shipmentId: 'shp_9',
  rate: { rateId: 'r', carrier: 'USPS', service: 'Ground', amountCents: 900, currency: 'usd', deliveryDays: 3 },
  payer: 'builder',
  byInteraction: 'i-2',
  askedAt: at,
} as const;

describe('a parcel’s choice on the order', () => {
  it('lets only a reship whose label was not bought give way to a refund, asked or not', () => {
    expect(parcelChoiceMayBecome(reship, 'refund')).toBe(true);
    expect(parcelChoiceMayBecome({ ...reship, shipmentId: 'shp_1' }, 'refund')).toBe(true);
    expect(parcelChoiceMayBecome({ ...reship, shipmentId: 'shp_1', reshippedAt: at }, 'refund')).toBe(false);
    expect(parcelChoiceMayBecome(reship, 'reship')).toBe(false);
    expect(parcelChoiceMayBecome(refund, 'refund')).toBe(false);
    expect(parcelChoiceMayBecome(refund, 'reship')).toBe(false);
  });

  it('refuses a second choice, naming the first, and a choice for a parcel not returned or lost', () => {
    expect(choose.refuses?.(orderWith({ ...returned, parcelChoice: refund }), { kind: 'parcel-choice-made', choice: reship })).toBe(
      'a refund was chosen already',
    );
    expect(choose.refuses?.(orderWith({ ...returned, parcelChoice: reship }), { kind: 'parcel-choice-made', choice: refund })).toBeUndefined();
    expect(choose.refuses?.(orderWith(returned), { kind: 'parcel-choice-made', choice: reship })).toBeUndefined();
    expect(choose.refuses?.(orderWith({ parcel: { status: 'in-transit', at } }), { kind: 'parcel-choice-made', choice: reship })).toBe(
      'its parcel is not returned or lost',
    );
  });

  it('asks a reship label only after a reship was chosen, and once', () => {
    const fact = { kind: 'reship-label-asked' as const, label };
    expect(labelAsked.refuses?.(orderWith({ ...returned, parcelChoice: refund }), fact)).toBe('no reship was chosen');
    expect(labelAsked.refuses?.(orderWith(returned), fact)).toBe('no reship was chosen');
    expect(labelAsked.refuses?.(orderWith({ ...returned, parcelChoice: { ...reship, shipmentId: 'shp_1' } }), fact)).toBe('its reship label was asked already');
    expect(labelAsked.refuses?.(orderWith({ ...returned, parcelChoice: reship }), fact)).toBeUndefined();
  });

  it('follows the new parcel only after its label was asked, once, with its tracking page when the carrier has one', () => {
    const fact = { kind: 'reshipped' as const, tracking: '9400', carrier: 'usps' as const, trackingUrl: 'https://track.example/9400', at };
    expect(reshipped.refuses?.(orderWith({ ...returned, parcelChoice: reship }), fact)).toBe('no reship label was asked');
    expect(reshipped.refuses?.(orderWith({ ...returned, parcelChoice: { ...refund, shipmentId: 'shp_1' } }), fact)).toBe('no reship label was asked');
    expect(reshipped.refuses?.(orderWith({ ...returned }), fact)).toBe('no reship label was asked');
    expect(reshipped.refuses?.(orderWith({ ...returned, parcelChoice: { ...reship, shipmentId: 'shp_1', reshippedAt: at } }), fact)).toBe(
      'it was reshipped already',
    );
    const asked = orderWith({ ...returned, parcelChoice: { ...reship, shipmentId: 'shp_1' } });
    expect(reshipped.refuses?.(asked, fact)).toBeUndefined();
    expect(reshipped.apply(asked, fact)).toEqual(expect.objectContaining({ trackingUrl: 'https://track.example/9400', parcel: { status: 'shipped', at } }));
    expect(reshipped.apply(asked, { ...fact, trackingUrl: undefined })).not.toHaveProperty('trackingUrl');
  });

  it('counts the order’s parcels by its reships, and binds the parcel it follows now only by a choice not finished yet', () => {
    const done = { ...reship, shipmentId: 'shp_1', reshippedAt: at };
    expect(parcelIndexOf(orderWith({}))).toBe(0);
    expect(parcelIndexOf(orderWith({ parcelChoice: { ...reship, shipmentId: 'shp_1' } }))).toBe(0);
    expect(parcelIndexOf(orderWith({ parcelChoice: done }))).toBe(1);
    expect(parcelIndexOf(orderWith({ parcelChoice: { ...done, parcelIndex: 2 } }))).toBe(3);
    expect(parcelIndexOf(orderWith({ parcelChoice: { ...refund, parcelIndex: 2 } }))).toBe(2);
    expect(choiceForParcelNow(orderWith({ parcelChoice: done }))).toBeUndefined();
    expect(choiceForParcelNow(orderWith({ parcelChoice: refund }))).toBe(refund);
  });

  it('takes a choice for a reshipped parcel returned in its turn, only for the parcel the order follows now', () => {
    const reshippedReturned = orderWith({ ...returned, parcelChoice: { ...reship, shipmentId: 'shp_1', reshippedAt: at } });
    expect(choose.refuses?.(reshippedReturned, { kind: 'parcel-choice-made', choice: { ...refund, parcelIndex: 1 } })).toBeUndefined();
    expect(choose.refuses?.(reshippedReturned, { kind: 'parcel-choice-made', choice: refund })).toBe('it is not for the parcel the order follows now');
    expect(choose.refuses?.(orderWith(returned), { kind: 'parcel-choice-made', choice: { ...refund, parcelIndex: 1 } })).toBe(
      'it is not for the parcel the order follows now',
    );
  });

  it('keeps a reship from giving way while a press may be buying its label, and lets it once the lease passed', () => {
    const stamped = orderWith({ ...returned, parcelChoice: { ...reship, shipmentId: 'shp_1', buyingAt: at } });
    const refundAt = (when: string) => ({ kind: 'parcel-choice-made' as const, choice: { ...refund, at: when } });
    expect(choose.refuses?.(stamped, refundAt(plus(at, reshipPurchaseLeaseMs - 1)))).toBe('its reship label may be being bought');
    expect(choose.refuses?.(stamped, refundAt(plus(at, reshipPurchaseLeaseMs)))).toBeUndefined();
    expect(reshipBuying({ ...reship, buyingAt: at }, at)).toBe(true);
    expect(reshipBuying(reship, at)).toBe(false);
  });

  it('stamps a reship’s purchase only once its label was asked, and clears it when the carrier refused', () => {
    const asked = orderWith({ ...returned, parcelChoice: { ...reship, shipmentId: 'shp_1' } });
    expect(buying.refuses?.(orderWith({ ...returned, parcelChoice: reship }), { kind: 'reship-buying', at })).toBe('no reship label waits to be bought');
    expect(buying.refuses?.(orderWith({ ...returned, parcelChoice: { ...refund, shipmentId: 'shp_1' } }), { kind: 'reship-buying', at })).toBe(
      'no reship label waits to be bought',
    );
    expect(buying.refuses?.(asked, { kind: 'reship-buying', at })).toBeUndefined();
    expect(buying.apply(asked, { kind: 'reship-buying', at })).toEqual({ parcelChoice: { ...reship, shipmentId: 'shp_1', buyingAt: at } });
    const stamped = orderWith({ ...returned, parcelChoice: { ...reship, shipmentId: 'shp_1', buyingAt: at } });
    expect(carrierRefused.refuses?.(asked, { kind: 'reship-refused' })).toBe('no reship label is being bought');
    expect(carrierRefused.refuses?.(stamped, { kind: 'reship-refused' })).toBeUndefined();
    expect(carrierRefused.apply(stamped, { kind: 'reship-refused' })).toEqual({ parcelChoice: { ...reship, shipmentId: 'shp_1' } });
  });
});
