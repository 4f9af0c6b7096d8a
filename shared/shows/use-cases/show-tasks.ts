/**
 * @module show-tasks
 * The two tasks shows schedule, each with the parser its function reads it back with: the
 * next lot after the gap (named from the show, the lot and the show's step: a redelivered
 * schedule makes one task, and a task from before a Next lot, a pause or a reorder finds
 * itself stale), and the run sheet's edit (named from the second it is due: one a second).
 */
import type { TaskQueue } from '../../ports';
import { isLotIdShaped, isShowIdShaped, nextLotTaskName, runSheetTaskName } from '../rules/show';
import { scheduleTask } from '../../common';

export interface NextLotTask {
  showId: string;
  lotId: string;
  step: number;
}

export interface RunSheetTask {
  showId: string;
}

export function scheduleNextLot(tasks: TaskQueue, task: NextLotTask, atMs: number): Promise<unknown> {
  return scheduleTask(tasks, 'showNext', { name: nextLotTaskName(task.showId, task.lotId, task.step), payload: task, atMs });
}

/** Due at the next whole second from `atMs`: every change within that second shares the one edit. */
export function scheduleRunSheet(tasks: TaskQueue, showId: string, atMs: number): Promise<unknown> {
  const dueMs = Math.ceil(atMs / 1000) * 1000;
  return scheduleTask(tasks, 'showSheet', { name: runSheetTaskName(showId, dueMs), payload: { showId } satisfies RunSheetTask, atMs: dueMs });
}

export function parseNextLotTask(payload: unknown): NextLotTask | undefined {
  const p = payload as Partial<NextLotTask> | null;
  return typeof p?.showId === 'string' &&
    isShowIdShaped(p.showId) &&
    typeof p.lotId === 'string' &&
    isLotIdShaped(p.lotId) &&
    Number.isSafeInteger(p.step) &&
    (p.step as number) >= 0
    ? { showId: p.showId, lotId: p.lotId, step: p.step as number }
    : undefined;
}

export function parseRunSheetTask(payload: unknown): RunSheetTask | undefined {
  const showId = (payload as Partial<RunSheetTask> | null)?.showId;
  return typeof showId === 'string' && isShowIdShaped(showId) ? { showId } : undefined;
}
