/**
 * @module fan-out-milestone
 * A group buy's milestone, proved once live, reaching its orders a batch at a time (the
 * `groupbuy-milestone` queue's tasks, armed by prove-group-buy and then by each batch for the
 * next). Each order is proved exactly as `/c500 live mode:order:<id> milestone:<m>` proves it
 * (prove-milestone, or prove-order for `done`), under the group buy's command and moment: the
 * same refusals (a refunded or cancelled order is skipped), the tranche keyed by order and
 * milestone and fixed before Stripe is asked, debts netted, disputes holding, the buyer told
 * once. So a batch run twice (a redelivery, or two runs side by side) finds each order's proof
 * its own and sends nothing twice. The orders are taken by id, after the last the batch before
 * took; when none is left the builder gets one DM that sums the batches up. Batch work
 * (stripe-work): a fan-out's transfers, up to thousands, leave the Stripe budget's last tokens
 * to a person's press.
 */
import type { Clock, DiscordMessenger, DocumentStore, Payments, TaskQueue } from '../../ports';
import { builderPath, type Builder, type TwitchLink } from '../../onboarding';
import { orderPath, ordersCollection, type Order } from '../../orders';
import { groupBuyPath, type GroupBuy, type GroupBuyMilestone } from '../../groupbuys';
import { journalOfOrder, sentBy } from '../../journal';
import { tellOnce } from '../../discord';
import { log } from '../../log';
import { addTallies, fanOutPace, milestoneFanOutPath, tallyOf, type FanOutTally, type MilestoneFanOut, type MilestoneTask } from '../rules/group-buy-fan-out';
import { fanOutSummary } from '../rules/group-buy-proof-messages';
import { mediaOfGroupBuyProof } from '../rules/proof-media';
import { proveMilestone } from './prove-milestone';
import { proveOrder, type ProveOrderDeps } from './prove-order';
import { scheduleMilestoneBatch } from './prove-group-buy';
import { asBatchWork } from '../../stripe-work';

export interface FanOutDeps {
  store: DocumentStore;
  discord: DiscordMessenger;
  payments: Payments;
  clock: Clock;
  tasks: TaskQueue;
}

type Linked = Builder & { twitch: TwitchLink };

export function runMilestoneBatch(deps: FanOutDeps, task: MilestoneTask): Promise<void> {
  return asBatchWork(() => runBatch(deps, task));
}

async function runBatch(deps: FanOutDeps, task: MilestoneTask): Promise<void> {
  const fanOutPath = milestoneFanOutPath(task.groupBuyId, task.milestone);
  const [groupBuy, fanOut] = [await deps.store.get(groupBuyPath(task.groupBuyId)), await deps.store.get(fanOutPath)];
  const proof = groupBuy?.milestones?.find((m) => m.milestone === task.milestone);
  if (!groupBuy || !proof || !fanOut) return void log.warn('a group buy milestone task for no proof', { ...task });
  // The last batch run again (its DM's delivery failed, or a redelivery): the summary, told once.
  if (fanOut.finishedAt) return tellSummary(deps, groupBuy, fanOut);
  // This batch armed its successor already: the successor proves the next orders, a second after this one first ended.
  if ((fanOut.armed ?? 0) >= task.batch) return;
  const builder = await deps.store.get(builderPath(groupBuy.builderId));
  if (!builder) return void log.error('a group buy’s builder is gone; its milestone reaches no order', { ...task });
  const orders = await ordersAfter(deps.store, task);
  const settled = await Promise.allSettled(orders.map((o) => proveOne(deps, onChannelOf(builder, proof), proof, o.orderId)));
  // Every order of the batch ends before a failure of one fails the task (the queue runs it again: each order's own proof is the cursor).
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) throw failed.reason;
  const tally = addTallies(settled.map((s) => (s as PromiseFulfilledResult<FanOutTally>).value));
  const last = orders.length < fanOutPace.batchSize;
  const recorded = await recordBatch(deps, task, tally, last);
  log.info('group buy: a batch of a milestone’s orders', { event: 'groupbuy.milestone-batch', ...task, orders: orders.length, proved: tally.proved });
  if (last) return recorded ? tellSummary(deps, groupBuy, recorded) : undefined;
  // Measured from the end of this batch: no second of Stripe's holds the transfers of two batches.
  const next: MilestoneTask = { ...task, batch: task.batch + 1, after: (orders.at(-1) as Order).orderId };
  await scheduleMilestoneBatch(deps.tasks, next, deps.clock.now().getTime() + fanOutPace.spacingMs);
  await deps.store.update(fanOutPath, { armed: task.batch });
}

/** The group buy's orders after the last one the batch before took, by id. */
async function ordersAfter(store: DocumentStore, task: MilestoneTask): Promise<Order[]> {
  const found = await store.query(ordersCollection, {
    // The first batch takes them from the start: every order id comes after the empty one.
    where: [
      ['source', '==', 'groupbuy'],
      ['sourceId', '==', task.groupBuyId],
      ['orderId', '>', task.after ?? ''],
    ],
    orderBy: [['orderId', 'asc']],
    limit: fanOutPace.batchSize,
  });
  return found.map((d) => d.data);
}

/** The builder on the channel the proof was made on (the link of that moment, whatever they linked since). */
function onChannelOf(builder: Builder, proof: GroupBuyMilestone): Linked {
  const twitch = builder.twitch ?? { displayName: proof.channelLogin, linkedAt: proof.provedAt };
  return { ...builder, twitch: { ...twitch, userId: proof.broadcasterId, login: proof.channelLogin } };
}

/** One order proved as `/c500 live mode:order` proves it, under the group buy's command and moment; its part of the tally from its state after. */
async function proveOne(deps: FanOutDeps, builder: Linked, proof: GroupBuyMilestone, orderId: string): Promise<FanOutTally> {
  const media = mediaOfGroupBuyProof(proof);
  const proving: ProveOrderDeps = media ? { ...deps, proofMedia: { make: async () => media, tasks: deps.tasks } } : deps;
  const stream = { streamId: proof.streamId, startedAt: proof.streamStartedAt };
  const outcome =
    proof.milestone === 'done'
      ? await proveOrder(proving, builder, orderId, stream, proof.byInteraction, proof.provedAt)
      : await proveMilestone(proving, builder, orderId, proof.milestone, stream, proof.byInteraction, proof.provedAt);
  return tallyOf(outcome, proof.milestone, await releasedFor(deps.store, orderId, proof.milestone));
}

/** What the order's transfers for this milestone sent, as its state has it: the same however often the batch ran. */
async function releasedFor(store: DocumentStore, orderId: string, milestone: GroupBuyMilestone['milestone']): Promise<number> {
  const order = await store.get(orderPath(orderId));
  if (!order) return 0;
  if (milestone !== 'done')
    return (order.commission?.advances ?? []).filter((a) => a.milestone === milestone && a.transferId).reduce((sum, a) => sum + a.amountCents, 0);
  const transferId = order.payouts.builder.transferId;
  return transferId ? sentBy(await journalOfOrder(store, orderId), order.currency, transferId) : 0;
}

/** The batch's tally under its number (a second run writes the same), and the end once no order is left. */
async function recordBatch(deps: FanOutDeps, task: MilestoneTask, tally: FanOutTally, last: boolean): Promise<MilestoneFanOut | undefined> {
  const path = milestoneFanOutPath(task.groupBuyId, task.milestone);
  return deps.store.runTransaction(async (tx) => {
    const current = await tx.get(path);
    if (!current) return undefined;
    const batches = { ...current.batches, [String(task.batch)]: tally };
    const finishedAt = current.finishedAt ?? (last ? deps.clock.now().toISOString() : undefined);
    tx.update(path, { batches, ...(finishedAt ? { finishedAt } : {}) });
    return { ...current, batches, ...(finishedAt ? { finishedAt } : {}) };
  });
}

/** The builder's one DM for the milestone: every batch added up. */
async function tellSummary(deps: FanOutDeps, groupBuy: GroupBuy, fanOut: MilestoneFanOut): Promise<void> {
  const total = addTallies(Object.values(fanOut.batches));
  await tellOnce(deps, `groupbuy-milestone:${groupBuy.groupBuyId}:${fanOut.milestone}`, groupBuy.builderId, fanOutSummary(groupBuy, fanOut.milestone, total));
}
