/**
 * @module release-by-hand
 * `/order release order:<id>`: a server's admin lets a proved order's held last payout go
 * without its delivery (orders' delivery-gate). The admin's word is recorded on the order (the
 * `payout-freed` fact, with who and when) before anything is sent, so the release that follows
 * is the same one the buyer's Received makes: journaled as every release, and sent once. The
 * command delivered again asks for the release again (one a crash cut short is finished) and
 * answers as the first did; the builder is told once.
 */
import type { Clock, DiscordMessage, DiscordMessenger, DocumentStore } from '../../ports';
import { commandCall, invoker, isGuildAdmin, refusals, tellOnce, type Interaction } from '../../discord';
import { isOrderIdShaped, normalizeOrderId, formatMoney } from '../../common';
import { journalOfOrder, sentBy } from '../../journal';
import { applyOrderFact, orderPath, type Order } from '../../orders';
import { builderReleasedByHand, judgeReleaseByHand, releaseByHandAnswers } from '../rules/release-by-hand';

export interface ReleaseByHandDeps {
  store: DocumentStore;
  discord: DiscordMessenger;
  clock: Clock;
  /** Sends the order's last payout once its gate is open (live's `releaseWaitingOrder`). */
  releaseWaiting: (orderId: string) => Promise<void>;
}

export async function releaseByHand(deps: ReleaseByHandDeps, interaction: Interaction): Promise<DiscordMessage> {
  const admin = invoker(interaction);
  if (!admin || !interaction.guild_id) return refusals.guildOnly;
  if (!isGuildAdmin(interaction)) return releaseByHandAnswers.needsAdmin;
  const orderId = normalizeOrderId(String(commandCall(interaction).options.order ?? ''));
  if (!isOrderIdShaped(orderId)) return releaseByHandAnswers.badOrder(orderId.slice(0, 40));
  const outcome = await deps.store.runTransaction(async (tx): Promise<DiscordMessage | Order> => {
    const order = await tx.get(orderPath(orderId));
    const judged = judgeReleaseByHand(order, interaction.guild_id);
    if (judged.kind === 'refused') return releaseByHandAnswers.refused(orderId, judged.reason, order);
    if (!order) return releaseByHandAnswers.refused(orderId, 'not-found');
    // This very command again: finish as the first would have. Another admin's earlier release: say whose.
    if (judged.kind === 'already')
      return order.payoutFreed?.byInteraction === interaction.id ? order : releaseByHandAnswers.already(order, judged.byUserId, judged.at);
    return applyOrderFact(tx, order, { kind: 'payout-freed', at: deps.clock.now().toISOString(), byUserId: admin.id, byInteraction: interaction.id });
  });
  if (!('orderId' in outcome)) return outcome;
  await deps.releaseWaiting(outcome.orderId);
  const after = (await deps.store.get(orderPath(outcome.orderId))) ?? outcome;
  // What the release's transfer sent, as the journal has it (a debt netted from it is not sent).
  const transferId = after.payouts.builder.transferId;
  const sent = transferId
    ? formatMoney({ cents: sentBy(await journalOfOrder(deps.store, after.orderId), after.currency, transferId), currency: after.currency })
    : undefined;
  await tellOnce(deps, `payout-freed:${outcome.orderId}`, outcome.builderId, builderReleasedByHand(outcome));
  return releaseByHandAnswers.released(after, sent);
}
