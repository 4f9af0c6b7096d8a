/**
 * @module send-chat-replies
 * Says what is queued for one channel in one chat message, within Twitch's limits: at most
 * one message a second and never over the channel's 30-second budget (claimed in the
 * outbox before sending, so two instances cannot both spend the last one). Must lines that
 * did not fit, or a message Twitch dropped for its rate, wait for the next task, which is
 * scheduled for when the budget allows: never a tight loop. A message Twitch refuses for
 * good (too long, not permitted) is logged and not retried. The send is claimed before the
 * lines are taken, so lines are never taken and then held back for the budget; a task that
 * finds nothing left (another said it) spends one send of the budget, no more.
 */
import { chatDropCodes } from '../../ports';
import { log } from '../../log';
import { composeChatMessage } from '../rules/chat-lines';
import type { ChatReplyDeps } from './chat-deps';
import { scheduleChatReplies } from './chat-replies-task';

export type ChatReplyOutcome = 'nothing-to-say' | 'sent' | 'waiting-for-budget' | 'dropped' | 'refused';

export async function sendChatReplies(deps: ChatReplyDeps, broadcasterId: string): Promise<ChatReplyOutcome> {
  const nowMs = deps.clock.now().getTime();
  const claim = await deps.outbox.claimSend(broadcasterId, nowMs, deps.budget);
  if (!claim.ok) {
    await scheduleChatReplies(deps.tasks, broadcasterId, claim.retryAtMs);
    return 'waiting-for-budget';
  }
  const composed = composeChatMessage(await deps.outbox.takeAll(broadcasterId));
  if (!composed) return 'nothing-to-say';
  if (composed.later.length > 0) {
    await deps.outbox.putBack(broadcasterId, composed.later);
    await scheduleChatReplies(deps.tasks, broadcasterId, nowMs + deps.budget.spacingMs);
  }
  const result = await deps.chat.send({ broadcasterId, text: composed.text });
  if (result.sent) return 'sent';
  const { code } = result.dropReason;
  if (code === chatDropCodes.rateLimited || code === chatDropCodes.unavailable) {
    // Only what must be said (a winner's link) is said again; the state will be newer by then.
    await deps.outbox.putBack(broadcasterId, composed.said);
    await scheduleChatReplies(deps.tasks, broadcasterId, nowMs + Math.max(result.retryAfterMs ?? 0, deps.budget.spacingMs, 2_000));
    log.info('chat message dropped by Twitch; retried within the budget', { broadcasterId, code });
    return 'dropped';
  }
  log.warn('chat message refused by Twitch', { broadcasterId, code, reason: result.dropReason.message });
  return 'refused';
}
