/**
 * @module labels
 * Labels in one press (issue 78), as values: the parcel an item ships in, the few rates
 * offered as buttons, the customs form a parcel crossing a border needs, who pays for the
 * label, and whether the builder's money on the order covers it. The press's button id is
 * input: it names an order and a place in the offered rates, read strictly.
 */
import { amountStep, isOrderIdShaped } from '../../common';
import type { LabelPayer, OfferedRate, Order, ShippingAddress } from '../../orders';
import type { CarrierAddress, CarrierParcel, CarrierRate, CustomsForm } from '../../ports';

/** What the listing sells, for the parcel and the customs form: a whole keyboard, or parts of one. */
export type ItemKind = 'keyboard' | 'part';

/** The Harmonized System numbers customs read: keyboards 8471.60 (input units), their parts 8473.30. */
export const tariffNumbers: Readonly<Record<ItemKind, string>> = { keyboard: '8471.60', part: '8473.30' };

/** The default parcel per kind when the builder set none: a boxed keyboard about 5 lb, parts about 1 lb. */
export const defaultParcels: Readonly<Record<ItemKind, CarrierParcel>> = {
  keyboard: { weightOz: 80, lengthIn: 18, widthIn: 8, heightIn: 5 },
  part: { weightOz: 16, lengthIn: 10, widthIn: 6, heightIn: 3 },
};

const partWords = /\b(keycaps?|switch(es)?|stabs?|stabili[sz]ers?|plates?|pcbs?|cables?|foam|knobs?|springs?|parts?|artisans?|deskmats?)\b/i;

/** A listing named for parts (keycaps, switches, a PCB…) ships as parts; anything else as a keyboard. */
export function itemKindOf(title: string): ItemKind {
  return partWords.test(title) ? 'part' : 'keyboard';
}

/** How many rates are offered as buttons: one row of Discord's buttons, cheapest first. */
export const offeredRateCount = 3;

/**
 * The rates offered: those in the order's currency (a label's cost is charged in the order's
 * money), priced in whole positive cents, cheapest first, then fastest, then by name, at most
 * `offeredRateCount`.
 */
export function offeredRates(rates: readonly CarrierRate[], currency: string): OfferedRate[] {
  const wanted = currency.toLowerCase();
  return rates
    .filter((r) => r.currency.toLowerCase() === wanted && Number.isSafeInteger(r.amountCents) && r.amountCents > 0)
    .sort(
      (a, b) =>
        a.amountCents - b.amountCents ||
        (a.deliveryDays ?? Infinity) - (b.deliveryDays ?? Infinity) ||
        `${a.carrier} ${a.service}`.localeCompare(`${b.carrier} ${b.service}`),
    )
    .slice(0, offeredRateCount)
    .map((r) => ({
      rateId: r.id,
      carrier: r.carrier,
      service: r.service,
      amountCents: r.amountCents,
      currency: wanted,
      ...(r.deliveryDays !== undefined ? { deliveryDays: r.deliveryDays } : {}),
    }));
}

/** The order's address as the carrier takes it. */
export function carrierAddressOf(address: ShippingAddress): CarrierAddress {
  return {
    name: address.name,
    street1: address.line1,
    ...(address.line2 ? { street2: address.line2 } : {}),
    city: address.city,
    ...(address.state ? { state: address.state } : {}),
    zip: address.postalCode,
    country: address.country.toUpperCase(),
  };
}

/** Customs read at most this much of a description. */
export const customsDescriptionLength = 50;

/**
 * The customs form of a parcel crossing a border, filled from the listing: what it is (its
 * title), one of it, worth what the buyer paid for it, the parcel's weight, made where the
 * builder is, and its tariff number. None for a parcel that stays in the country.
 */
export function customsFormFor(
  order: Pick<Order, 'title' | 'amountCents' | 'builderName'>,
  route: { from: string; to: string },
  parcel: CarrierParcel,
): CustomsForm | undefined {
  if (route.from.toUpperCase() === route.to.toUpperCase()) return undefined;
  const kind = itemKindOf(order.title);
  // A title of only spaces names no part, so what it describes is a keyboard.
  const description = order.title.replace(/\s+/g, ' ').trim().slice(0, customsDescriptionLength) || 'Keyboard';
  return {
    signer: order.builderName,
    lines: [
      {
        description,
        quantity: 1,
        valueCents: order.amountCents,
        weightOz: parcel.weightOz,
        hsTariffNumber: tariffNumbers[kind],
        originCountry: route.from.toUpperCase(),
      },
    ],
  };
}

/** The builder pays for the label from their share, unless the buyer paid no shipping on a listing that charges it (shipping was free): then C500 does. */
export function labelPayerOf(order: Pick<Order, 'shippingCents'>): LabelPayer {
  return order.shippingCents === 0 ? 'platform' : 'builder';
}

/**
 * Whether a label the builder pays for can be netted from their money on this order: their
 * share not yet sent, less what they already owe C500 here, must cover the label and still
 * leave one step of the currency to send (a release of nothing is no transfer). A label C500
 * pays is always covered.
 */
export function labelCovered(
  order: Pick<Order, 'builderShareCents' | 'shippingCents' | 'currency' | 'payouts'>,
  payer: LabelPayer,
  labelCents: number,
  owedCents: number,
): boolean {
  if (payer === 'platform') return true;
  if (order.payouts.builder.transferId !== undefined || order.payouts.builder.releasing) return false;
  const due = order.builderShareCents + (order.shippingCents ?? 0);
  return due - Math.max(0, owedCents) - labelCents >= amountStep(order.currency);
}

const ratePrefix = 'label-rate:';

/** A rate's button: the order and the rate's place in the offer. */
export const rateButtonId = (orderId: string, index: number): string => `${ratePrefix}${orderId}:${index}`;

/** The order and the offered rate's place a button names, or undefined for anything that is not exactly one of ours. */
export function rateFromButton(customId: string): { orderId: string; index: number } | undefined {
  if (!customId.startsWith(ratePrefix)) return undefined;
  const rest = customId.slice(ratePrefix.length);
  // No `:` (-1) or nothing before it leaves an empty order id, which its shape check refuses.
  const cut = rest.lastIndexOf(':');
  const orderId = rest.slice(0, cut);
  const place = rest.slice(cut + 1);
  if (!isOrderIdShaped(orderId) || !/^[0-9]$/.test(place)) return undefined;
  const index = Number(place);
  return index < offeredRateCount ? { orderId, index } : undefined;
}

/** The carrier's name as `/c500 ship` knows carriers (`USPS` → `usps`), `other` for one it does not. */
export function knownCarrierOf(carrier: string): Order['carrier'] & string {
  const name = carrier.toLowerCase().replace(/[\s_]+/g, '-');
  const known: Record<string, Order['carrier'] & string> = {
    usps: 'usps',
    ups: 'ups',
    fedex: 'fedex',
    dhl: 'dhl',
    'dhl-express': 'dhl',
    'royal-mail': 'royal-mail',
    royalmail: 'royal-mail',
    'canada-post': 'canada-post',
    canadapost: 'canada-post',
    'australia-post': 'australia-post',
    australiapost: 'australia-post',
  };
  return known[name] ?? 'other';
}
