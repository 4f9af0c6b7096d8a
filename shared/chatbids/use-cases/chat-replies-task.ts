/**
 * @module chat-replies-task
 * The task that says what is queued for a channel's chat. Named by the channel and the
 * second it runs in: however many lines a second brings, one task runs for them. The task
 * carries that second, and a run before it is refused (`sendChatReplies`): a line queued
 * later in the same second finds the name taken and counts on that run to take it.
 */
import type { ChatLine, ChatOutbox, Clock, TaskQueue } from '../../ports';
import { isDueAtMs, scheduleTask } from '../../common';
import { isTwitchUserId } from '../rules/chat-bidding';

export interface ChatRepliesTask {
  broadcasterId: string;
  /** When the task is due: the second it is named for. Absent from tasks scheduled before it was carried. */
  dueAtMs?: number;
}

export function scheduleChatReplies(tasks: TaskQueue, broadcasterId: string, atMs: number): Promise<unknown> {
  const second = Math.ceil(atMs / 1000);
  return scheduleTask(tasks, 'chatReplies', {
    name: `chat-${broadcasterId}-${second}`,
    payload: { broadcasterId, dueAtMs: second * 1000 } satisfies ChatRepliesTask,
    atMs: second * 1000,
  });
}

/** Queues lines for a channel's chat and the task that says them now (the budget spaces them out). */
export async function queueChatLines(
  deps: { outbox: ChatOutbox; tasks: TaskQueue; clock: Clock },
  broadcasterId: string,
  lines: readonly ChatLine[],
): Promise<void> {
  if (lines.length === 0) return;
  await Promise.all(lines.map((line) => deps.outbox.add(broadcasterId, line)));
  await scheduleChatReplies(deps.tasks, broadcasterId, deps.clock.now().getTime());
}

export function parseChatRepliesTask(payload: unknown): ChatRepliesTask | undefined {
  const p = payload as Partial<ChatRepliesTask> | undefined;
  if (!p || !isTwitchUserId(p.broadcasterId)) return undefined;
  if (p.dueAtMs === undefined) return { broadcasterId: p.broadcasterId };
  return isDueAtMs(p.dueAtMs) ? { broadcasterId: p.broadcasterId, dueAtMs: p.dueAtMs } : undefined;
}
