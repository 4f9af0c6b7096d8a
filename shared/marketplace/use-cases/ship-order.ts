/**
 * @module ship-order
 * `/c500 ship order:<id> tracking:<number> [carrier:<c>]`: only the order's builder marks it
 * shipped; the carrier, the number and (for a known carrier) the tracking page are kept, and
 * the buyer gets them by DM with a **Received** button. A known carrier's number starts the
 * carrier's tracker, so its webhooks move the order (track-parcel) as a bought label's do.
 * With no tracking number, the carrier's cheapest rates are offered as buttons instead
 * (offer-labels), a press buying the label (buy-label); `order:groupbuy:<id>` or `order:show:<id>`
 * offers a shipping wave, a label for each of their orders (offer-label-wave).
 */
import type { Carrier, Clock, DiscordMessage, DiscordMessenger, DocumentStore } from '../../ports';
import { commandCall, type Interaction, refusals, tellOnce, placeOf } from '../../discord';
import { normalizeOrderId, orderPath, type Order, applyOrderFact } from '../../orders';
import { buyerShipped, shipped, shipRefusals } from '../rules/ship-messages';
import { easyPostCarrierOf, trackingOf } from '../rules/tracking';
import { log } from '../../log';
import { offerLabels } from './offer-labels';
import { offerLabelWave } from './offer-label-wave';
import { waveSourceOf } from '../rules/label-waves';
import { waveRefusals } from '../rules/label-wave-messages';

export interface ShipOrderDeps {
  store: DocumentStore;
  discord: DiscordMessenger;
  clock: Clock;
  carrier: Carrier;
}

export async function shipOrder(deps: ShipOrderDeps, interaction: Interaction): Promise<DiscordMessage> {
  const place = placeOf(interaction);
  if (!place) return refusals.guildOnly;
  const { user } = place;
  const { options } = commandCall(interaction);
  const wave = waveSourceOf(String(options.order ?? ''));
  if (wave)
    return options.tracking === undefined && options.carrier === undefined ? offerLabelWave(deps, place, wave, interaction.id) : waveRefusals.trackingWithWave;
  const orderId = normalizeOrderId(String(options.order ?? ''));
  if (options.tracking === undefined && options.carrier === undefined) return offerLabels(deps, place, orderId);
  const read = trackingOf(options.carrier, options.tracking);
  if (!read.ok) return shipRefusals[read.problem];

  const outcome = await deps.store.runTransaction(async (tx): Promise<DiscordMessage | Order> => {
    const order = await tx.get(orderPath(orderId));
    if (!order || order.guildId !== place.guildId) return shipRefusals.notFound(orderId);
    if (order.builderId !== user.id) return shipRefusals.notYours(orderId);
    // The very `/c500 ship` that shipped it, delivered again: it answers as it would have, and the buyer is told once.
    if (order.status === 'shipped') return order.shippedByInteraction === interaction.id ? order : shipRefusals.already(order);
    if (order.status !== 'paid' && order.status !== 'building') return shipRefusals.notPaid(order);
    return applyOrderFact(tx, order, {
      kind: 'shipped',
      at: deps.clock.now().toISOString(),
      tracking: read.tracking,
      carrier: read.carrier,
      ...(read.trackingUrl ? { trackingUrl: read.trackingUrl } : {}),
      byInteraction: interaction.id,
    });
  });
  if (!('orderId' in outcome)) return outcome;
  await tellOnce(deps, `shipped:${outcome.orderId}`, outcome.buyerId, buyerShipped(outcome));
  await startTracker(deps, outcome);
  return shipped(outcome);
}

/**
 * The carrier follows the number from now on. A redelivered command asks again, which the
 * carrier answers with the tracker it has. A carrier that refuses or is down costs the order
 * nothing but its tracking: it stays shipped, and the buyer's Received (or the timeout) still
 * ends it.
 */
async function startTracker(deps: ShipOrderDeps, order: Order): Promise<void> {
  const carrier = order.carrier ? easyPostCarrierOf(order.carrier) : undefined;
  if (!carrier || !order.tracking) return;
  try {
    await deps.carrier.track(order.tracking, carrier);
  } catch (error) {
    log.warn('the carrier did not start a tracker', {
      event: 'carrier.track-failed',
      orderId: order.orderId,
      error: error instanceof Error ? error.message : String(error),
    });
  }
}
