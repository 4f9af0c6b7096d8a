/**
 * The auction benchmark's verdict on one auction, from outside the runtime: the bid log
 * read back from Redis, every bidder's answer and the hammer's post and DM from the
 * outbox, and the log replayed through the reference model. With bids from Twitch chat
 * (`--twitch`), the log holds them too, as the book takes them (bidder `twitch:<user id>`,
 * bid id `twitch-<chat message id>`): each is held to what was said in chat, and a chat
 * winner is told in chat, with the pay link, instead of by DM.
 */
import type IORedis from 'ioredis';
import { newAuctionBookModel, defaultLadder, type IncrementStep } from '../../shared/auctions';
import type { AuctionSnapshot } from '../../shared/ports';
import type { OutboxEntry } from '../../shared/local/discord/discord-outbox';
import { formatMoney } from '../../shared/common';
import { chatLineSeparator } from '../../shared/chatbids';
import type { auctionBookKeys } from '../../shared/adapters/upstash/upstash-auction-book';
import { textOf, type AnswerEdit, type OutboxFollower } from './outbox-follower';

export interface CheckedBid {
  id: string;
  token: string;
  bidderId: string;
  amountCents: number;
  maxCents: number;
}

/** A `!bid` said in chat, as the load generator sent it. */
export interface CheckedChatBid {
  /** Twitch's chat message id (`message_id`), not the EventSub message's. */
  messageId: string;
  chatterId: string;
  login: string;
  amountCents: number;
  maxCents: number;
  /** Whether the chatter signed in first: only then may the bid count. */
  signedIn: boolean;
}

export interface ChatBidCheck {
  /** Chat bids from signed-in chatters, and how many of them the book took. */
  sent: number;
  logged: number;
  /**
   * Not in the log, though no price rule could refuse them (at or above the final next
   * minimum, not the final leader's): lost, or refused as closed for reaching the book after
   * the settle window (queueing deciding the auction). Chat gets no answer per bid to tell
   * the two apart.
   */
  missed: number;
  /** In the log from a chatter who never signed in. */
  unsigned: number;
}

export interface AuctionCheck {
  answers: ReadonlyMap<string, AnswerEdit>;
  logged: number;
  /** Bids never answered, or told they were in and missing from the log. */
  lost: number;
  doubleCounted: number;
  /** Log entries that match no bid sent (another id, bidder, amount or max than was sent). */
  altered: number;
  chat?: ChatBidCheck;
  winnerRight: boolean;
  winnerSummary: string;
  /** The hammer's moment, as the book keeps it (counter-bids included): the end of the final call after the stated end. */
  endsAtMs: number;
  /** The leader the book names at the end. */
  leaderId?: string;
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

const toldIn = /You lead|still lead|Outbid at once|Your bid is in for the final call/;

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
  /** `!bid`s said in the auction's Twitch chat, and what the bot has said there since the auction opened. */
  chat?: { bids: readonly CheckedChatBid[]; botSaid: () => Promise<string[]> };
}): Promise<AuctionCheck> {
  const { redis, outbox, keys, auctionId, channelId, bids } = options;
  const hammerPost = await waitFor(() => outbox.posts.find((p) => p.channelId === channelId && /SOLD|didn’t sell/.test(textOf(p))), options.hammerTimeoutMs);
  const [hash, stream] = keys.auctionKeys(auctionId) as [string, string];
  const log = await readBidLog(redis, stream);
  const loggedIds = new Set(log.map((e) => e.bidId));
  const lost = bids.filter((b) => {
    const answer = outbox.answers.get(b.token);
    return !answer || (toldIn.test(answer.text) && !loggedIds.has(b.id));
  }).length;
  const best = leaderByDefinition(log);

  const state = await redis.hgetall(hash);
  const endsAtMs = Number(state.endsAt);
  // The book's final call after the end; an auction from before them closed its delay after it.
  const finalCallMs = Number(state.finalCall ?? state.delay ?? 0);
  const reference = replayThroughModel(state, log, { auctionId, channelId, endsAtMs, finalCallMs });

  const money = (cents: number | undefined) => formatMoney({ cents: cents ?? 0, currency: state.currency ?? 'usd' });
  let winnerRight =
    reference?.leaderId === best?.bidderId && reference?.leaderId === (state.leader || undefined) && reference?.priceCents === Number(state.price);
  let winnerSummary = `${state.leader} at ${money(Number(state.price))}; highest valid max ${best?.bidderId} (${money(best?.maxCents)}); the model replaying the log: ${reference?.leaderId} at ${money(reference?.priceCents)}`;
  if (options.hammerTimeoutMs > 0) {
    const hammer = await checkHammer({ ...options, hammerPost, money, priceCents: reference?.priceCents, bestId: best?.bidderId });
    winnerRight = winnerRight && hammer.right;
    winnerSummary = `${hammer.summary}; ${winnerSummary}`;
  }
  const chat = options.chat ? checkChatBids(options.chat.bids, log, best?.bidderId, nextMinimumOf(reference)) : undefined;
  return {
    answers: outbox.answers,
    logged: log.length,
    lost,
    doubleCounted: log.length - loggedIds.size,
    altered: alteredEntries(log, bids, options.chat?.bids ?? []),
    ...(chat ? { chat } : {}),
    winnerRight,
    winnerSummary,
    // The hammer's moment: the end of the final call after the stated end (none for an auction without).
    endsAtMs: endsAtMs + finalCallMs,
    ...(state.leader ? { leaderId: state.leader } : {}),
  };
}

/** The auction's bid log as the book wrote it to its Redis stream, in the order Redis decided. */
async function readBidLog(redis: IORedis, stream: string): Promise<LogEntry[]> {
  return (await redis.xrange(stream, '-', '+')).map(([, kv]) => {
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
}

/** The leader by definition: the highest max; on a tie the one made first, then the first logged. */
function leaderByDefinition(log: readonly LogEntry[]): LogEntry | undefined {
  let best: LogEntry | undefined;
  for (const entry of log) if (!best || entry.maxCents > best.maxCents || (entry.maxCents === best.maxCents && entry.atMs < best.atMs)) best = entry;
  return best;
}

/**
 * The reference model replays the log in the order Redis decided it, opened as the book's
 * hash says the auction was, and closes it at its hammer.
 */
function replayThroughModel(
  state: Record<string, string>,
  log: readonly LogEntry[],
  at: { auctionId: string; channelId: string; endsAtMs: number; finalCallMs: number },
): AuctionSnapshot | undefined {
  const { auctionId, channelId, endsAtMs, finalCallMs } = at;
  const model = newAuctionBookModel();
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
    opensAtMs: Number(state.opensAt ?? 0),
    endsAtMs,
    counterBidMs: Number(state.counterMs),
    suddenDeath: state.suddenDeath === '1',
    settleMs: Number(state.settle),
    streamDelayMs: Number(state.delay ?? 0),
    finalCallMs,
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
        // A bid the book took sealed reached it in the final call, whenever it was made.
        receivedAtMs: e.outcome === 'sealed' ? Math.max(e.atMs, endsAtMs) : e.atMs,
      },
    );
  // To its hammer, as the book closed it: a final call's sealed bids count only then.
  const version = model.read(auctionId)?.version ?? 0;
  const closed = model.hammer(auctionId, version, Number.MAX_SAFE_INTEGER);
  return closed.kind === 'closed' ? closed.snapshot : model.read(auctionId);
}

/**
 * The hammer as people see it: the post in the channel naming the winner and the price; a
 * member's one DM with the checkout link (a show's lot: "You won", then the show's checkout),
 * or a chatter's one line in chat, `SOLD! @<login> wins … Pay by …: <pay link>`.
 */
async function checkHammer(o: {
  outbox: OutboxFollower;
  hammerPost: OutboxEntry | undefined;
  showLot?: boolean;
  chat?: { bids: readonly CheckedChatBid[]; botSaid: () => Promise<string[]> };
  money: (cents: number | undefined) => string;
  priceCents: number | undefined;
  bestId: string | undefined;
}): Promise<{ right: boolean; summary: string }> {
  const { outbox, hammerPost, money } = o;
  if (!hammerPost) return { right: false, summary: 'NO hammer post' };
  const sold = soldTo(textOf(hammerPost), o.chat?.bids ?? []);
  const soldRight = sold?.[1] === o.bestId && sold?.[2] === money(o.priceCents);
  const chatterId = sold?.[1]?.startsWith('twitch:') ? sold[1].slice('twitch:'.length) : undefined;
  if (chatterId !== undefined) {
    const login = o.chat?.bids.find((b) => b.chatterId === chatterId)?.login ?? '?';
    const said = new RegExp(`^SOLD! @${login} wins .* at (\\S+)\\. Pay by \\d\\d:\\d\\d UTC: (http\\S+/pay/\\S+)$`);
    // The bot says many lines in one message (` · ` between them): the SOLD line may share one with others still queued.
    const lines = o.chat
      ? await waitForAll(async () => (await o.chat!.botSaid()).flatMap((t) => t.split(chatLineSeparator)).filter((t) => said.test(t)), 60_000)
      : [];
    const price = lines.length === 1 ? said.exec(lines[0] as string)?.[1] : undefined;
    return {
      right: soldRight && lines.length === 1 && price === money(o.priceCents),
      summary: `hammer: sold to ${sold?.[1]} (@${login}) for ${sold?.[2]}, told in chat ${lines.length} time${lines.length === 1 ? '' : 's'} with the pay link`,
    };
  }
  const winner = sold?.[1];
  const dms = winner ? await waitForAll(async () => outbox.dms.filter((d) => d.userId === winner && textOf(d).includes('You won')), 10_000) : [];
  const linked =
    o.showLot && winner ? await waitForAll(async () => outbox.dms.filter((d) => d.userId === winner && textOf(d).includes('checkout')), 10_000) : dms;
  const checkoutLinks = linked
    .flatMap((d) => ((d.message.components ?? []) as Array<{ components: Array<{ url?: string }> }>).flatMap((r) => r.components))
    .filter((c) => c.url);
  return {
    right: soldRight && dms.length === 1 && checkoutLinks.length === 1 && textOf(dms[0] as never).includes(money(o.priceCents)),
    summary: `hammer: sold to ${sold?.[1]} for ${sold?.[2]}, ${dms.length} DM with ${checkoutLinks.length} checkout link`,
  };
}

/**
 * Who the hammer post says won, and at what price: a member as a mention; a chatter by the
 * name they bid under (`**ana (Twitch)**`, markdown escaped), found among the chat's bidders
 * (the herd's display names are their logins).
 */
function soldTo(text: string, chatBids: readonly CheckedChatBid[]): [string, string, string] | undefined {
  const member = /<@(\d+)> for \*\*([^*]+)\*\*/.exec(text);
  if (member) return [member[0], member[1] as string, member[2] as string];
  const chatter = /goes to \*\*(.+?) \(Twitch\)\*\* for \*\*([^*]+)\*\*/.exec(text);
  if (!chatter) return undefined;
  const login = (chatter[1] as string).replace(/\\(.)/g, '$1');
  const id = chatBids.find((b) => b.login === login)?.chatterId;
  return [chatter[0], id ? `twitch:${id}` : `twitch:? (${login})`, chatter[2] as string];
}

/**
 * Chat bids the book took, and the ones it should have: a bid at or above the final next
 * minimum was above every earlier minimum (the price only rises), and not the leader's own
 * (only the leader's bid can be "already leading"), so no price rule refused it: if it is
 * not in the log, it was lost or reached the book too late. The load generator keeps each
 * chatter's bids over a second apart, so the cooldown refuses none.
 */
function checkChatBids(bids: readonly CheckedChatBid[], log: readonly LogEntry[], leaderId: string | undefined, finalMinimumCents: number): ChatBidCheck {
  const logged = new Set(log.map((e) => e.bidId));
  const signedIn = bids.filter((b) => b.signedIn);
  return {
    sent: signedIn.length,
    logged: signedIn.filter((b) => logged.has(`twitch-${b.messageId}`)).length,
    missed: signedIn.filter((b) => !logged.has(`twitch-${b.messageId}`) && b.amountCents >= finalMinimumCents && `twitch:${b.chatterId}` !== leaderId).length,
    unsigned: bids.filter((b) => !b.signedIn && logged.has(`twitch-${b.messageId}`)).length,
  };
}

/** Entries in the log that were never sent as logged: another bidder, amount or max than the bid with that id. */
function alteredEntries(log: readonly LogEntry[], bids: readonly CheckedBid[], chatBids: readonly CheckedChatBid[]): number {
  const sent = new Map<string, { bidderId: string; amountCents: number; maxCents: number }>([
    ...bids.map((b) => [b.id, b] as const),
    ...chatBids.map((b) => [`twitch-${b.messageId}`, { bidderId: `twitch:${b.chatterId}`, amountCents: b.amountCents, maxCents: b.maxCents }] as const),
  ]);
  return log.filter((e) => {
    const bid = sent.get(e.bidId);
    return !bid || bid.bidderId !== e.bidderId || bid.amountCents !== e.amountCents || bid.maxCents !== e.maxCents;
  }).length;
}

function nextMinimumOf(reference: AuctionSnapshot | undefined): number {
  return reference?.nextMinimumCents ?? Number.POSITIVE_INFINITY;
}

async function waitFor<T>(find: () => T | undefined, timeoutMs: number): Promise<T | undefined> {
  for (const until = Date.now() + timeoutMs; ; await new Promise((r) => setTimeout(r, 100))) {
    const found = find();
    if (found !== undefined || Date.now() >= until) return found;
  }
}

/** Waits for at least one, then a moment more, so a second one would show too. */
async function waitForAll<T>(find: () => Promise<T[]>, timeoutMs: number): Promise<T[]> {
  for (const until = Date.now() + timeoutMs; Date.now() < until; await new Promise((r) => setTimeout(r, 250))) if ((await find()).length > 0) break;
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
