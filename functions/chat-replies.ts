/**
 * Cloud Tasks target: says what is queued for one channel's Twitch chat, at most once a
 * second and within the channel's 30-second budget. Private: only the tasks invoker may call it.
 */
import type { Platform } from '../shared/platform';
import { taskDone, taskFunction, taskPayload } from '../shared/triggers/task-trigger';
import { parseChatRepliesTask, sendChatReplies } from '../shared/chatbids';
import { chatReplyDeps } from '../shared/router/chat-wiring';

export function chatReplies(platform: Platform) {
  return taskFunction('chatReplies', platform.config, async (req) => {
    const task = taskPayload(req, parseChatRepliesTask);
    if (!task) return taskDone;
    const outcome = await sendChatReplies(chatReplyDeps(platform), task.broadcasterId, task.dueAtMs);
    return { status: 200, json: { outcome } };
  });
}
