/**
 * @module interaction-token
 * An interaction's token answers it for 15 minutes. After that Discord refuses edits and
 * follow-ups with 401 (Invalid Webhook Token, 50027), and each refusal counts toward its
 * invalid-request limit (10,000 in 10 minutes per IP, shared by every function on Cloud
 * Run's egress): a token is not used once it has expired, and its age comes from the
 * interaction id's snowflake time, which Discord signed.
 */
import type { DiscordMessage, InteractionReply } from '../../ports';
import { snowflakeTimeMs } from '../../common';

export const interactionTokenLifetimeMs = 15 * 60_000;

/** A request sent this close to the end may arrive after it, or on a clock a little ahead of ours. */
const safetyMarginMs = 30_000;

/** Whether the token may still be used at `nowMs`; an id that is not a snowflake has no known age, so no. */
export function interactionTokenUsable(reply: Pick<InteractionReply, 'id'>, nowMs: number): boolean {
  const issuedAtMs = snowflakeTimeMs(reply.id);
  // Stryker disable next-line ConditionalExpression: with no issue time the sum is NaN and `nowMs < NaN` is false, as the check answers
  return issuedAtMs !== undefined && nowMs < issuedAtMs + interactionTokenLifetimeMs - safetyMarginMs;
}

/**
 * The message as an edit of the original response. Ephemerality was decided by the first
 * response (or the deferral) and cannot change; Discord accepts only SUPPRESS_EMBEDS and
 * IS_COMPONENTS_V2 in an edit's flags, so ours, whose one flag is EPHEMERAL, go.
 */
export function asOriginalEdit(message: DiscordMessage): DiscordMessage {
  const { flags: _ignored, ...edit } = message;
  return edit;
}

/**
 * The auction book keeps an answer to edit later (a leader's "you've been outbid") as one
 * opaque string; it carries the interaction id too, so the token's age is known then.
 * Interaction ids are digits and Discord's tokens never hold a colon.
 */
export function replyHandle(reply: InteractionReply): string {
  return `${reply.id}:${reply.token}`;
}

/** The reply a handle names; undefined for a bare token (kept before handles carried the id), whose age is unknown. */
export function replyFromHandle(handle: string): InteractionReply | undefined {
  const colon = handle.indexOf(':');
  if (colon <= 0) return undefined;
  return { id: handle.slice(0, colon), token: handle.slice(colon + 1) };
}
