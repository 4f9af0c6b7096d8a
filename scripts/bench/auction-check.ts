/**
 * The auction benchmark's verdict on one auction, from outside the runtime: the bid log
 * read back from Redis, every bidder's answer and the hammer's post and DM from the
 * outbox, and the log replayed through the reference model.
 */
import type IORedis from 'ioredis';
import { newAuctionBookModel, defaultLadder, type IncrementStep } from '../../shared/auctions';
import { formatMoney } from '../../shared/common';
import type { auctionBookKeys } from '../../shared/adapters/upstash/upstash-auction-book';
import { textOf, type AnswerEdit, type OutboxFollower } from './outbox-follower';

export interface CheckedBid {
  id: string;
  token: string;
  bidderId: string;
  amountCents: number;
  maxCents: number;
}

export interface AuctionCheck {
  answers: ReadonlyMap<string, AnswerEdit>;
  logged: number;
  /** Bids never answered, or told they were in and missing from the log. */
  lost: number;
  doubleCounted: number;
  winnerRight: boolean;
  winnerSummary: string;
}

interface LogEntry {
  bidId: string;
  bidderId: string;
  bidderName: string;
  amountCents: number;
  maxCents: number;
  outcome: string;
  atMs: number;
}

const toldIn = /You lead|still lead|Outbid at once/;

export async function checkAuction(options: {
  redis: IORedis;
  outbox: OutboxFollower;
  keys: ReturnType<typeof auctionBookKeys>;
  auctionId: string;
  channelId: string;
  bids: readonly CheckedBid[];
  hammerTimeoutMs: number;
  /** A show's lot: the winner is told at the hammer ("You won", no link) and gets the checkout link in a DM of its own when the show wraps up. */
  showLot?: boolean;
}): Promise<AuctionCheck> {
  const { redis, outbox, keys, auctionId, channelId, bids } = options;
  const hammerPost = await waitFor(() => outbox.posts.find((p) => p.channelId === channelId && /SOLD|didn’t sell/.test(textOf(p))), options.hammerTimeoutMs);
  const [hash, stream] = keys.auctionKeys(auctionId) as [string, string];
  const log: LogEntry[] = (await redis.xrange(stream, '-', '+')).map(([, kv]) => {
    const f = Object.fromEntries(Array.from({ length: kv.length / 2 }, (_, i) => [kv[2 * i], kv[2 * i + 1]])) as Record<string, string>;
    return {
      bidId: f.bidId ?? '',
      bidderId: f.bidderId ?? '',
      bidderName: f.bidderName ?? '',
      amountCents: Number(f.amount),
      maxCents: Number(f.max),
      outcome: f.outcome ?? '',
      atMs: Number(f.at),
    };
  });
  const loggedIds = new Set(log.map((e) => e.bidId));
  const lost = bids.filter((b) => {
    const answer = outbox.answers.get(b.token);
    return !answer || (toldIn.test(answer.text) && !loggedIds.has(b.id));
  }).length;

  // The leader by definition: the highest max; on a tie the one made first, then the first logged.
  let best: LogEntry | undefined;
  for (const entry of log) if (!best || entry.maxCents > best.maxCents || (entry.maxCents === best.maxCents && entry.atMs < best.atMs)) best = entry;

  // The reference model replays the log in the order Redis decided it.
  const state = await redis.hgetall(hash);
  const model = newAuctionBookModel();
  const endsAtMs = Number(state.endsAt);
  // The model's replay has no trust rules: only bids the book took are replayed.
  const guildId = state.guild ?? '';
  model.open({
    auctionId,
    guildId,
    channelId,
    messageId: state.message ?? '',
    builderId: state.builder ?? '',
    item: state.item ?? '',
    currency: state.currency ?? 'usd',
    startCents: Number(state.start),
    reserveCents: Number(state.reserve),
    endsAtMs,
    counterBidMs: Number(state.counterMs),
    suddenDeath: state.suddenDeath === '1',
    settleMs: Number(state.settle),
    ladder: state.ladder ? ladderInBook(state.ladder) : defaultLadder,
  });
  for (const e of log)
    model.placeBid(
      { auctionId },
      {
        bidId: e.bidId,
        guildId,
        bidderId: e.bidderId,
        bidderName: e.bidderName,
        amountCents: e.amountCents,
        maxCents: e.maxCents,
        responseToken: e.bidId,
        atMs: e.atMs,
        receivedAtMs: e.atMs,
      },
    );
  const reference = model.read(auctionId);

  const money = (cents: number | undefined) => formatMoney({ cents: cents ?? 0, currency: state.currency ?? 'usd' });
  let winnerRight =
    reference?.leaderId === best?.bidderId && reference?.leaderId === (state.leader || undefined) && reference?.priceCents === Number(state.price);
  let winnerSummary = `${state.leader} at ${money(Number(state.price))}; highest valid max ${best?.bidderId} (${money(best?.maxCents)}); the model replaying the log: ${reference?.leaderId} at ${money(reference?.priceCents)}`;
  if (options.hammerTimeoutMs > 0) {
    const sold = hammerPost ? /<@(\d+)> for \*\*([^*]+)\*\*/.exec(textOf(hammerPost)) : null;
    const dms = sold ? await waitForAll(() => outbox.dms.filter((d) => d.userId === sold[1] && textOf(d).includes('You won')), 10_000) : [];
    const linked =
      options.showLot && sold ? await waitForAll(() => outbox.dms.filter((d) => d.userId === sold[1] && textOf(d).includes('checkout')), 10_000) : dms;
    const checkoutLinks = linked
      .flatMap((d) => ((d.message.components ?? []) as Array<{ components: Array<{ url?: string }> }>).flatMap((r) => r.components))
      .filter((c) => c.url);
    winnerRight =
      winnerRight &&
      sold?.[1] === best?.bidderId &&
      sold?.[2] === money(reference?.priceCents) &&
      dms.length === 1 &&
      checkoutLinks.length === 1 &&
      textOf(dms[0] as never).includes(money(reference?.priceCents));
    winnerSummary = `${hammerPost ? `hammer: sold to ${sold?.[1]} for ${sold?.[2]}, ${dms.length} DM with ${checkoutLinks.length} checkout link` : 'NO hammer post'}; ${winnerSummary}`;
  }
  return { answers: outbox.answers, logged: log.length, lost, doubleCounted: log.length - loggedIds.size, winnerRight, winnerSummary };
}

async function waitFor<T>(find: () => T | undefined, timeoutMs: number): Promise<T | undefined> {
  for (const until = Date.now() + timeoutMs; ; await new Promise((r) => setTimeout(r, 100))) {
    const found = find();
    if (found !== undefined || Date.now() >= until) return found;
  }
}

/** Waits for at least one, then a moment more, so a second one would show too. */
async function waitForAll<T>(find: () => T[], timeoutMs: number): Promise<T[]> {
  await waitFor(() => (find().length > 0 ? true : undefined), timeoutMs);
  await new Promise((r) => setTimeout(r, 500));
  return find();
}

/** The ladder as the book's hash keeps it (`ladderText`: `0:100,3000:200`); only this check reads it back. */
function ladderInBook(text: string): IncrementStep[] {
  return text.split(',').map((pair) => {
    const [fromCents = 0, stepCents = 100] = pair.split(':').map(Number);
    return { fromCents, stepCents };
  });
}
