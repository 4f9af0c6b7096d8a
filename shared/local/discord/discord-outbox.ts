/**
 * @module discord-outbox
 * The local stand-in for Discord REST: every outbound call is recorded in send order,
 * printed, and readable at `GET /_local/outbox`, so people and tests see exactly what
 * Discord would have been sent. It refuses what Discord refuses, with Discord's codes:
 * a DM to someone whose DMs are closed (403, 50007), an interaction token used 15 minutes
 * or more after it was issued (401, 50027), flags a new message or an edit may not set (the
 * EPHEMERAL flag on a DM or a channel message, 400, 50035), and a message over any of
 * Discord's limits (a link button's url over 512 characters among them, 400, 50035).
 * Refusals are kept apart in `refused`: nothing reached anyone.
 */
import { createHash, randomInt } from 'node:crypto';
import { discordLimitProblems, interactionTokenLifetimeMs } from '../../discord';
import { snowflakeTimeMs } from '../../common';
import { systemClock, type Clock, type DiscordMessage, type DiscordMessenger, type InteractionReply, type SentDm } from '../../ports';

export type OutboxKind = 'dm' | 'channel' | 'edit' | 'followup';

export interface OutboxEntry {
  seq: number;
  at: string;
  kind: OutboxKind;
  userId?: string;
  channelId?: string;
  /** For `edit` of a channel message (a DM's too: then `userId` says whose). */
  messageId?: string;
  interactionToken?: string;
  interactionId?: string;
  message: DiscordMessage;
}

/** A call Discord would have refused: what it was, and Discord's answer. */
export interface OutboxRefusal {
  at: string;
  kind: OutboxKind;
  userId?: string;
  interactionToken?: string;
  status: number;
  code: number;
  error: string;
  message: DiscordMessage;
}

/** What a watcher of the outbox is told: a call recorded, or one Discord would have refused. */
export type OutboxChange = { entry: OutboxEntry } | { refusal: OutboxRefusal };

/** Thrown as `@discordjs/rest` throws Discord's JSON errors: `code` is Discord's, `status` the HTTP one. */
export class DiscordRefusal extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = 'DiscordAPIError';
  }
}

/** The only flags Discord lets an edit set: SUPPRESS_EMBEDS and IS_COMPONENTS_V2. */
const editableFlags = (1 << 2) | (1 << 15);

/**
 * The only flags Discord lets a new channel or DM message set (Create Message's `flags`):
 * SUPPRESS_EMBEDS, SUPPRESS_NOTIFICATIONS, IS_VOICE_MESSAGE and IS_COMPONENTS_V2. EPHEMERAL
 * (64) is an interaction response's alone: nobody but the one who pressed could see it.
 */
const createFlags = (1 << 2) | (1 << 12) | (1 << 13) | (1 << 15);

const flagsOutside = (message: DiscordMessage, allowed: number): boolean => message.flags !== undefined && (message.flags & ~allowed) !== 0;

/** One change of what the local Discord knows, as a journal keeps it. */
export type OutboxJournalLine = OutboxChange | { dms: string; open: boolean } | { nonce: string; messageId: string; atMs: number };

export interface DiscordOutboxOptions {
  /** Discord's clock, against which interaction tokens expire; the runtime's, which a test may set. */
  clock?: Clock;
  /**
   * Where every change is written as it happens, and what was written before this runtime:
   * Discord does not forget what it was sent, whose DMs are closed or a nonce, when the
   * runtime standing in for it is killed and started again (under the production clients).
   */
  journal?: { earlier: readonly OutboxJournalLine[]; write(line: OutboxJournalLine): void };
}

const editFlagsRefused = 'Invalid Form Body: flags: only SUPPRESS_EMBEDS and IS_COMPONENTS_V2 can be set on an edit';
const createFlagsRefused =
  'Invalid Form Body: flags: only SUPPRESS_EMBEDS, SUPPRESS_NOTIFICATIONS, IS_VOICE_MESSAGE and IS_COMPONENTS_V2 can be set on a new message (EPHEMERAL is an interaction response’s)';

/** How long Discord remembers a nonce for `enforce_nonce`: "the past few minutes". */
const nonceMemoryMs = 5 * 60_000;

export class DiscordOutbox implements DiscordMessenger {
  readonly entries: OutboxEntry[] = [];
  readonly refused: OutboxRefusal[] = [];
  private readonly closedDms = new Set<string>();
  /** DM channel id -> the user it is with: each user's one DM channel with the bot, as Discord keeps it. */
  private readonly dmUsers = new Map<string, string>();
  /** `<user or channel>|<nonce>` -> the message made for it and when. */
  private readonly nonces = new Map<string, { messageId: string; atMs: number }>();
  /** Discord's clock, which the runtime's moves with (`POST /_local/clock`). */
  readonly clock: Clock;
  /** Who is told of each call as it is recorded or refused: the playground's live view. */
  private readonly watchers = new Set<(change: OutboxChange) => void>();

  private readonly journal: DiscordOutboxOptions['journal'];

  constructor(
    private readonly print: (line: string) => void = () => undefined,
    options: DiscordOutboxOptions = {},
  ) {
    this.clock = options.clock ?? systemClock;
    for (const line of options.journal?.earlier ?? []) this.replay(line);
    this.journal = options.journal;
  }

  private replay(line: OutboxJournalLine): void {
    if ('entry' in line) {
      this.entries.push(line.entry);
      // A DM's channel, known again: an edit of a DM sent before the restart still names its user.
      if (line.entry.kind === 'dm' && line.entry.userId) this.dmChannelOf(line.entry.userId);
    } else if ('refusal' in line) this.refused.push(line.refusal);
    else if ('dms' in line) {
      if (line.open) this.closedDms.delete(line.dms);
      else this.closedDms.add(line.dms);
    } else this.nonces.set(line.nonce, { messageId: line.messageId, atMs: line.atMs });
  }

  /** Calls `watcher` with every call recorded or refused from now on; the returned function stops it. */
  watch(watcher: (change: OutboxChange) => void): () => void {
    this.watchers.add(watcher);
    return () => this.watchers.delete(watcher);
  }

  private tell(change: OutboxChange): void {
    this.journal?.write(change);
    for (const watcher of this.watchers) watcher(change);
  }

  /** The user turns off "Direct Messages" from this server (or blocks the bot): DMs to them are refused with 50007. */
  closeDms(userId: string): void {
    this.closedDms.add(userId);
    this.journal?.write({ dms: userId, open: false });
  }

  openDms(userId: string): void {
    this.closedDms.delete(userId);
    this.journal?.write({ dms: userId, open: true });
  }

  /**
   * The bot's DM channel with a user (Discord's POST /users/@me/channels): one a user, never
   * changing, made from the user's id so a restarted runtime names the same one.
   */
  dmChannelOf(userId: string): string {
    const channelId = (BigInt(`0x${createHash('sha256').update(`dm:${userId}`).digest('hex').slice(0, 15)}`) | (1n << 59n)).toString();
    this.dmUsers.set(channelId, userId);
    return channelId;
  }

  /** The user a DM channel is with, if it is one this Discord opened. */
  dmUserOf(channelId: string): string | undefined {
    return this.dmUsers.get(channelId);
  }

  async sendDm(userId: string, message: DiscordMessage): Promise<SentDm> {
    // As Discord: a user id that is not a snowflake (a chatter's `twitch:<id>`) is an invalid form body.
    if (/^[a-z]+:/.test(userId)) this.refuse({ kind: 'dm', userId, message }, 400, 50035, 'Invalid Form Body: recipient_id is not snowflake');
    // Discord reads the body before it looks at who may be messaged: a bad flag is a 400 even to closed DMs.
    if (flagsOutside(message, createFlags)) this.refuse({ kind: 'dm', userId, message }, 400, 50035, createFlagsRefused);
    if (this.closedDms.has(userId)) this.refuse({ kind: 'dm', userId, message }, 403, 50007, 'Cannot send messages to this user');
    const { messageId } = this.once(`dm:${userId}`, message, () => {
      const messageId = snowflake();
      this.record({ kind: 'dm', userId, messageId, message });
      return messageId;
    });
    return { channelId: this.dmChannelOf(userId), messageId };
  }

  async postToChannel(channelId: string, message: DiscordMessage): Promise<{ messageId: string }> {
    if (flagsOutside(message, createFlags)) this.refuse({ kind: 'channel', message }, 400, 50035, createFlagsRefused);
    return this.once(`channel:${channelId}`, message, () => {
      const messageId = snowflake();
      this.record({ kind: 'channel', channelId, messageId, message });
      return messageId;
    });
  }

  /** Discord's `enforce_nonce`: a repeat within a few minutes answers with the message the first made. */
  private once(where: string, message: DiscordMessage, make: () => string): { messageId: string } {
    if (!message.enforce_nonce || message.nonce === undefined) return { messageId: make() };
    const key = `${where}|${message.nonce}`;
    const nowMs = this.clock.now().getTime();
    const made = this.nonces.get(key);
    if (made && nowMs - made.atMs < nonceMemoryMs) return { messageId: made.messageId };
    const messageId = make();
    // Forgotten after a few minutes, as Discord forgets them: the map never outgrows that window.
    if (this.nonces.size > 10_000) for (const [k, v] of this.nonces) if (nowMs - v.atMs >= nonceMemoryMs) this.nonces.delete(k);
    this.nonces.set(key, { messageId, atMs: nowMs });
    this.journal?.write({ nonce: key, messageId, atMs: nowMs });
    return { messageId };
  }

  async editChannelMessage(channelId: string, messageId: string, message: DiscordMessage): Promise<void> {
    if (flagsOutside(message, editableFlags)) this.refuse({ kind: 'edit', message }, 400, 50035, editFlagsRefused);
    const dmUser = this.dmUsers.get(channelId);
    this.record({ kind: 'edit', channelId, messageId, ...(dmUser ? { userId: dmUser } : {}), message });
  }

  async editOriginalResponse(reply: InteractionReply, message: DiscordMessage): Promise<void> {
    this.checkToken('edit', reply, message);
    if (flagsOutside(message, editableFlags)) this.refuse({ kind: 'edit', interactionToken: reply.token, message }, 400, 50035, editFlagsRefused);
    this.record({ kind: 'edit', interactionToken: reply.token, interactionId: reply.id, message });
  }

  async sendFollowup(reply: InteractionReply, message: DiscordMessage): Promise<{ messageId: string }> {
    this.checkToken('followup', reply, message);
    const messageId = snowflake();
    this.record({ kind: 'followup', interactionToken: reply.token, interactionId: reply.id, messageId, message });
    return { messageId };
  }

  /** Discord knows when it issued each token; here the interaction id's snowflake time says it. */
  private checkToken(kind: OutboxKind, reply: InteractionReply, message: DiscordMessage): void {
    const issuedAtMs = snowflakeTimeMs(reply.id);
    if (issuedAtMs === undefined || this.clock.now().getTime() >= issuedAtMs + interactionTokenLifetimeMs) {
      this.refuse({ kind, interactionToken: reply.token, message }, 401, 50027, 'Invalid Webhook Token');
    }
  }

  private refuse(call: Pick<OutboxRefusal, 'kind' | 'userId' | 'interactionToken' | 'message'>, status: number, code: number, error: string): never {
    const refusal: OutboxRefusal = { at: this.clock.now().toISOString(), ...call, status, code, error, message: structuredClone(call.message) };
    this.refused.push(refusal);
    this.tell({ refusal });
    this.print(`[outbox] refused ${call.kind}${call.userId ? ` to ${call.userId}` : ''}: ${status} ${code} ${error}`);
    throw new DiscordRefusal(status, code, error);
  }

  private record(entry: Omit<OutboxEntry, 'seq' | 'at'>): void {
    // Discord refuses the whole message when any part of it is over a limit.
    const problems = discordLimitProblems(entry.message);
    if (problems.length > 0)
      this.refuse(
        {
          kind: entry.kind,
          ...(entry.userId ? { userId: entry.userId } : {}),
          ...(entry.interactionToken ? { interactionToken: entry.interactionToken } : {}),
          message: entry.message,
        },
        400,
        50035,
        `Invalid Form Body: ${problems.join('; ')}`,
      );
    const full: OutboxEntry = { seq: this.entries.length + 1, at: this.clock.now().toISOString(), ...entry, message: structuredClone(entry.message) };
    this.entries.push(full);
    this.tell({ entry: full });
    this.print(`[outbox] ${describe(full)}`);
  }
}

function describe(e: OutboxEntry): string {
  const to = e.userId ? `DM to ${e.userId}` : e.interactionToken ? `${e.kind} of interaction …${e.interactionToken.slice(-6)}` : `${e.kind} in #${e.channelId}`;
  const text = e.message.content ?? e.message.embeds?.[0]?.title ?? e.message.embeds?.[0]?.description ?? '';
  return `${to}: ${text.replace(/\s+/g, ' ').slice(0, 140)}`;
}

/** A Discord-like id, unique enough for a local outbox. */
function snowflake(): string {
  return `${(BigInt(Date.now() - 1420070400000) << 22n) | BigInt(randomInt(0, 2 ** 22))}`;
}
