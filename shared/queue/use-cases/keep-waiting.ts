/**
 * @module keep-waiting
 * The buyer's **Keep waiting** on a late (or moved) commission: their place stays, and the
 * Cancel button keeps working until the build is done.
 */
import type { Clock, DiscordMessage, DocumentStore } from '../../ports';
import { invoker, refusals, type Interaction } from '../../discord';
import { orderPath, applyOrderFact } from '../../orders';
import { cancelRefusal, orderIdFromWait } from '../rules/late';
import { cancelAnswers } from '../rules/late-messages';

export async function keepWaiting(deps: { store: DocumentStore; clock: Clock }, interaction: Interaction): Promise<DiscordMessage> {
  const orderId = orderIdFromWait(interaction.data?.custom_id ?? '');
  const buyer = invoker(interaction);
  if (!orderId || !buyer) return refusals.staleComponent;
  const now = deps.clock.now();
  return deps.store.runTransaction(async (tx) => {
    const order = await tx.get(orderPath(orderId));
    const refusal = cancelRefusal(order, buyer.id, interaction.guild_id, now);
    if (refusal || !order?.commission) return cancelAnswers.of(refusal ?? 'not-found', orderId);
    if (!order.commission.keptWaitingAt) applyOrderFact(tx, order, { kind: 'place-kept', at: now.toISOString() });
    return cancelAnswers.keepWaiting(order);
  });
}
