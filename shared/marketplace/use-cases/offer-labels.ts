/**
 * @module offer-labels
 * `/c500 ship order:<id>` with no tracking number: the order's address is verified with the
 * carrier first (an address it cannot verify asks the buyer to fix it, and nothing is quoted),
 * then the parcel is quoted, with a customs form when it crosses a border, and the cheapest
 * few rates come back as buttons. Nothing is bought here; the offer is kept on the order so a
 * press is checked against what was offered, never against what its button id says.
 */
import type { Carrier, Clock, DiscordMessage, DiscordMessenger, DocumentStore } from '../../ports';
import { tellOnce, type Place } from '../../discord';
import { orderPath, applyOrderFact, type LabelPayer, type OfferedRate, type Order } from '../../orders';
import { shippingProfilePath } from '../../shipping';
import { shipRefusals } from '../rules/ship-messages';
import { carrierAddressOf, customsFormFor, defaultParcels, itemKindOf, labelPayerOf, offeredRates } from '../rules/labels';
import { buyerFixAddress, finishOffer, labelRefusals, rateOffer } from '../rules/label-messages';
import { carrierWords } from './carrier-words';

/** Who ships, where: a command's or a press's place, or a wave's builder (only the id is read). */
export interface Shipper {
  guildId: string;
  user: Pick<Place['user'], 'id'>;
}

export interface LabelDeps {
  store: DocumentStore;
  discord: DiscordMessenger;
  clock: Clock;
  carrier: Carrier;
}

/** The order as the builder may ship it, or the words that say why not. */
export function shippableBy(order: Order | undefined, orderId: string, place: Shipper): Order | DiscordMessage {
  if (!order || order.guildId !== place.guildId) return shipRefusals.notFound(orderId);
  if (order.builderId !== place.user.id) return shipRefusals.notYours(orderId);
  if (order.status === 'shipped') return shipRefusals.already(order);
  if (order.status !== 'paid' && order.status !== 'building') return shipRefusals.notPaid(order);
  return order;
}

export async function offerLabels(deps: LabelDeps, place: Shipper, orderId: string): Promise<DiscordMessage> {
  const order = shippableBy(await deps.store.get(orderPath(orderId)), orderId, place);
  if (!('orderId' in order)) return order;
  const asked = order.label;
  // A label already chosen is finished, never a second one bought: its button resumes the purchase.
  if (asked) {
    const index = order.labelQuote?.rates.findIndex((r) => r.rateId === asked.rate.rateId) ?? -1;
    return index >= 0 ? finishOffer(order, index) : labelRefusals.stale(order.orderId);
  }
  const quoted = await quoteLabels(deps, place, order);
  return 'rates' in quoted ? rateOffer(order, quoted.rates, quoted.payer, quoted.customs) : quoted;
}

/**
 * The order's address verified, its parcel quoted, and the offer kept on the order (what a
 * press is checked against): the rates offered, or the words why none can be (the buyer is
 * asked to fix an address the carrier could not verify). A shipping wave quotes each of its
 * orders through here.
 */
export async function quoteLabels(
  deps: LabelDeps,
  place: Shipper,
  order: Order,
): Promise<DiscordMessage | { rates: OfferedRate[]; payer: LabelPayer; customs: boolean }> {
  const quoted = await quoteParcel(deps, order);
  if (!('shipmentId' in quoted)) return quoted;
  const { shipmentId, rates, payer, customs } = quoted;
  const quote = { shipmentId, rates, payer, quotedAt: deps.clock.now().toISOString() };
  const kept = await deps.store.runTransaction(async (tx) => {
    const now = shippableBy(await tx.get(orderPath(order.orderId)), order.orderId, place);
    if (!('orderId' in now)) return now;
    if (now.label) return labelRefusals.stale(now.orderId);
    applyOrderFact(tx, now, { kind: 'label-quoted', quote });
    return undefined;
  });
  return kept ?? { rates, payer, customs };
}

/**
 * The order's parcel quoted by the carrier, its address verified first (the buyer asked to fix
 * one it cannot verify): the rates C500 offers, or the words why none can be. Nothing is kept:
 * a first label keeps the offer on the order (quoteLabels), a reship buys its cheapest rate.
 */
export async function quoteParcel(
  deps: LabelDeps,
  order: Order,
): Promise<DiscordMessage | { shipmentId: string; rates: OfferedRate[]; payer: LabelPayer; customs: boolean }> {
  if (!order.shippingAddress) return labelRefusals.noAddress(order.orderId);
  const profile = await deps.store.get(shippingProfilePath(order.guildId, order.builderId));
  if (!profile?.shipFrom) return labelRefusals.noShipFrom;

  const checked = await deps.carrier.verifyAddress(carrierAddressOf(order.shippingAddress));
  if (!checked.ok) {
    await tellOnce(deps, `address-unverified:${order.orderId}`, order.buyerId, buyerFixAddress(order, checked.problems));
    return labelRefusals.badAddress(order.orderId, checked.problems);
  }
  const from = { name: order.builderName, ...profile.shipFrom };
  const parcel = defaultParcels[itemKindOf(order.title)];
  const customs = customsFormFor(order, { from: from.country, to: checked.address.country }, parcel);
  let shipment;
  try {
    shipment = await deps.carrier.quote({ from, to: checked.address, parcel, ...(customs ? { customs } : {}), reference: order.orderId });
  } catch (error) {
    const words = carrierWords(error);
    if (words === undefined) throw error;
    return labelRefusals.carrierRefused(order.orderId, words);
  }
  const rates = offeredRates(shipment.rates, order.currency);
  if (rates.length === 0) return labelRefusals.noRates(order.orderId, order.currency);
  return { shipmentId: shipment.id, rates, payer: labelPayerOf(order), customs: customs !== undefined };
}
