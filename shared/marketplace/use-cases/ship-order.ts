/**
 * @module ship-order
 * `/c500 ship order:<id> tracking:<number> [carrier:<c>]`: only the order's builder marks it
 * shipped; the carrier, the number and (for a known carrier) the tracking page are kept, and
 * the buyer gets them by DM with a **Received** button. With no tracking number, the carrier's
 * cheapest rates are offered as buttons instead (offer-labels), a press buying the label.
 */
import type { Carrier, Clock, DiscordMessage, DiscordMessenger, DocumentStore } from '../../ports';
import { commandCall, type Interaction, refusals, tellOnce, placeOf } from '../../discord';
import { normalizeOrderId, orderPath, type Order, applyOrderFact } from '../../orders';
import { buyerShipped, shipped, shipRefusals } from '../rules/ship-messages';
import { trackingOf } from '../rules/tracking';
import { offerLabels } from './offer-labels';

export async function shipOrder(
  deps: { store: DocumentStore; discord: DiscordMessenger; clock: Clock; carrier: Carrier },
  interaction: Interaction,
): Promise<DiscordMessage> {
  const place = placeOf(interaction);
  if (!place) return refusals.guildOnly;
  const { user } = place;
  const { options } = commandCall(interaction);
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
  return shipped(outcome);
}
