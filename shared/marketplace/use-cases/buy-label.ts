/**
 * @module buy-label
 * A rate's button, pressed: the label is bought once, whatever happens. The chosen rate is
 * written on the order before the carrier is asked; the carrier's shipment is read back
 * before any purchase, so a press delivered again, pressed twice, or retried after a crash
 * between the purchase and its record finds the label already bought and buys no second one.
 * Once bought, in one transaction: the label on the order, the order shipped, and the label's
 * cost in the journal (the builder's debt, netted from their release; or C500's own cost when
 * shipping was free). Then the builder gets the label's link by DM, the buyer the tracking.
 * The button's id is input: the order must be the presser's, in this server, paid and not
 * shipped, and the rate one the order was offered.
 */
import type { CarrierLabel, DiscordMessage, Transaction } from '../../ports';
import { invoker, refusals, tellOnce, type Interaction } from '../../discord';
import { applyOrderFact, orderPath, type Order, type OrderLabel } from '../../orders';
import { debtEntryIds, readAccount, writeMove } from '../../debts';
import { readEntries, writeEntry } from '../../journal';
import { buyerShipped } from '../rules/ship-messages';
import { trackingOf } from '../rules/tracking';
import { knownCarrierOf, labelCovered, rateFromButton } from '../rules/labels';
import { labelEntryIds, platformLabelEntry } from '../rules/label-journal';
import { builderLabelDm, labelBought, labelRefusals } from '../rules/label-messages';
import { shippableBy, type LabelDeps, type Shipper } from './offer-labels';
import { carrierWords } from './carrier-words';

export async function buyLabel(deps: LabelDeps, interaction: Interaction): Promise<DiscordMessage> {
  const pressed = rateFromButton(interaction.data?.custom_id ?? '');
  const user = invoker(interaction);
  if (!pressed || !user || !interaction.guild_id) return refusals.staleComponent;
  return buyOfferedLabel(deps, { guildId: interaction.guild_id, user }, pressed, interaction.id, 'press');
}

/**
 * One order's offered rate bought, once, as a press buys it: a rate's button (`press`: the
 * builder gets the label's link by DM), or a shipping wave's batch (`wave`: the wave's one
 * summary carries the links instead). `byInteraction` is the press that asked for it.
 */
export async function buyOfferedLabel(
  deps: LabelDeps,
  place: Shipper,
  pressed: { orderId: string; index: number },
  byInteraction: string,
  by: 'press' | 'wave',
): Promise<DiscordMessage> {
  const { user } = place;
  const asked = await deps.store.runTransaction(async (tx): Promise<DiscordMessage | { order: Order; label: OrderLabel }> => {
    const stored = await tx.get(orderPath(pressed.orderId));
    // A label chosen already is finished, never replaced: this press (or its redelivery) resumes it.
    if (stored?.label && stored.guildId === place.guildId && stored.builderId === user.id) return { order: stored, label: stored.label };
    const order = shippableBy(stored, pressed.orderId, place);
    if (!('orderId' in order)) return order;
    const rate = order.labelQuote?.rates[pressed.index];
    if (!order.labelQuote || !rate) return labelRefusals.stale(order.orderId);
    const { payer, shipmentId } = order.labelQuote;
    const account = await readAccount(tx, order.guildId, order.builderId, debtEntryIds.shippingLabel(shipmentId));
    if (!labelCovered(order, payer, rate.amountCents, account.debt?.owedCents ?? 0)) return labelRefusals.notCovered(order, rate.amountCents);
    const label: OrderLabel = { shipmentId, rate, payer, byInteraction, askedAt: deps.clock.now().toISOString() };
    return { order: applyOrderFact(tx, order, { kind: 'label-asked', label }), label };
  });
  if (!('label' in asked)) return asked;
  if (asked.label.trackingCode) return finish(deps, asked.order, asked.label, by);

  let bought: CarrierLabel;
  try {
    bought = await purchase(deps, asked.label);
  } catch (error) {
    const words = carrierWords(error);
    if (words === undefined) throw error;
    return labelRefusals.carrierRefused(asked.order.orderId, words);
  }
  const order = await deps.store.runTransaction((tx) => recordBought(tx, asked.order.orderId, bought, deps.clock.now().toISOString()));
  return order?.label ? finish(deps, order, order.label, by) : refusals.staleComponent;
}

/** The shipment read back first: a label it holds was bought by an earlier try, and is the answer. */
export async function purchase(deps: LabelDeps, label: OrderLabel): Promise<CarrierLabel> {
  const there = (await deps.carrier.shipment(label.shipmentId)).label;
  return there ?? deps.carrier.buy(label.shipmentId, label.rate.rateId);
}

/**
 * The label on the order, the order shipped (or, for an admin's reship, following the new
 * parcel), and the label's cost in the journal: once, whichever try gets here.
 */
export async function recordBought(tx: Transaction, orderId: string, bought: CarrierLabel, at: string): Promise<Order | undefined> {
  const order = await tx.get(orderPath(orderId));
  const label = order?.label;
  if (!order || !label) return undefined;
  const cents = label.rate.amountCents;
  const account = label.payer === 'builder' ? await readAccount(tx, order.guildId, order.builderId, debtEntryIds.shippingLabel(label.shipmentId)) : undefined;
  const own = label.payer === 'platform' ? await readEntries(tx, [labelEntryIds.bought(label.shipmentId)]) : undefined;
  if (label.trackingCode) return order;
  let next = applyOrderFact(tx, order, {
    kind: 'label-bought',
    trackingCode: bought.trackingCode,
    labelUrl: bought.labelUrl,
    ...(bought.trackerId ? { trackerId: bought.trackerId } : {}),
    at,
  });
  if (next.status === 'paid' || next.status === 'building') {
    next = applyOrderFact(tx, next, { kind: 'shipped', at, ...shippedBy(bought), byInteraction: label.byInteraction });
  } else if (next.parcelChoice?.kind === 'reship' && next.parcelChoice.shipmentId === label.shipmentId) {
    next = applyOrderFact(tx, next, { kind: 'reshipped', ...shippedBy(bought), at });
  }
  if (account)
    writeMove(tx, account, {
      entryId: debtEntryIds.shippingLabel(label.shipmentId),
      kind: 'shipping-label',
      guildId: order.guildId,
      userId: order.builderId,
      orderId: order.orderId,
      party: 'builder',
      amountCents: cents,
      currency: label.rate.currency,
      reason: `shipping label for ${order.orderId} (${label.rate.carrier} ${label.rate.service})`,
      at,
    });
  if (own) writeEntry(tx, own, platformLabelEntry(order, label, at));
  return next;
}

/** The order's tracking as a bought label gives it: its carrier as C500 knows carriers, and their tracking page. */
function shippedBy(bought: CarrierLabel): { tracking: string; carrier: Order['carrier'] & string; trackingUrl?: string } {
  const carrier = knownCarrierOf(bought.carrier);
  const read = trackingOf(carrier, bought.trackingCode);
  return { tracking: bought.trackingCode, carrier, ...(read.ok && read.trackingUrl ? { trackingUrl: read.trackingUrl } : {}) };
}

/** The builder's DM with the label, the buyer's with the tracking (each once), and the press's answer. */
async function finish(deps: LabelDeps, order: Order, label: OrderLabel, by: 'press' | 'wave'): Promise<DiscordMessage> {
  if (by === 'press') await tellOnce(deps, `label:${order.orderId}`, order.builderId, builderLabelDm(order, label));
  if (order.status === 'shipped') await tellOnce(deps, `shipped:${order.orderId}`, order.buyerId, buyerShipped(order));
  return labelBought(order, label);
}
