/**
 * @module discord-outbox
 * The local stand-in for Discord REST: every outbound call is recorded in send order,
 * printed, and readable at `GET /_local/outbox`, so people and tests see exactly what
 * Discord would have been sent.
 */
import { randomInt } from 'node:crypto';
import type { DiscordMessage, DiscordMessenger } from '../../ports';

export type OutboxKind = 'dm' | 'channel' | 'edit' | 'followup';

export interface OutboxEntry {
  seq: number;
  at: string;
  kind: OutboxKind;
  userId?: string;
  channelId?: string;
  /** For `edit` of a channel message. */
  messageId?: string;
  interactionToken?: string;
  message: DiscordMessage;
}

export class DiscordOutbox implements DiscordMessenger {
  readonly entries: OutboxEntry[] = [];

  constructor(private readonly print: (line: string) => void = () => undefined) {}

  async sendDm(userId: string, message: DiscordMessage): Promise<{ messageId: string }> {
    this.record({ kind: 'dm', userId, message });
    return { messageId: snowflake() };
  }

  async postToChannel(channelId: string, message: DiscordMessage): Promise<{ messageId: string }> {
    const messageId = snowflake();
    this.record({ kind: 'channel', channelId, messageId, message });
    return { messageId };
  }

  async editChannelMessage(channelId: string, messageId: string, message: DiscordMessage): Promise<void> {
    this.record({ kind: 'edit', channelId, messageId, message });
  }

  async editOriginalResponse(interactionToken: string, message: DiscordMessage): Promise<void> {
    this.record({ kind: 'edit', interactionToken, message });
  }

  async sendFollowup(interactionToken: string, message: DiscordMessage): Promise<{ messageId: string }> {
    const messageId = snowflake();
    this.record({ kind: 'followup', interactionToken, messageId, message });
    return { messageId };
  }

  private record(entry: Omit<OutboxEntry, 'seq' | 'at'>): void {
    const full: OutboxEntry = { seq: this.entries.length + 1, at: new Date().toISOString(), ...entry, message: structuredClone(entry.message) };
    this.entries.push(full);
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
  return `${BigInt(Date.now() - 1420070400000) << 22n | BigInt(randomInt(0, 2 ** 22))}`;
}
