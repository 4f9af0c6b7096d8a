/**
 * @module auction-tasks
 * The tasks auctions schedule: for each end, the final call's start (when chat is told) and
 * the hammer after it (both named from the auction id and its end-time version, so a
 * counter-bid's newer end gets its own and the older ones find themselves stale), and the
 * trailing embed edit; each with the parser its function reads it back with.
 */
import type { TaskQueue } from '../../ports';
import { embedTaskName, finalCallTaskName, hammerTaskName, isAuctionIdShaped } from '../rules/auction';
import { hammerDueMs } from '../rules/auction-book';
import { cancelTask, scheduleTask } from '../../common';

export interface HammerTask {
  auctionId: string;
  version: number;
  /** The final call's start, on the hammer's queue: chat is told it began. Absent: the hammer. */
  call?: 'final-call';
}

export interface EmbedTask {
  auctionId: string;
  behindMs: number;
}

/** For an end: its final call's start, and the hammer, due once the final call and the settle window are over. */
export function scheduleHammer(tasks: TaskQueue, task: HammerTask, end: { endsAtMs: number; finalCallMs: number; settleMs: number }): Promise<unknown> {
  const hammer = { auctionId: task.auctionId, version: task.version };
  return Promise.all([
    scheduleTask(tasks, 'auctionClose', { name: hammerTaskName(task.auctionId, task.version), payload: hammer, atMs: hammerDueMs(end) }),
    scheduleTask(tasks, 'auctionClose', {
      name: finalCallTaskName(task.auctionId, task.version),
      payload: { ...hammer, call: 'final-call' },
      atMs: end.endsAtMs,
    }),
  ]);
}

export function cancelHammer(tasks: TaskQueue, task: HammerTask): Promise<boolean> {
  return cancelTask(tasks, 'auctionClose', hammerTaskName(task.auctionId, task.version));
}

export function scheduleEmbedEdit(tasks: TaskQueue, task: EmbedTask, atMs: number): Promise<unknown> {
  return scheduleTask(tasks, 'auctionEmbed', { name: embedTaskName(task.auctionId, task.behindMs), payload: task, atMs });
}

export function parseHammerTask(payload: unknown): HammerTask | undefined {
  const p = payload as Partial<HammerTask> | null;
  if (p?.call !== undefined && p.call !== 'final-call') return undefined;
  return typeof p?.auctionId === 'string' && isAuctionIdShaped(p.auctionId) && Number.isSafeInteger(p.version) && (p.version as number) >= 0
    ? { auctionId: p.auctionId, version: p.version as number, ...(p.call ? { call: p.call } : {}) }
    : undefined;
}

export function parseEmbedTask(payload: unknown): EmbedTask | undefined {
  const p = payload as Partial<EmbedTask> | null;
  return typeof p?.auctionId === 'string' && isAuctionIdShaped(p.auctionId) && Number.isSafeInteger(p.behindMs)
    ? { auctionId: p.auctionId, behindMs: p.behindMs as number }
    : undefined;
}
