/**
 * @module prove-group-buy
 * `/c500 live mode:groupbuy:<id> milestone:<m>` (issue 65, point 5): the builder, live, proves
 * a production milestone once for the whole group buy. Its own funded group buy in this
 * server only, each step after the last and only once the last has reached every order. The
 * proof (the command's clip, else the stream's VOD at the moment, else the channel) is kept on
 * the group buy, where its page and post show it, and a chain of paced tasks hands it to each
 * of its orders (fan-out-milestone). A redelivery of the command finds its own proof, finishes
 * what it started and answers the same.
 */
import type { Clock, DiscordMessage, DiscordMessenger, DocumentStore, TaskQueue } from '../../ports';
import { streamUrl, type Builder, type TwitchLink } from '../../onboarding';
import { isLater } from '../../payments';
import type { Milestone } from '../../orders';
import { followGroupBuyPost, groupBuyPath, latestMilestone, type GroupBuy, type GroupBuyMilestone } from '../../groupbuys';
import { scheduleTask } from '../../common';
import { groupBuyProofRefusals as refusals, groupBuyProved } from '../rules/group-buy-proof-messages';
import { milestoneFanOutPath, milestoneTaskName, type MilestoneTask } from '../rules/group-buy-fan-out';
import { groupBuyProofWithMedia } from '../rules/proof-media';
import type { LiveStream } from './confirm-live';
import { makeProofMedia, type ProofMediaDeps } from './make-proof-media';

export interface ProveGroupBuyDeps extends ProofMediaDeps {
  store: DocumentStore;
  discord: DiscordMessenger;
  tasks: TaskQueue;
  clock: Clock;
}

export interface GroupBuyProofAsk {
  guildId: string;
  groupBuyId: string;
  milestone: Milestone;
  interactionId: string;
}

type Fixed = { refusal: DiscordMessage } | { groupBuy: GroupBuy; proof: GroupBuyMilestone };

export async function proveGroupBuy(
  deps: ProveGroupBuyDeps,
  builder: Builder & { twitch: TwitchLink },
  ask: GroupBuyProofAsk,
  stream: LiveStream,
): Promise<DiscordMessage> {
  const fixed = await recordProof(deps, builder, ask, stream);
  if ('refusal' in fixed) return fixed.refusal;
  const proof = await settleMedia(deps, fixed.proof, ask);
  // Named by the group buy, the milestone and the batch: a redelivery schedules no second chain.
  await scheduleMilestoneBatch(deps.tasks, { groupBuyId: ask.groupBuyId, milestone: ask.milestone, batch: 1 }, deps.clock.now().getTime());
  await followGroupBuyPost(deps, ask.groupBuyId);
  return groupBuyProved(fixed.groupBuy, proof);
}

/** A batch of the milestone's orders at `atMs`: the first at once, each next one a second after the last ended. */
export function scheduleMilestoneBatch(tasks: TaskQueue, task: MilestoneTask, atMs: number): Promise<unknown> {
  return scheduleTask(tasks, 'groupbuyMilestone', { name: milestoneTaskName(task), payload: task, atMs });
}

/** The checks, then the proof (the channel for now) on the group buy and its fan-out's document, in one transaction. */
async function recordProof(deps: ProveGroupBuyDeps, builder: Builder & { twitch: TwitchLink }, ask: GroupBuyProofAsk, stream: LiveStream): Promise<Fixed> {
  const { groupBuyId, milestone, interactionId } = ask;
  return deps.store.runTransaction(async (tx): Promise<Fixed> => {
    const groupBuy = await tx.get(groupBuyPath(groupBuyId));
    // Another server's group buy reads as none: its id says nothing here.
    if (!groupBuy || groupBuy.guildId !== ask.guildId) return { refusal: refusals.notFound(groupBuyId) };
    if (groupBuy.builderId !== builder.discordUserId) return { refusal: refusals.notYours(groupBuy) };
    // This very command, delivered again: it finishes what it started.
    const ours = groupBuy.milestones?.find((m) => m.byInteraction === interactionId);
    if (ours) return { groupBuy, proof: ours };
    // Funded: every pledge charged, paid on its link or lapsed, so the orders to prove are all there.
    if (groupBuy.status !== 'funded') return { refusal: refusals.notFunded(groupBuy) };
    const last = latestMilestone(groupBuy);
    if (last && !isLater(milestone, last.milestone)) return { refusal: refusals.passed(groupBuy, milestone, last) };
    // One fan-out at a time: a step proved while the last still reaches its orders would reach some of them first.
    const reaching = last ? await tx.get(milestoneFanOutPath(groupBuyId, last.milestone)) : undefined;
    if (last && reaching && !reaching.finishedAt) return { refusal: refusals.stillReaching(groupBuy, last) };
    const provedAt = deps.clock.now().toISOString();
    const proof: GroupBuyMilestone = {
      milestone,
      url: streamUrl(builder.twitch.login),
      kind: 'channel',
      provedAt,
      byInteraction: interactionId,
      broadcasterId: builder.twitch.userId,
      channelLogin: builder.twitch.login,
      ...(stream.streamId ? { streamId: stream.streamId } : {}),
      ...(stream.startedAt ? { streamStartedAt: stream.startedAt } : {}),
    };
    const milestones = [...(groupBuy.milestones ?? []), proof];
    tx.update(groupBuyPath(groupBuyId), { milestones });
    tx.set(milestoneFanOutPath(groupBuyId, milestone), { groupBuyId, milestone, byInteraction: interactionId, startedAt: provedAt, batches: {} });
    return { groupBuy: { ...groupBuy, milestones }, proof };
  });
}

/**
 * The command's clip (claimed under its id, so a redelivery finds the same), else the VOD at
 * the proof's moment, kept on the proof once, before any order gets it: a redelivery after
 * that keeps what the first delivery settled, so every order links the very same.
 */
async function settleMedia(deps: ProveGroupBuyDeps, proof: GroupBuyMilestone, ask: GroupBuyProofAsk): Promise<GroupBuyMilestone> {
  const fanOutPath = milestoneFanOutPath(ask.groupBuyId, ask.milestone);
  if ((await deps.store.get(fanOutPath))?.mediaSettledAt) return proof;
  const media = await makeProofMedia(deps, ask.interactionId, { broadcasterId: proof.broadcasterId, streamId: proof.streamId });
  const settled = groupBuyProofWithMedia(proof, media);
  return deps.store.runTransaction(async (tx) => {
    const [groupBuy, fanOut] = [await tx.get(groupBuyPath(ask.groupBuyId)), await tx.get(fanOutPath)];
    const current = groupBuy?.milestones?.find((m) => m.byInteraction === ask.interactionId);
    if (!groupBuy?.milestones || !current || !fanOut || fanOut.mediaSettledAt) return current ?? proof;
    tx.update(groupBuyPath(ask.groupBuyId), { milestones: groupBuy.milestones.map((m) => (m === current ? settled : m)) });
    tx.update(fanOutPath, { mediaSettledAt: deps.clock.now().toISOString() });
    return settled;
  });
}
