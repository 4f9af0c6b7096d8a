/**
 * @module cancel-group-buy
 * `/groupbuy cancel id:<…>`: its builder calls it off (call-off's rules say when). One
 * transaction marks it `cancelled`, so a Join, a saved card or the close that comes after it
 * finds it called off; then the `cancel` chain is armed on the group buy's queue, whose batches
 * let the pledges go (before the close) or refund the orders in full (after it), telling each
 * member once (call-off). Nothing of Stripe is asked here. A redelivered command answers as the
 * first and arms the same chain (one task by its name).
 */
import type { Clock, DiscordMessage, DiscordMessenger, DocumentStore, TaskQueue, Transaction } from '../../ports';
import { commandCall, placeOf, refusals, type Interaction } from '../../discord';
import { ordersCollection } from '../../orders';
import { groupBuyPath, pledgesCollection, type GroupBuy } from '../rules/group-buy';
import { readCancelForm } from '../rules/group-buy-forms';
import { type CallOff, callOffOf, provedOrder, refundedAtCallOff, releasedAtCallOff } from '../rules/call-off';
import { callOffChain } from '../rules/charge-tasks';
import { cancelAnswers } from '../rules/call-off-messages';
import { scheduleChargeBatch } from './close-deps';
import { followGroupBuyPost } from './group-buy-posts';

export interface CancelGroupBuyDeps {
  store: DocumentStore;
  discord: DiscordMessenger;
  clock: Clock;
  tasks: TaskQueue;
}

type Decided = { answer: DiscordMessage } | { cancelled: GroupBuy; members: number };

export async function cancelGroupBuy(deps: CancelGroupBuyDeps, interaction: Interaction): Promise<DiscordMessage> {
  const place = placeOf(interaction);
  if (!place) return refusals.guildOnly;
  const read = readCancelForm(commandCall(interaction).options);
  if (!read.ok) return cancelAnswers.invalid(read.problem);
  const { groupBuyId } = read.form;
  const at = deps.clock.now().toISOString();
  const decided = await deps.store.runTransaction(async (tx): Promise<Decided> => {
    const groupBuy = await tx.get(groupBuyPath(groupBuyId));
    if (!groupBuy || groupBuy.guildId !== place.guildId || groupBuy.builderId !== place.user.id) return { answer: cancelAnswers.notFound(groupBuyId) };
    // This very command, delivered again: it finishes as the first.
    if (groupBuy.cancelled?.byInteraction === interaction.id) return { cancelled: groupBuy, members: await membersOf(tx, groupBuy) };
    const callOff = callOffOf(groupBuy);
    if (callOff.kind === 'refused') return { answer: refused(groupBuy, callOff.why) };
    if (callOff.kind === 'after-close') {
      const orders = (await tx.query(ordersCollection, { where: [['sourceId', '==', groupBuyId]] })).map((d) => d.data).filter((o) => o.source === 'groupbuy');
      const proved = provedOrder(orders);
      if (proved) return { answer: cancelAnswers.proved(groupBuy, proved.orderId) };
    }
    const cancelled = { at, byInteraction: interaction.id, afterClose: callOff.kind === 'after-close' };
    const now: GroupBuy = { ...groupBuy, status: 'cancelled', cancelled };
    // Every read before the write, as Firestore's transactions ask.
    const members = await membersOf(tx, now);
    tx.update(groupBuyPath(groupBuyId), { status: 'cancelled', cancelled });
    return { cancelled: now, members };
  });
  if ('answer' in decided) return decided.answer;
  const { cancelled: groupBuy, members } = decided;
  await scheduleChargeBatch(deps.tasks, { groupBuyId, chain: callOffChain, batch: 1 }, deps.clock.now().getTime());
  await followGroupBuyPost(deps, groupBuyId);
  return groupBuy.cancelled?.afterClose ? cancelAnswers.afterClose(groupBuy, members) : cancelAnswers.beforeClose(groupBuy, members);
}

function refused(groupBuy: GroupBuy, why: Extract<CallOff, { kind: 'refused' }>['why']): DiscordMessage {
  switch (why) {
    case 'not-met':
      return cancelAnswers.notMet(groupBuy);
    case 'charging':
      return cancelAnswers.charging(groupBuy);
    case 'cancelled':
      return cancelAnswers.already(groupBuy);
    case 'proved':
      return cancelAnswers.milestoneProved(groupBuy);
  }
}

/** Who the call-off reaches: the pledges it lets go, or (after the close) the orders it refunds. */
async function membersOf(tx: Transaction, groupBuy: GroupBuy): Promise<number> {
  const statuses = groupBuy.cancelled?.afterClose ? refundedAtCallOff : releasedAtCallOff;
  return (await tx.query(pledgesCollection(groupBuy.groupBuyId), { where: [['status', 'in', [...statuses]]] })).length;
}
