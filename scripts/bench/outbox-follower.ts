/**
 * Follows the runtime's Discord outbox from outside (`GET /_local/outbox?after=<seq>`, a
 * few times a second), keeping when each interaction's answer was first edited and what
 * it said first and says now, and every channel post, channel message edit and DM.
 */
import type { OutboxEntry } from '../../shared/local/discord/discord-outbox';
import { fetchRuntime } from './runtime-fetch';

export interface AnswerEdit {
  /** Wall-clock milliseconds of the first edit. */
  firstAtMs: number;
  /** What the first edit said (a bid's "You lead at …", before any outbid notice replaced it). */
  firstText: string;
  text: string;
}

export class OutboxFollower {
  readonly answers = new Map<string, AnswerEdit>();
  readonly posts: OutboxEntry[] = [];
  /** Edits of channel messages (an auction's embed), each with its time. */
  readonly channelEdits: OutboxEntry[] = [];
  readonly dms: OutboxEntry[] = [];
  private seen = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly url: string) {}

  /** Every quarter second: the entries carry their own times, so reading them later costs no precision. */
  start(everyMs = 250): void {
    const poll = async () => {
      // A missed poll is made up by the next one: `after` only moves on what was read.
      await this.poll().catch(() => undefined);
      this.timer = setTimeout(poll, everyMs);
    };
    void poll();
  }

  stop(): void {
    clearTimeout(this.timer);
  }

  async poll(): Promise<void> {
    const { entries } = (await (await fetchRuntime(`${this.url}/_local/outbox?after=${this.seen}`)).json()) as { entries: OutboxEntry[] };
    for (const entry of entries) {
      this.seen = Math.max(this.seen, entry.seq);
      const text = textOf(entry);
      if (entry.kind === 'edit' && entry.interactionToken) {
        const known = this.answers.get(entry.interactionToken);
        this.answers.set(entry.interactionToken, { firstAtMs: known?.firstAtMs ?? Date.parse(entry.at), firstText: known?.firstText ?? text, text });
      } else if (entry.kind === 'edit' && entry.channelId) this.channelEdits.push(entry);
      else if (entry.kind === 'channel') this.posts.push(entry);
      else if (entry.kind === 'dm') this.dms.push(entry);
    }
  }

  /** Resolves once every token has an answer, or after `timeoutMs`. */
  async allAnswered(tokens: readonly string[], timeoutMs: number): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until && tokens.some((t) => !this.answers.has(t))) await new Promise((r) => setTimeout(r, 100));
  }
}

export const textOf = (entry: OutboxEntry) =>
  [entry.message.content ?? '', ...(entry.message.embeds ?? []).map((e) => `${e.title ?? ''} ${e.description ?? ''}`)].join(' ');
