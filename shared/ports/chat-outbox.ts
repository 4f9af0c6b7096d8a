/**
 * @module chat-outbox
 * What the bot is waiting to say in each Twitch channel's chat, and how much of the
 * channel's send budget it has spent. Kept beside the auction book (Redis): chat bids
 * arrive at a thousand a second, and each adds a line.
 */

/** One thing to say. Lines are summarised into as few chat messages as fit. */
export interface ChatLine {
  text: string;
  /** Never dropped in a summary (the hammer, a winner's pay link): sent, however late. */
  must?: boolean;
  /** Lines with the same slot replace each other: only the latest state of an auction is worth saying. */
  slot?: string;
  /** Grouped with others of the group into one line (`@bo @cy: too low, next $530`). */
  group?: { name: string; login: string };
  /** Said once: a line whose key was queued before (within a day) is not queued again. */
  onceKey?: string;
}

export interface ChatBudget {
  /** Messages allowed in any window (Twitch: 20 per 30 s as a non-moderator, 100 as a moderator). */
  perWindow: number;
  windowMs: number;
  /** At least this long between two messages (one a second). */
  spacingMs: number;
}

export type SendClaim = { ok: true } | { ok: false; retryAtMs: number };

export interface ChatOutbox {
  /** Queues a line for the channel; false when its `onceKey` was queued before. */
  add(broadcasterId: string, line: ChatLine): Promise<boolean>;
  /** Takes everything queued for the channel, oldest first (must lines first). */
  takeAll(broadcasterId: string): Promise<ChatLine[]>;
  /** Puts must lines back, ahead of anything queued since: a send that failed or did not fit. */
  putBack(broadcasterId: string, lines: readonly ChatLine[]): Promise<void>;
  /** Counts one send against the budget if it fits now, else says when one will. */
  claimSend(broadcasterId: string, nowMs: number, budget: ChatBudget): Promise<SendClaim>;
}
