/** A label bought through C500, as the order's facts record it: on the label asked for, once. */
import { factUpdate, type Order, type OrderLabel } from '..';
import { fullOrder } from './full-order';

const asked: OrderLabel = {
  shipmentId: 'shp_2',
  rate: { rateId: 'rate_1', carrier: 'USPS', service: 'GroundAdvantage', amountCents: 1_485, currency: 'usd', deliveryDays: 5 },
  payer: 'builder',
  byInteraction: 'i-l2',
  askedAt: '2026-11-10T00:00:00.000Z',
};
const withLabel = (label: OrderLabel | undefined): Order => ({ ...fullOrder, status: 'building', label }) as Order;
const bought = {
  kind: 'label-bought' as const,
  trackingCode: '9400100000000000000002',
  labelUrl: 'https://labels.example/shp_2.png',
  at: '2026-11-10T00:00:05.000Z',
};

describe('a label the carrier sold, recorded on the order', () => {
  it('keeps the label asked for and adds its tracking code, its file, the carrier’s tracker and when it was bought', () => {
    expect(factUpdate(withLabel(asked), { ...bought, trackerId: 'trk_2' })).toStrictEqual({
      label: {
        ...asked,
        trackingCode: '9400100000000000000002',
        labelUrl: 'https://labels.example/shp_2.png',
        trackerId: 'trk_2',
        boughtAt: '2026-11-10T00:00:05.000Z',
      },
    });
  });

  it('names no tracker when the carrier gave none', () => {
    const update = factUpdate(withLabel(asked), bought) as { label: OrderLabel };
    expect(update.label).not.toHaveProperty('trackerId');
    expect(update.label.trackingCode).toBe('9400100000000000000002');
  });

  it('is refused for a label recorded already, so a retried purchase never writes over the first', () => {
    const recorded = { ...asked, trackingCode: '9400100000000000000001', labelUrl: 'https://labels.example/shp_1.png', boughtAt: '2026-11-10T00:00:01.000Z' };
    expect(() => factUpdate(withLabel(recorded), bought)).toThrow(/is refused: its label was recorded already/);
  });

  it('is refused when no label was asked for', () => {
    expect(() => factUpdate(withLabel(undefined), bought)).toThrow(/is refused: no label was asked/);
  });
});

describe('a label offered or chosen', () => {
  it('is refused once a label was chosen, whether rates are offered again or another is chosen', () => {
    const quote = { shipmentId: 'shp_3', rates: [], payer: 'builder' as const, quotedAt: '2026-11-10T00:00:00.000Z' };
    expect(() => factUpdate(withLabel(asked), { kind: 'label-quoted', quote })).toThrow(/is refused: a label was chosen already/);
    expect(() => factUpdate(withLabel(asked), { kind: 'label-asked', label: { ...asked, shipmentId: 'shp_3' } })).toThrow(
      /is refused: a label was chosen already/,
    );
    expect(factUpdate(withLabel(undefined), { kind: 'label-quoted', quote })).toStrictEqual({ labelQuote: quote });
    expect(factUpdate(withLabel(undefined), { kind: 'label-asked', label: asked })).toStrictEqual({ label: asked });
  });
});
