/**
 * What the people around an auction wait for, read from outside the runtime: the outbox's
 * own times (each entry stamped when Discord took it), the bot's chat lines, the bidders'
 * answers and the auction's end as the book keeps it. No part of it is the runtime's say.
 *
 * - **a lead shown**: from a bid leaving the bidder (its send) to the auction's embed in
 *   the channel first showing a price at or above the one the bidder was told they lead at;
 * - **the hammer**: from the auction's end (the book's `endsAt`, the time the embed counted
 *   down to) to the SOLD post, to the winner's "You won" DM, and to the bot's SOLD line in
 *   Twitch chat.
 */
import type { OutboxEntry } from '../../shared/local/discord/discord-outbox';
import { textOf, type OutboxFollower } from './outbox-follower';

export interface UserWaits {
  /** One per bid told "You lead at …": milliseconds until the embed showed that price. Undefined: never shown. */
  leadShownMs: Array<number | undefined>;
  hammerToPostMs?: number;
  hammerToDmMs?: number;
  hammerToChatMs?: number;
}

const cents = (text: string) => {
  const m = /([\d,]+)\.(\d\d)/.exec(text);
  return m ? Number((m[1] as string).replace(/,/g, '')) * 100 + Number(m[2]) : undefined;
};

/** The price an auction embed shows (its Price field), or undefined for another message. */
function shownPriceCents(entry: OutboxEntry): number | undefined {
  const field = entry.message.embeds?.[0]?.fields?.find((f) => f.name === 'Price');
  return field ? cents(field.value) : undefined;
}

export function userWaits(o: {
  outbox: OutboxFollower;
  channelId: string;
  bids: ReadonlyArray<{ token: string; sentAtMs: number }>;
  endsAtMs: number;
  winnerId?: string;
  chatLines?: ReadonlyArray<{ text: string; atMs: number }>;
}): UserWaits {
  const shown = o.outbox.channelEdits
    .filter((e) => e.channelId === o.channelId)
    .map((e) => ({ atMs: Date.parse(e.at), priceCents: shownPriceCents(e) }))
    .filter((e): e is { atMs: number; priceCents: number } => e.priceCents !== undefined)
    .sort((a, b) => a.atMs - b.atMs);
  const leadShownMs = o.bids.flatMap((bid) => {
    const told = o.outbox.answers.get(bid.token)?.firstText ?? '';
    const led = /You lead at \*\*([^*]+)\*\*/.exec(told);
    const priceCents = led ? cents(led[1] as string) : undefined;
    if (priceCents === undefined) return [];
    const first = shown.find((e) => e.atMs >= bid.sentAtMs && e.priceCents >= priceCents);
    return [first ? first.atMs - bid.sentAtMs : undefined];
  });
  const after = (atMs: number | undefined) => (atMs === undefined ? undefined : atMs - o.endsAtMs);
  const post = o.outbox.posts.find((p) => p.channelId === o.channelId && /SOLD|didn’t sell/.test(textOf(p)));
  const dm = o.winnerId ? o.outbox.dms.find((d) => d.userId === o.winnerId && textOf(d).includes('You won')) : undefined;
  // The SOLD line may share its message with lines still queued before it.
  const chat = o.chatLines?.find((l) => l.text.includes('SOLD! @'));
  const waits: UserWaits = { leadShownMs };
  const postMs = after(post && Date.parse(post.at));
  const dmMs = after(dm && Date.parse(dm.at));
  const chatMs = after(chat?.atMs);
  if (postMs !== undefined) waits.hammerToPostMs = postMs;
  if (dmMs !== undefined) waits.hammerToDmMs = dmMs;
  if (chatMs !== undefined) waits.hammerToChatMs = chatMs;
  return waits;
}
