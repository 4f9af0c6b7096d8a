/**
 * @module discord
 * Discord REST as the functions see it: DMs, channel posts and edits, interaction answers.
 */
/** A Discord message payload as sent to the API (a subset of its fields). */
export interface DiscordMessage {
  content?: string;
  embeds?: DiscordEmbed[];
  components?: unknown[];
  flags?: number;
  allowed_mentions?: { parse?: Array<'users' | 'roles' | 'everyone'>; roles?: string[]; users?: string[] };
  /**
   * With `enforce_nonce`, Discord makes at most one message per nonce from the bot in a
   * channel within a few minutes, answering a repeat with the message it made: a retry
   * after a lost answer or a crash posts nothing twice. At most 25 characters.
   */
  nonce?: string;
  enforce_nonce?: boolean;
}

export interface DiscordEmbed {
  title?: string;
  description?: string;
  url?: string;
  color?: number;
  fields?: Array<{ name: string; value: string; inline?: boolean }>;
  footer?: { text: string };
  image?: { url: string };
  thumbnail?: { url: string };
  timestamp?: string;
}

/**
 * Where an interaction is answered: its token, and its id, whose snowflake time is when
 * Discord issued the token (tokens last 15 minutes; see discord/rules/interaction-token).
 */
export interface InteractionReply {
  id: string;
  token: string;
}

/**
 * Discord's refusals arrive as errors with Discord's JSON error `code` (and the HTTP
 * `status`): 50007 for a user whose DMs are closed, 50027 for an expired interaction token.
 */
/** Where a DM went, as Discord answers it: the DM channel (POST /users/@me/channels) and the message (POST /channels/:id/messages); what an edit of it names. */
export interface SentDm {
  channelId: string;
  messageId: string;
}

export interface DiscordMessenger {
  sendDm(userId: string, message: DiscordMessage): Promise<SentDm>;
  postToChannel(channelId: string, message: DiscordMessage): Promise<{ messageId: string }>;
  editChannelMessage(channelId: string, messageId: string, message: DiscordMessage): Promise<void>;
  /** Edits the response Discord shows for an interaction (the deferred "thinking…" one). */
  editOriginalResponse(reply: InteractionReply, message: DiscordMessage): Promise<void>;
  sendFollowup(reply: InteractionReply, message: DiscordMessage): Promise<{ messageId: string }>;
}
