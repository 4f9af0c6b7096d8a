/**
 * @module send-chat-replies
 * Says what is queued for one channel in one chat message, within Twitch's limits: at most
 * one message a second and never over the channel's 30-second budget (claimed in the
 * outbox before sending, so two instances cannot both spend the last one). Must lines that
 * did not fit, or a message Twitch dropped for its rate, wait for the next task, which is
 * scheduled for when the budget allows: never a tight loop. The send is claimed before the
 * lines are taken, so lines are never taken and then held back for the budget; a task that
 * finds nothing left (another said it) spends one send of the budget, no more.
 *
 * Must lines (the hammer, a winner's pay link) are taken before the send, so whatever
 * becomes of the send they go back unless it was posted: a message Twitch refuses (403, too
 * long, a drop for another reason) is tried again a few times, further apart each time; a
 * send that throws puts them back and throws, for the task's own retries (its queue's
 * back-off). Ordinary lines of a failed message are not said again: the next message says
 * the newer state.
 *
 * A run before the second its task is named for is refused (`TaskNotDueYet`, and Cloud
 * Tasks brings it back): it would take the second's lines so far, and a line queued later
 * that second finds the task's name taken, so nothing would ever say it.
 */
import { chatDropCodes, type ChatLine, type ChatSendResult } from '../../ports';
import { log } from '../../log';
import { TaskNotDueYet } from '../../errors';
import { composeChatMessage, dropOnceMore, mustLinesAfterFailure, retryAfterRefusalMs } from '../rules/chat-lines';
import type { ChatReplyDeps } from './chat-deps';
import { scheduleChatReplies } from './chat-replies-task';

export type ChatReplyOutcome = 'nothing-to-say' | 'sent' | 'waiting-for-budget' | 'dropped' | 'refused';

export async function sendChatReplies(deps: ChatReplyDeps, broadcasterId: string, dueAtMs?: number): Promise<ChatReplyOutcome> {
  const nowMs = deps.clock.now().getTime();
  if (dueAtMs !== undefined && nowMs < dueAtMs) throw new TaskNotDueYet(dueAtMs);
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
  let result: ChatSendResult;
  try {
    result = await deps.chat.send({ broadcasterId, text: composed.text });
  } catch (error) {
    await keepMustLines(deps, broadcasterId, composed.said);
    throw error;
  }
  if (result.sent) return 'sent';
  const { code } = result.dropReason;
  if (code === chatDropCodes.rateLimited || code === chatDropCodes.unavailable) {
    // What must be said (a winner's link) is said again, and once what it told someone (a refused bid); the auction's state will be newer by then.
    await deps.outbox.putBack(broadcasterId, [...composed.said, ...dropOnceMore(composed.once)]);
    await scheduleChatReplies(deps.tasks, broadcasterId, nowMs + Math.max(result.retryAfterMs ?? 0, deps.budget.spacingMs, 2_000));
    log.info('chat message dropped by Twitch; retried within the budget', { broadcasterId, code });
    return 'dropped';
  }
  // Refused for good, or for this message only (the same text as the last, a word the
  // channel blocks): which, Twitch does not say, so must lines are tried again, spaced out.
  const kept = await keepMustLines(deps, broadcasterId, composed.said);
  if (kept.length > 0) await scheduleChatReplies(deps.tasks, broadcasterId, nowMs + retryAfterRefusalMs(kept, deps.budget.windowMs));
  log.warn('chat message refused by Twitch', { broadcasterId, code, reason: result.dropReason.message, mustLinesKept: kept.length });
  return 'refused';
}

/** Puts a failed send's must lines back, counted; answers those kept (the rest were in too many failed sends). */
async function keepMustLines(deps: ChatReplyDeps, broadcasterId: string, said: readonly ChatLine[]): Promise<ChatLine[]> {
  const { again, givenUp } = mustLinesAfterFailure(said);
  if (again.length > 0) await deps.outbox.putBack(broadcasterId, again);
  if (givenUp.length > 0) log.error('must chat lines let go after failed sends', { broadcasterId, lines: givenUp.map(lineKind) });
  return again;
}

/** What a line was for (`sign-in`, `offer`, `giveaway-won`), from its key: never its text or the rest of the key, which name the chatter. */
const lineKind = (line: ChatLine): string => line.onceKey?.split(':')[0] ?? 'unkeyed';
