/**
 * @module confirm-received
 * The **Received** button in the buyer's shipping DM. Only the buyer's press counts; anyone
 * else is told so privately and nothing changes. The press lets the order's last payout go at
 * once (orders' delivery-gate). A press delivered again, or pressed twice, answers as the first
 * did; the builder is told once.
 */
import type { Clock, DiscordMessage, DiscordMessenger, DocumentStore } from '../../ports';
import { invoker, refusals, tellOnce, type Interaction } from '../../discord';
import { orderPath, type Order, applyOrderFact } from '../../orders';
import { judgeReceivedPress, orderIdFromReceived } from '../rules/delivery';
import { builderReceived, receivedAnswers } from '../rules/ship-messages';

export async function confirmReceived(
  deps: {
    store: DocumentStore;
    discord: DiscordMessenger;
    clock: Clock;
    /** Sends the order's last payout, which the buyer's Received lets go at once (live's `releaseWaitingOrder`). */
    releaseWaiting: (orderId: string) => Promise<void>;
  },
  interaction: Interaction,
): Promise<DiscordMessage> {
  const orderId = orderIdFromReceived(interaction.data?.custom_id ?? '');
  const presser = invoker(interaction);
  if (!orderId || !presser) return refusals.staleComponent;
  const outcome = await deps.store.runTransaction(async (tx): Promise<DiscordMessage | Order> => {
    const order = await tx.get(orderPath(orderId));
    const press = judgeReceivedPress(order, presser.id, interaction.guild_id);
    if (press.kind === 'refused') return press.reason === 'not-shipped' && order ? receivedAnswers.notShipped(order) : receivedAnswers.notYours;
    // This very press, delivered again: it finishes as the first would have (the builder told once).
    if (press.kind === 'already')
      return order?.receivedByInteraction === interaction.id ? order : receivedAnswers.already({ orderId }, press.receivedAt, press.by);
    // A press judged fine is on a stored order: this only tells the compiler so.
    if (!order) return receivedAnswers.notYours;
    return applyOrderFact(tx, order, { kind: 'received', at: deps.clock.now().toISOString(), by: 'buyer', byInteraction: interaction.id });
  });
  if (!('orderId' in outcome)) return outcome;
  // The buyer has it: the last payout goes now (a redelivered press asks again, and the release goes once).
  if (outcome.lastPayoutAt === 'delivery') await deps.releaseWaiting(outcome.orderId);
  await tellOnce(deps, `received:${outcome.orderId}`, outcome.builderId, builderReceived(outcome));
  return receivedAnswers.confirmed(outcome);
}
