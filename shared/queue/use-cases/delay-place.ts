/**
 * @module delay-place
 * `/c500 queue delay order:<id> weeks:<n> reason:<text>`: the builder moves a commission's
 * promised date, once per order, with a reason the buyer reads. The buyer is told, with
 * **Cancel and refund** and **Keep waiting** (a moved date is a right to cancel, as a late
 * one is), and the late check moves to the new date. Redelivered, it answers as the first.
 */
import { withJournal } from '../../journal';
import type { Clock, DiscordMessage, DiscordMessenger, DocumentStore, TaskQueue } from '../../ports';
import { commandCall, placeOf, refusals, tellOnce, type Interaction } from '../../discord';
import { isOrderIdShaped, normalizeOrderId } from '../../common';
import { orderPath, type Order, applyOrderFact } from '../../orders';
import { delayedDate, isPlaced } from '../rules/queue-line';
import { cancelRefundCents } from '../rules/late';
import { delayAnswers, delayNotice } from '../rules/late-messages';
import { closedDmFallback } from './closed-dm-fallback';
import { readDelayForm } from '../rules/delay-form';
import { scheduleLateCheck } from './late-check';

export interface DelayPlaceDeps {
  store: DocumentStore;
  discord: DiscordMessenger;
  clock: Clock;
  tasks: TaskQueue;
  /** Where a buyer whose DMs are closed is told instead: their drop's channel (the marketplace's, wired above the modules). */
  orderChannel: (order: Order) => Promise<string | undefined>;
}

export async function delayPlace(deps: DelayPlaceDeps, interaction: Interaction): Promise<DiscordMessage> {
  const place = placeOf(interaction);
  if (!place) return refusals.guildOnly;
  const { options } = commandCall(interaction);
  const orderId = normalizeOrderId(String(options.order ?? ''));
  if (!isOrderIdShaped(orderId)) return delayAnswers.notFound(orderId);
  const form = readDelayForm(options);
  if (!form.ok) return delayAnswers.invalid(form.problem);
  const at = deps.clock.now().toISOString();
  const moved = await deps.store.runTransaction(async (tx): Promise<Order | DiscordMessage> => {
    const order = await tx.get(orderPath(orderId));
    // Only the builder's own order, in the server it was bought in: anyone else's reads as unknown.
    if (!order?.commission || order.builderId !== place.user.id || order.guildId !== place.guildId) return delayAnswers.notFound(orderId);
    // A group buy's order has no place in the line: its promise is the ship month's end, which is not moved.
    if (order.source === 'groupbuy') return delayAnswers.groupBuy(orderId);
    if (!isPlaced(order)) return delayAnswers.ended(orderId);
    const delay = order.commission.delay;
    // This very command, delivered again, finishes as the first; any other is a second move.
    if (delay) return delay.byInteraction === interaction.id ? order : delayAnswers.usedOnce(orderId);
    const promisedAt = delayedDate(order.commission.promisedAt, form.weeks).toISOString();
    const moved = { weeks: form.weeks, reason: form.reason, at, fromPromisedAt: order.commission.promisedAt, byInteraction: interaction.id };
    return applyOrderFact(tx, order, { kind: 'place-moved', promisedAt, delay: moved });
  });
  if (!('orderId' in moved) || !moved.commission?.promisedAt || !moved.commission.delay) return moved as DiscordMessage;
  const { promisedAt, delay } = moved.commission;
  await scheduleLateCheck(deps.tasks, { orderId, promisedAt });
  const { order: withMoney, entries } = await withJournal(deps.store, moved);
  const notice = delayNotice(moved, delay.weeks, delay.reason, promisedAt, cancelRefundCents(withMoney, entries));
  await tellOnce(deps, `delayed:${orderId}`, moved.buyerId, notice, closedDmFallback(deps, moved, 'moved'));
  return delayAnswers.moved(moved, promisedAt);
}
