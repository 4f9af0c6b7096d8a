/**
 * @module answer-privacy-ask
 * `!privacy` in a channel's chat (where chat bidding is on, so its chat reaches C500): the
 * chatter is answered in chat with the link to their privacy page. Anyone may ask, signed in
 * or not, and the line names nothing C500 keeps: the page does, behind a Twitch sign-in.
 */
import type { ChatOutbox, Clock, TaskQueue } from '../../ports';
import type { ChatBidJob } from '../rules/chat-bid-job';
import { looksLikePrivacyAsk, privacyAskLine } from '../rules/chatter-privacy';
import { queueChatLines } from './chat-replies-task';

export interface PrivacyAskDeps {
  outbox: ChatOutbox;
  tasks: TaskQueue;
  clock: Clock;
  publicBaseUrl: string;
  botUserId: string | undefined;
}

export async function answerPrivacyAsk(deps: PrivacyAskDeps, job: ChatBidJob): Promise<'answered' | 'ignored'> {
  if (!looksLikePrivacyAsk(job.text) || job.chatterId === deps.botUserId) return 'ignored';
  // Keyed by the message: a redelivered `!privacy` is answered once; the key names no one.
  await queueChatLines(deps, job.broadcasterId, [{ ...privacyAskLine(job.chatterLogin, deps.publicBaseUrl), onceKey: `privacy-ask:${job.chatMessageId}` }]);
  return 'answered';
}
