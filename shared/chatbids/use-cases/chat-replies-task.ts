/**
 * @module chat-replies-task
 * The task that says what is queued for a channel's chat. Named by the channel and the
 * second it runs in: however many lines a second brings, one task runs for them.
 */
import type { TaskQueue } from '../../ports';
import { scheduleTask } from '../../common';
import { isTwitchUserId } from '../rules/chat-bidding';

export interface ChatRepliesTask {
  broadcasterId: string;
}

export function scheduleChatReplies(tasks: TaskQueue, broadcasterId: string, atMs: number): Promise<unknown> {
  const second = Math.ceil(atMs / 1000);
  return scheduleTask(tasks, 'chatReplies', {
    name: `chat-${broadcasterId}-${second}`,
    payload: { broadcasterId } satisfies ChatRepliesTask,
    atMs: second * 1000,
  });
}

export function parseChatRepliesTask(payload: unknown): ChatRepliesTask | undefined {
  const p = payload as Partial<ChatRepliesTask> | undefined;
  return p && isTwitchUserId(p.broadcasterId) ? { broadcasterId: p.broadcasterId } : undefined;
}
