import {
  carrierAddressOf,
  customsDescriptionLength,
  customsFormFor,
  defaultParcels,
  itemKindOf,
  knownCarrierOf,
  labelCovered,
  labelPayerOf,
  offeredRateCount,
  offeredRates,
  rateButtonId,
  rateFromButton,
  tariffNumbers,
} from '../rules/labels';
import type { CarrierRate } from '../../ports';
import type { Order } from '../../orders';

const rate = (id: string, amountCents: number, over: Partial<CarrierRate> = {}): CarrierRate => ({
  id,
  carrier: 'USPS',
  service: `S-${id}`,
  amountCents,
  currency: 'USD',
  ...over,
});

describe('the rates offered as buttons', () => {
  it('are the cheapest three in the order’s currency, cheapest first', () => {
    const offered = offeredRates([rate('a', 900), rate('b', 500), rate('c', 2_000), rate('d', 700), rate('e', 100, { currency: 'CAD' })], 'usd');
    expect(offered.map((r) => r.rateId)).toEqual(['b', 'd', 'a']);
    expect(offeredRateCount).toBe(3);
  });

  it('keep the carrier’s words, the cents and the days, with the currency in lower case', () => {
    expect(offeredRates([rate('a', 525, { deliveryDays: 5, service: 'GroundAdvantage' })], 'USD')).toEqual([
      { rateId: 'a', carrier: 'USPS', service: 'GroundAdvantage', amountCents: 525, currency: 'usd', deliveryDays: 5 },
    ]);
    expect(offeredRates([rate('a', 525)], 'usd')[0]).not.toHaveProperty('deliveryDays');
  });

  it('break a tie on price by the faster, then by name', () => {
    const offered = offeredRates(
      [rate('slow', 500, { deliveryDays: 5 }), rate('none', 500), rate('fast', 500, { deliveryDays: 2 }), rate('z', 500, { deliveryDays: 2, service: 'A' })],
      'usd',
    );
    expect(offered.map((r) => r.rateId)).toEqual(['z', 'fast', 'slow']);
  });

  it('keep rates of one price and speed in the order of their carrier and service, however the carrier listed them', () => {
    const ups = rate('u', 500, { carrier: 'UPS', service: 'Ground' });
    const usps = rate('p', 500, { carrier: 'USPS', service: 'Ground' });
    const upsAir = rate('a', 500, { carrier: 'UPS', service: 'Air' });
    expect(offeredRates([upsAir, ups, usps], 'usd').map((r) => r.rateId)).toEqual(['a', 'u', 'p']);
    expect(offeredRates([usps, ups, upsAir], 'usd').map((r) => r.rateId)).toEqual(['a', 'u', 'p']);
  });

  it('leave out a rate of no price or of a price that is not whole cents', () => {
    expect(offeredRates([rate('zero', 0), rate('minus', -5), rate('half', 10.5), rate('one', 1)], 'usd').map((r) => r.rateId)).toEqual(['one']);
  });
});

describe('what the item is, for the parcel and customs', () => {
  it('is parts when the listing names parts, else a keyboard', () => {
    expect(itemKindOf('GMK Olivia keycaps')).toBe('part');
    expect(itemKindOf('Gateron Oil King switches x70')).toBe('part');
    expect(itemKindOf('Spare PCB')).toBe('part');
    expect(itemKindOf('Tofu65 built, lubed')).toBe('keyboard');
    expect(itemKindOf('Keycapsule 60')).toBe('keyboard');
  });

  it('knows each part by its name alone or many of it, stabilisers spelled either way', () => {
    const names = ['keycap', 'switch', 'stab', 'stabiliser', 'stabilizer', 'plate', 'pcb', 'cable', 'foam', 'knob', 'spring', 'part', 'artisan', 'deskmat'];
    const plurals = [
      'keycaps',
      'switches',
      'stabs',
      'stabilisers',
      'stabilizers',
      'plates',
      'pcbs',
      'cables',
      'knobs',
      'springs',
      'parts',
      'artisans',
      'deskmats',
    ];
    for (const name of [...names, ...plurals]) expect([name, itemKindOf(`Spare ${name} for a 65%`)]).toEqual([name, 'part']);
    expect(itemKindOf('Counterpart 65')).toBe('keyboard');
  });

  it('ships a keyboard heavier than parts, with the tariff numbers customs read', () => {
    expect(defaultParcels.keyboard.weightOz).toBe(80);
    expect(defaultParcels.part.weightOz).toBe(16);
    expect(tariffNumbers).toEqual({ keyboard: '8471.60', part: '8473.30' });
  });
});

describe('the customs form', () => {
  const order = { title: 'Tofu65 built', amountCents: 25_000, builderName: 'Kai' };

  it('is none for a parcel that stays in the country, whatever the case of the codes', () => {
    expect(customsFormFor(order, { from: 'US', to: 'us' }, defaultParcels.keyboard)).toBeUndefined();
  });

  it('is filled from the listing for a parcel crossing a border', () => {
    expect(customsFormFor(order, { from: 'us', to: 'GB' }, defaultParcels.keyboard)).toEqual({
      signer: 'Kai',
      lines: [{ description: 'Tofu65 built', quantity: 1, valueCents: 25_000, weightOz: 80, hsTariffNumber: '8471.60', originCountry: 'US' }],
    });
  });

  it('names parts with their own tariff number, and cuts a long title', () => {
    const long = `${'keycaps '.repeat(20)}`;
    const form = customsFormFor({ ...order, title: long }, { from: 'US', to: 'CA' }, defaultParcels.part);
    expect(form?.lines[0]?.hsTariffNumber).toBe('8473.30');
    expect(form?.lines[0]?.description).toHaveLength(customsDescriptionLength);
    expect(form?.lines[0]?.description.startsWith('keycaps keycaps')).toBe(true);
  });

  it('describes the item in the title’s words with its spaces run together', () => {
    expect(customsFormFor({ ...order, title: ' Tofu65 \t built ' }, { from: 'US', to: 'CA' }, defaultParcels.keyboard)?.lines[0]?.description).toBe(
      'Tofu65 built',
    );
  });

  it('says what it is when the title is only spaces', () => {
    expect(customsFormFor({ ...order, title: '   ' }, { from: 'US', to: 'CA' }, defaultParcels.keyboard)?.lines[0]?.description).toBe('Keyboard');
  });
});

describe('who pays for the label', () => {
  it('is C500 when the buyer paid no shipping, else the builder', () => {
    expect(labelPayerOf({ shippingCents: 0 })).toBe('platform');
    expect(labelPayerOf({ shippingCents: 1 })).toBe('builder');
    expect(labelPayerOf({})).toBe('builder');
  });
});

describe('whether the builder’s share covers the label', () => {
  const order: Pick<Order, 'builderShareCents' | 'shippingCents' | 'currency' | 'payouts'> = {
    builderShareCents: 1_000,
    shippingCents: 500,
    currency: 'usd',
    payouts: { builder: {} } as Order['payouts'],
  };

  it('covers a label that leaves at least a cent of the share and shipping to send, after what is owed', () => {
    expect(labelCovered(order, 'builder', 1_499, 0)).toBe(true);
    expect(labelCovered(order, 'builder', 1_500, 0)).toBe(false);
    expect(labelCovered(order, 'builder', 1_399, 100)).toBe(true);
    expect(labelCovered(order, 'builder', 1_400, 100)).toBe(false);
    expect(labelCovered(order, 'builder', 1_499, -50)).toBe(true);
  });

  it('covers nothing of a share already paid out or being paid out', () => {
    expect(labelCovered({ ...order, payouts: { builder: { transferId: 'tr_1' } } as Order['payouts'] }, 'builder', 1, 0)).toBe(false);
    expect(labelCovered({ ...order, payouts: { builder: { releasing: { idempotencyKey: 'k', amountCents: 1 } } } as Order['payouts'] }, 'builder', 1, 0)).toBe(
      false,
    );
  });

  it('leaves a step of ten in a three-decimal currency', () => {
    expect(labelCovered({ ...order, currency: 'kwd' }, 'builder', 1_490, 0)).toBe(true);
    expect(labelCovered({ ...order, currency: 'kwd' }, 'builder', 1_491, 0)).toBe(false);
  });

  it('always covers a label C500 pays', () => {
    expect(labelCovered({ ...order, payouts: { builder: { transferId: 'tr_1' } } as Order['payouts'] }, 'platform', 1_000_000, 0)).toBe(true);
  });
});

describe('a rate’s button id', () => {
  it('names the order and the rate’s place, and reads back', () => {
    expect(rateButtonId('ord-0001', 2)).toBe('label-rate:ord-0001:2');
    expect(rateFromButton('label-rate:ord-0001:2')).toEqual({ orderId: 'ord-0001', index: 2 });
    expect(rateFromButton('label-rate:ord-0001:0')).toEqual({ orderId: 'ord-0001', index: 0 });
  });

  it('is refused unless exactly one of ours', () => {
    for (const bad of [
      'received:ord-0001',
      'label-rate:ord-0001',
      'label-rate::1',
      'label-rate:ord-0001:3',
      'label-rate:ord-0001:12',
      'label-rate:ord-0001:01',
      'label-rate:5',
      'label-rate:ord-0001:-1',
      'label-rate:ORD/1:1',
      'xlabel-rate:ord-0001:1',
      'label-rank:ord-0001:1',
      'label-rate:ord-0001:a',
    ])
      expect(rateFromButton(bad)).toBeUndefined();
  });
});

describe('the carrier as /c500 ship knows it', () => {
  it('maps the carriers it knows, whatever their spelling, and any other to other', () => {
    expect(knownCarrierOf('USPS')).toBe('usps');
    expect(knownCarrierOf('UPS')).toBe('ups');
    expect(knownCarrierOf('FedEx')).toBe('fedex');
    expect(knownCarrierOf('DHL Express')).toBe('dhl');
    expect(knownCarrierOf('DHL')).toBe('dhl');
    expect(knownCarrierOf('Royal Mail')).toBe('royal-mail');
    expect(knownCarrierOf('Royal  Mail')).toBe('royal-mail');
    expect(knownCarrierOf('RoyalMail')).toBe('royal-mail');
    expect(knownCarrierOf('Canada_Post')).toBe('canada-post');
    expect(knownCarrierOf('CanadaPost')).toBe('canada-post');
    expect(knownCarrierOf('Australia Post')).toBe('australia-post');
    expect(knownCarrierOf('AustraliaPost')).toBe('australia-post');
    expect(knownCarrierOf('LaserShip')).toBe('other');
  });
});

describe('the order’s address for the carrier', () => {
  it('carries every line given, the country in capitals', () => {
    expect(carrierAddressOf({ name: 'Ana', line1: '1 Main', line2: 'Apt 2', city: 'Portland', state: 'OR', postalCode: '97204', country: 'us' })).toEqual({
      name: 'Ana',
      street1: '1 Main',
      street2: 'Apt 2',
      city: 'Portland',
      state: 'OR',
      zip: '97204',
      country: 'US',
    });
    expect(carrierAddressOf({ name: 'Lee', line1: '10 Downing St', city: 'London', postalCode: 'SW1A 2AA', country: 'GB' })).toStrictEqual({
      name: 'Lee',
      street1: '10 Downing St',
      city: 'London',
      zip: 'SW1A 2AA',
      country: 'GB',
    });
  });
});
