/**
 * @module play-feed
 * Everything the playground shows, in the order it happened: interactions as Discord would
 * have sent them with the answer the ingress gave, every call the product made to Discord
 * (the outbox, refusals included), and Twitch chat (viewers' lines and the bot's). Pages
 * follow it as server-sent events; a page that reconnects names the last event it saw and
 * gets what it missed. Only the latest events are kept (5,000 to 10,000): a runtime a benchmark drove through
 * a herd would otherwise replay millions to a page opened afterwards.
 */
import type { OutboxEntry, OutboxRefusal } from '../discord/discord-outbox';
import type { DiscordMessage } from '../../ports';

/** An interaction as it went to the ingress, and the ingress's answer. */
export interface PlayInteraction {
  id: string;
  token: string;
  type: number;
  guildId?: string;
  channelId?: string;
  user: { id: string; username: string };
  data?: unknown;
  /** The message a component was pressed on. */
  messageId?: string;
  /** When it was sent, on the runtime's clock. */
  at?: string;
  answer: { status: number; type?: number; data?: DiscordMessage | Record<string, unknown> };
  /** The trace it began: every line of it at `GET /_local/trace/<traceId>`. */
  traceId?: string;
}

export interface PlayChatLine {
  channel: string;
  login: string;
  text: string;
  bot: boolean;
}

export type PlayEventBody =
  | { kind: 'interaction'; interaction: PlayInteraction }
  | { kind: 'outbox'; entry: OutboxEntry }
  | { kind: 'refused'; refusal: OutboxRefusal }
  | { kind: 'chat'; line: PlayChatLine }
  /** An ephemeral answer its reader dismissed. */
  | { kind: 'dismissed'; key: string; userId: string }
  /** The runtime's clock moved ahead (`POST /_local/clock`): every "in 5 minutes" on the page counts from the event's `at`. */
  | { kind: 'clock' };

export type PlayEvent = PlayEventBody & { seq: number; at: string };

export class PlayFeed {
  /** This runtime's run: a page that followed an earlier one starts afresh (its numbers mean nothing here). */
  readonly boot = Date.now().toString(36);
  private readonly events: PlayEvent[] = [];
  private readonly followers = new Set<(event: PlayEvent) => void>();
  private seq = 0;

  /** `now` is the runtime's clock, which `POST /_local/clock` moves: a message is dated as the product dates it. */
  constructor(
    private readonly keep = 5_000,
    private readonly now: () => Date = () => new Date(),
  ) {}

  add(body: PlayEventBody, at: Date = this.now()): PlayEvent {
    const event = { ...body, seq: ++this.seq, at: at.toISOString() } as PlayEvent;
    this.events.push(event);
    // Let go of the oldest in one cut once twice as many are held: a cut per event would copy
    // the whole window on every outbox call of a herd.
    if (this.events.length >= 2 * this.keep) this.events.splice(0, this.events.length - this.keep);
    for (const follower of this.followers) follower(event);
    return event;
  }

  /** What happened after `seq`, as far back as the feed keeps. */
  since(seq: number): PlayEvent[] {
    const first = this.events.findIndex((e) => e.seq > seq);
    return first < 0 ? [] : this.events.slice(first);
  }

  /** Whether a page that saw up to `seq` can be caught up: nothing it missed has been let go. */
  canReplayAfter(seq: number): boolean {
    const oldest = this.events[0]?.seq ?? this.seq + 1;
    return seq >= oldest - 1 && seq <= this.seq;
  }

  follow(follower: (event: PlayEvent) => void): () => void {
    this.followers.add(follower);
    return () => this.followers.delete(follower);
  }
}
