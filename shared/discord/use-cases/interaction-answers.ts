/**
 * @module interaction-answers
 * Answers through an interaction's token: the edit of its original response and its
 * follow-ups. A token is used only while it lives (an expired one costs an invalid
 * request at Discord, see discord/rules/interaction-token), and an edit carries no flags.
 */
import type { Clock, DiscordMessage, DiscordMessenger, InteractionReply } from '../../ports';
import { asOriginalEdit, interactionTokenUsable } from '../rules/interaction-token';
import { discordErrorCode, discordErrorCodes } from '../../errors';

export interface InteractionAnswerDeps {
  discord: DiscordMessenger;
  clock: Clock;
}

/** `expired`: the token is past its time (here, or by Discord's clock); nothing was shown. */
export type AnswerOutcome = 'answered' | 'expired';

export async function editAnswer(deps: InteractionAnswerDeps, reply: InteractionReply, message: DiscordMessage): Promise<AnswerOutcome> {
  if (!interactionTokenUsable(reply, deps.clock.now().getTime())) return 'expired';
  return expiredOn401(deps.discord.editOriginalResponse(reply, asOriginalEdit(message)));
}

export async function sendFollowupWhileValid(deps: InteractionAnswerDeps, reply: InteractionReply, message: DiscordMessage): Promise<AnswerOutcome> {
  if (!interactionTokenUsable(reply, deps.clock.now().getTime())) return 'expired';
  return expiredOn401(deps.discord.sendFollowup(reply, message));
}

/** Our clock and Discord's can differ by a little: its 50027 is the same answer as ours. */
async function expiredOn401(call: Promise<unknown>): Promise<AnswerOutcome> {
  try {
    await call;
    return 'answered';
  } catch (error) {
    if (discordErrorCode(error) === discordErrorCodes.invalidWebhookToken) return 'expired';
    throw error;
  }
}
