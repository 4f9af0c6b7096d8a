/**
 * @module settle-proof
 * An order just proved gets its proof's media: the command's clip, its VOD, or the channel
 * with a VOD search to follow. Recorded only on the proof this `/c500 live` made and only
 * once, so a redelivery, or the VOD task that ran meanwhile, is never overwritten.
 */
import type { DocumentStore, TaskQueue } from '../../ports';
import { orderPath, type Order, applyOrderFact } from '../../orders';
import { scheduleTask } from '../../common';
import { proofWithMedia, vodSearchDueAtMs, vodSearchTaskName, type ProofMedia } from '../rules/proof-media';

export async function settleProof(store: DocumentStore, makeMedia: () => Promise<ProofMedia>, order: Order): Promise<Order> {
  const media = await makeMedia();
  const settled = await store.runTransaction(async (tx) => {
    const current = await tx.get(orderPath(order.orderId));
    const mine = current?.status === 'building' && current.proof && current.proof.byInteraction === order.proof?.byInteraction;
    if (!current?.proof || !mine || current.proof.kind) return current;
    const proof = proofWithMedia(current.proof, media);
    return applyOrderFact(tx, current, { kind: 'proof-found', proof });
  });
  return settled ?? order;
}

/** The VOD search's next look, at its time after the proof; scheduling it again is harmless (tasks are named). */
export function scheduleVodSearch(tasks: TaskQueue, orderId: string, attempt: number, provedAt: string): Promise<unknown> {
  return scheduleTask(tasks, 'proofVod', {
    name: vodSearchTaskName(orderId, attempt),
    payload: { orderId, attempt },
    atMs: vodSearchDueAtMs(provedAt, attempt),
  });
}
