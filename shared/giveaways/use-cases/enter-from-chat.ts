/**
 * @module enter-from-chat
 * `!enter` in the sponsor's linked Twitch chat (where chat bidding is on, so its chat reaches
 * us): the chatter enters once, as the member their account is linked to when there is one,
 * and hears back in chat with "No purchase necessary" and the rules' link. As for `!bid`, a
 * chatter must have signed in with Twitch once: a chat name alone costs nothing to make, so
 * throwaway accounts would otherwise buy odds after the draw was committed to.
 */
import type { ChatOutbox, Clock, DocumentStore, TaskQueue } from '../../ports';
import { twitchChannelPath } from '../../onboarding';
import { chatBidderId, chatterSignInUrl, queueChatLines, twitchBidderPath, type ChatBidJob } from '../../chatbids';
import { markActed } from '../../privacy';
import { giveawayChatPath } from '../rules/giveaway';
import { chatAnswers } from '../rules/giveaway-messages';
import { looksLikeChatEntry } from '../rules/chat-entry';
import { addEntry, type EntryOutcome } from './add-entry';

export interface ChatEntryDeps {
  store: DocumentStore;
  clock: Clock;
  tasks: TaskQueue;
  outbox: ChatOutbox;
  publicBaseUrl: string;
  botUserId: string | undefined;
}

export async function enterFromChat(deps: ChatEntryDeps, job: ChatBidJob): Promise<EntryOutcome['kind'] | 'ignored' | 'not-signed-in'> {
  if (!looksLikeChatEntry(job.text) || job.chatterId === deps.botUserId) return 'ignored';
  const chat = await deps.store.get(giveawayChatPath(job.broadcasterId));
  if (!chat) return 'not-found';
  const [signedIn, linked] = await Promise.all([deps.store.get(twitchBidderPath(job.chatterId)), deps.store.get(twitchChannelPath(job.chatterId))]);
  if (!signedIn?.linkedAt) {
    const line = chatAnswers.signIn(job.chatterLogin, chatterSignInUrl(deps.publicBaseUrl));
    // A must line, as `!bid`'s: dropped from a full message it would never come again.
    await queueChatLines(deps, job.broadcasterId, [{ text: line, onceKey: `giveaway:${chat.giveawayId}:${job.chatterId}:sign-in`, must: true }]);
    return 'not-signed-in';
  }
  const outcome = await addEntry(deps, chat.giveawayId, {
    ...(linked ? { memberId: linked.builderId } : {}),
    twitchId: job.chatterId,
    twitchLogin: job.chatterLogin,
    via: 'twitch',
    label: linked ? `<@${linked.builderId}>` : `**${job.chatterLogin}** on Twitch`,
    atMs: job.sentAtMs,
  });
  // An entry names them: should they have erased lately, their next erasure searches again.
  await markActed(deps, chatBidderId(job.chatterId));
  if (linked) await markActed(deps, linked.builderId);
  const line =
    outcome.kind === 'entered'
      ? chatAnswers.entered(job.chatterLogin, outcome.giveaway, deps.publicBaseUrl)
      : outcome.kind === 'already'
        ? chatAnswers.already(job.chatterLogin)
        : outcome.kind === 'sponsor' || outcome.kind === 'blocked' || outcome.kind === 'blocked-after-dispute'
          ? chatAnswers.refused(job.chatterLogin)
          : undefined;
  if (line) await queueChatLines(deps, job.broadcasterId, [{ text: line, onceKey: `giveaway:${chat.giveawayId}:${job.chatterId}:${outcome.kind}` }]);
  return outcome.kind;
}
