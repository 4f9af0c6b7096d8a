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
  /**
   * A must line said ahead of the other must lines (a winner's pay link, which runs against
   * its deadline): a queue of sign-in links for new chatters never holds back the hammer.
   */
  ahead?: boolean;
  /** Lines with the same slot replace each other: only the latest state of an auction is worth saying. */
  slot?: string;
  /** Grouped with others of the group into one line (`@bo @cy: too low, next $530`). */
  group?: { name: string; login: string };
  /**
   * Said once: a line whose key was queued before (within a day) is not queued again. It may
   * name a chatter (`sign-in:<twitch user id>`): the Redis outbox keeps it as a keyed hash.
   */
  onceKey?: string;
  /** How many sends with this must line in them failed or were refused: a line Twitch never takes is let go in the end. */
  failedSends?: number;
}

export interface ChatBudget {
  /** Messages allowed in any window (Twitch: 20 per 30 s as a non-moderator, 100 as a moderator). */
  perWindow: number;
  windowMs: number;
  /** At least this long between two messages (one a second). */
  spacingMs: number;
  /**
   * How much longer than the window a send is counted (`chatSendMarginMs`): Twitch counts a
   * message when it arrives, the outbox when the send is claimed, a little before.
   */
  marginMs: number;
}

/**
 * Twitch counts a message at the moment it reaches Twitch; a claim is stamped when the task
 * starts, before the lines are taken, a retry scheduled and Helix called. Were each send
 * counted for 30 s exactly, the 21st message, claimed 30 s after the 1st, reaches Twitch
 * less than 30 s after it whenever the 1st took longer to get there, and Twitch drops it
 * (msg_ratelimit). Counting each send for the window and a second keeps any 21 messages
 * more than 30 s apart as Twitch sees them while the sends' latencies differ by less than
 * a second. A margin in time rather than one message of headroom, because the fault is one
 * of time; both cost about the same (20 messages per 31 s, or 19 per 30 s).
 */
export const chatSendMarginMs = 1_000;

export type SendClaim = { ok: true } | { ok: false; retryAtMs: number };

export interface ChatOutbox {
  /** Queues a line for the channel; false when its `onceKey` was queued before. */
  add(broadcasterId: string, line: ChatLine): Promise<boolean>;
  /** Takes everything queued for the channel, oldest first (must lines first). */
  takeAll(broadcasterId: string): Promise<ChatLine[]>;
  /** Puts lines of a send that failed or did not fit back, ahead of anything queued since: must lines among the must, the others among the rest. */
  putBack(broadcasterId: string, lines: readonly ChatLine[]): Promise<void>;
  /**
   * Counts one send against the budget if it fits now, else says when one will. A send is
   * counted for the window and the margin after `nowMs`; the answer's `retryAtMs` is when
   * the oldest counted send stops counting, so a retry then fits.
   */
  claimSend(broadcasterId: string, nowMs: number, budget: ChatBudget): Promise<SendClaim>;
  /**
   * Forgets everything kept for the channel (its broadcaster erased themselves): the lines
   * waiting, the say-once keys and the sends counted. Idempotent.
   */
  dropChannel(broadcasterId: string): Promise<void>;
}
