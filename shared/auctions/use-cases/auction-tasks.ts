/**
 * @module auction-tasks
 * The two tasks auctions schedule: the hammer at the end (named from the auction id and
 * its end-time version, so a counter-bid's newer end gets its own task and the older one
 * finds itself stale) and the trailing embed edit; each with the parser its function reads
 * it back with.
 */
import type { TaskQueue } from '../../ports';
import { embedTaskName, hammerTaskName, isAuctionIdShaped } from '../rules/auction';
import { hammerDueMs } from '../rules/auction-book';
import { cancelTask, scheduleTask } from '../../common';

export interface HammerTask {
  auctionId: string;
  version: number;
}

export interface EmbedTask {
  auctionId: string;
  behindMs: number;
}

/** The hammer for an end, due once the stream's delay after it and the settle window are over. */
export function scheduleHammer(tasks: TaskQueue, task: HammerTask, end: { endsAtMs: number; streamDelayMs: number; settleMs: number }): Promise<unknown> {
  return scheduleTask(tasks, 'auctionClose', { name: hammerTaskName(task.auctionId, task.version), payload: task, atMs: hammerDueMs(end) });
}

export function cancelHammer(tasks: TaskQueue, task: HammerTask): Promise<boolean> {
  return cancelTask(tasks, 'auctionClose', hammerTaskName(task.auctionId, task.version));
}

export function scheduleEmbedEdit(tasks: TaskQueue, task: EmbedTask, atMs: number): Promise<unknown> {
  return scheduleTask(tasks, 'auctionEmbed', { name: embedTaskName(task.auctionId, task.behindMs), payload: task, atMs });
}

export function parseHammerTask(payload: unknown): HammerTask | undefined {
  const p = payload as Partial<HammerTask> | null;
  return typeof p?.auctionId === 'string' && isAuctionIdShaped(p.auctionId) && Number.isSafeInteger(p.version) && (p.version as number) >= 0
    ? { auctionId: p.auctionId, version: p.version as number }
    : undefined;
}

export function parseEmbedTask(payload: unknown): EmbedTask | undefined {
  const p = payload as Partial<EmbedTask> | null;
  return typeof p?.auctionId === 'string' && isAuctionIdShaped(p.auctionId) && Number.isSafeInteger(p.behindMs)
    ? { auctionId: p.auctionId, behindMs: p.behindMs as number }
    : undefined;
}
