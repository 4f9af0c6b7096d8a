/**
 * @module find-proof-vod
 * The Cloud Task that looks for a proof's VOD when no clip could be made: each attempt at
 * its time after the proof (an early call throws `TaskNotDueYet`); found, the order's proof
 * becomes the VOD at the proof's moment and the buyer is told; not found, the next attempt
 * is scheduled, and after the last the channel stays the proof and buyer and builder are told
 * so. A repeated or stale task changes nothing: only the attempt the order waits for (or a
 * later one) acts, and each outcome is recorded once.
 */
import type { Clock, DiscordMessenger, DocumentStore, TaskQueue, TwitchGateway } from '../../ports';
import { bestProofOf, vodProof } from '../../payments';
import { orderPath, type Order, type ProofOfWork, applyOrderFact } from '../../orders';
import { tellOnce } from '../../discord';
import { TaskNotDueYet } from '../../errors';
import { lastVodSearch, vodSearchDueAtMs, type VodSearchTask } from '../rules/proof-media';
import { noClipOrVod, proofRecordingFound } from '../rules/workbench-messages';
import { lookForVod } from './make-proof-media';
import { scheduleVodSearch } from './settle-proof';

export interface FindProofVodDeps {
  store: DocumentStore;
  discord: DiscordMessenger;
  twitch: TwitchGateway;
  tasks: TaskQueue;
  clock: Clock;
}

export type VodSearchOutcome = 'found' | 'later' | 'gave-up' | 'nothing-to-do';

export async function findProofVod(deps: FindProofVodDeps, task: VodSearchTask): Promise<VodSearchOutcome> {
  const order = await deps.store.get(orderPath(task.orderId));
  const proof = order?.proof;
  const search = proof?.vodSearch;
  if (!order || !proof || !search || task.attempt < search.attempt) return 'nothing-to-do';
  const dueAtMs = vodSearchDueAtMs(proof.provedAt, task.attempt);
  if (deps.clock.now().getTime() < dueAtMs) throw new TaskNotDueYet(dueAtMs);

  const video = proof.broadcasterId ? await lookForVod(deps.twitch, proof.broadcasterId, proof.streamId) : undefined;
  if (video) {
    const found = await settle(deps, order, (p) => ({ ...p, ...vodProof(p, video) }));
    const view = found && bestProofOf(found);
    if (found && view?.kind === 'vod') await tellOnce(deps, `proof-vod:${order.orderId}`, found.buyerId, proofRecordingFound(found, view));
    return 'found';
  }
  if (task.attempt < lastVodSearch) {
    // The next look first: should this task die before the order says so, its retry schedules the same named task.
    await scheduleVodSearch(deps.tasks, order.orderId, task.attempt + 1, proof.provedAt);
    await settle(deps, order, (p) => ({ ...p, vodSearch: { attempt: Math.max(task.attempt + 1, p.vodSearch?.attempt ?? 0) } }));
    return 'later';
  }
  const left = await settle(deps, order, (p) => ({ ...p, kind: 'channel', vodSearch: null }));
  if (left?.proof?.kind === 'channel') {
    await tellOnce(deps, `proof-channel:${order.orderId}`, left.buyerId, noClipOrVod(left, left.proof.url, 'buyer'));
    await tellOnce(deps, `proof-channel:${order.orderId}`, left.builderId, noClipOrVod(left, left.proof.url, 'builder'));
  }
  return 'gave-up';
}

/**
 * The proof changed as `change` says, while it still waits for a VOD (else as it stands): the
 * order afterwards, or undefined when it is gone or no longer proved (a refused release reopened it).
 */
async function settle(deps: FindProofVodDeps, order: Order, change: (proof: ProofOfWork) => ProofOfWork): Promise<Order | undefined> {
  return deps.store.runTransaction(async (tx) => {
    const current = await tx.get(orderPath(order.orderId));
    const proof = current?.proof;
    if (!current || !proof || proof.provedAt !== order.proof?.provedAt) return undefined;
    if (!proof.vodSearch) return current;
    const next = change(proof);
    return applyOrderFact(tx, current, { kind: 'proof-found', proof: next });
  });
}
