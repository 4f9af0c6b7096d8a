/**
 * @module auction
 * An auction as Firestore keeps it (`auctions/<id>`): its terms while it runs, its result
 * and bid history once the hammer drops, and the offers made to the winner and, if the
 * winner does not pay, to the runner-ups. The live state while it runs is the book's.
 */
import type { RunnerUp } from './second-chance';
import { collectionPath, docPath } from '../../ports';
import { defaultLadder, type BidRecord, type IncrementStep } from './auction-book';
import { parseStreamDelay } from './stream-delay';
import { parseFinalCall } from './final-call';
import { amountText, formatMoney, maxAmountCents, minimumCharge, parseAmount, visibleText } from '../../common';

export const auctionStatuses = ['live', 'cancelled', 'awaiting-payment', 'paid', 'unsold'] as const;
export type AuctionStatus = (typeof auctionStatuses)[number];

/** `bids-lost`: the book lost the auction (Redis restarted empty) before its hammer, so no winner could be named. */
/** `account-revoked`: the builder disconnected their Stripe account from C500, so no checkout could pay them. */
export type UnsoldReason = 'no-bids' | 'reserve-not-met' | 'no-one-paid' | 'bids-lost' | 'account-revoked';

/** The person an auction is offered to: rank 0 is the winner, then the runner-ups in order. */
export interface AuctionOffer {
  rank: number;
  bidderId: string;
  bidderName: string;
  priceCents: number;
  orderId: string;
}

export interface Auction {
  auctionId: string;
  guildId: string;
  channelId: string;
  /** The live embed in the channel. */
  messageId?: string;
  builderId: string;
  builderName: string;
  item: string;
  currency: string;
  startCents: number;
  reserveCents: number;
  counterBidSeconds: number;
  suddenDeath: boolean;
  /** How long after the end a bid made in time may still arrive; fixed at the start. */
  settleMs: number;
  /**
   * How far behind the stream its viewers watch, fixed at the start: the hammer falls this
   * long after `endsAt` (the overlay's end). Absent on auctions from before it existed: none.
   */
  streamDelaySeconds?: number;
  /**
   * The sealed final call after the end, fixed at the start: bids keep coming in privately
   * and the hammer falls this long after the end (`final-call`). Absent on auctions from
   * before it existed: the stream delay stands for it.
   */
  finalCallSeconds?: number;
  /**
   * The secret the final call's draw between equal maxes is made from (`sealed-draw`), drawn at
   * the start: its commitment is shown when the final call begins, the seed with the result.
   * Absent on auctions from before the draw.
   */
  drawSeed?: string;
  ladder: IncrementStep[];
  startedAt: string;
  /** The end as first set; counter-bids move the book's end, kept in `finalEndsAt`. */
  endsAt: string;
  status: AuctionStatus;
  closedAt?: string;
  finalEndsAt?: string;
  bidCount?: number;
  priceCents?: number;
  winner?: { bidderId: string; bidderName: string; priceCents: number };
  /** Who would be offered the item next, best first, if the one before does not pay. */
  runnerUps?: RunnerUp[];
  /** The offer waiting for payment now. */
  offer?: AuctionOffer;
  unsoldReason?: UnsoldReason;
  historyChunks?: number;
  /** When the retention sweep deleted the bid history and runner-ups (history-retention): `historyChunks` is then 0. */
  historyErasedAt?: string;
  paidOrderId?: string;
  cancelledAt?: string;
  /** Why it was cancelled when its builder did not cancel it: they revoked C500's access to their Stripe account. */
  cancelledBecause?: 'account-revoked';
  /** The bidder who won a lot nobody could be paid for (`account-revoked`): told no checkout comes. */
  unpayableWinner?: { bidderId: string; bidderName: string; priceCents: number };
  /** A lot of a show: its winner pays in the show's checkout, and the host's cut comes out at release. */
  show?: AuctionShowLink;
}

/** What a show's lot auction knows of its show, fixed when the lot goes up. */
export interface AuctionShowLink {
  showId: string;
  lotId: string;
  hostId: string;
  hostName: string;
  hostCutBps: number;
}

export const auctionsCollection = collectionPath<Auction>('auctions');
export const auctionPath = (auctionId: string) => docPath<Auction>(`${auctionsCollection}/${auctionId}`);

/** The bid history is kept in chunks: a document holds at most 1 MiB, an auction may take 10,000 bids. */
export const historyChunkSize = 1_000;

/** One chunk of an auction's bid history (`auctions/<id>/history/<nnnn>`), in bid order. */
export interface HistoryChunk {
  auctionId: string;
  chunk: number;
  bids: BidRecord[];
  /**
   * Who bid in this chunk, once each: a member's export and erasure find the chunks they bid
   * in by it (one collection-group array-contains). Absent on chunks written before it.
   */
  bidderIds?: string[];
}

export const historyChunksPath = (auctionId: string) => collectionPath<HistoryChunk>(`${auctionPath(auctionId)}/history`);
export const historyChunkPath = (auctionId: string, chunk: number) =>
  docPath<HistoryChunk>(`${historyChunksPath(auctionId)}/${String(chunk).padStart(4, '0')}`);

/**
 * A bidder's record across auctions (`bidders/<id>`; a member's Discord id, a chatter's
 * `twitch:<user id>`): unpaid wins are strikes, enough of them a ban; a paid order makes
 * them trusted, past any server's new-bidder limit.
 */
export interface BidderRecord {
  bidderId: string;
  strikes: number;
  strikeOrders: string[];
  banned: boolean;
  bannedAt?: string;
  /**
   * When the last strike was given: a year later the strikes, and the ban they made, end
   * (sweep-strikes). A record struck before this was written is stamped when the sweep first
   * reads it, so its year runs from then.
   */
  lastStrikeAt?: string;
  /** When they first paid for an order on C500, and which. */
  trustedAt?: string;
  trustedByOrder?: string;
}

export const biddersCollection = collectionPath<BidderRecord>('bidders');
export const bidderPath = (bidderId: string) => docPath<BidderRecord>(`${biddersCollection}/${bidderId}`);

/** The auction's stream delay in ms, as the book and the hammer's task take it. */
export function streamDelayMsOf(auction: Pick<Auction, 'streamDelaySeconds'>): number {
  return (auction.streamDelaySeconds ?? 0) * 1000;
}

/** The auction's final call in ms; an auction from before final calls closes its stream's delay after the end, as it did. */
export function finalCallMsOf(auction: Pick<Auction, 'streamDelaySeconds' | 'finalCallSeconds'>): number {
  return (auction.finalCallSeconds ?? auction.streamDelaySeconds ?? 0) * 1000;
}

export const hammerTaskName = (auctionId: string, version: number) => `hammer-${auctionId}-v${version}`;
export const finalCallTaskName = (auctionId: string, version: number) => `final-call-${auctionId}-v${version}`;
export const embedTaskName = (auctionId: string, behindMs: number) => `embed-${auctionId}-${behindMs}`;

/** Auction ids as people type them. */
export function normalizeAuctionId(raw: string): string {
  return raw.trim().replace(/^#/, '').toLowerCase();
}

export function isAuctionIdShaped(id: string): boolean {
  return /^[0-9a-z]{4,40}$/.test(id);
}

// ---------------------------------------------------------------------------------------
// `/c500 auction start`: every option checked, every problem named at once.

export interface AuctionStartForm {
  item: string;
  startCents: number;
  durationSeconds: number;
  reserveCents: number;
  /** Undefined: the deployment's default. */
  counterBidSeconds: number | undefined;
  suddenDeath: boolean;
  ladder: IncrementStep[];
  /** Undefined: the server's default (`/c500 auction settings`), else 3 s. */
  streamDelaySeconds: number | undefined;
  /** Undefined: the server's default, else the default for the stream's delay (`final-call`). */
  finalCallSeconds: number | undefined;
}

export const auctionLimits = { minSeconds: 10, maxSeconds: 12 * 60 * 60, maxCounterBidSeconds: 600, maxItemLength: 100 } as const;

export function parseAuctionStart(
  options: Record<string, string | number | boolean>,
  currency: string,
): { ok: true; form: AuctionStartForm } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  const item = visibleText(String(options.item ?? '')) ?? '';
  if (item.length === 0) problems.push('**item**: say what is up for auction in words people can see, for example `Tofu65 in e-white`.');
  if (item.length > auctionLimits.maxItemLength) problems.push(`**item**: keep it under ${auctionLimits.maxItemLength} characters.`);
  const price = parseAmount(options.price === undefined ? '' : (options.price as number | string), currency);
  const minimum = minimumCharge(currency);
  if (!price.ok) problems.push(`**price**: ${price.reason}`);
  else if (price.cents < minimum.cents)
    problems.push(`**price**: start at \`${amountText(minimum)}\` or more: ${formatMoney(minimum)} is the least a card payment can be.`);
  const duration = parseDuration(String(options.duration ?? ''));
  if (!duration.ok) problems.push(`**duration**: ${duration.reason}`);
  let reserveCents = 0;
  if (options.reserve !== undefined) {
    const reserve = parseAmount(options.reserve as number | string, currency);
    if (!reserve.ok) problems.push(`**reserve**: ${reserve.reason}`);
    else if (price.ok && reserve.cents <= price.cents)
      problems.push('**reserve**: a reserve must be above the starting price; leave it out to sell at any price.');
    else reserveCents = reserve.cents;
  }
  let counterBidSeconds: number | undefined;
  if (options['counter-bid'] !== undefined) {
    const seconds = Number(options['counter-bid']);
    if (!Number.isInteger(seconds) || seconds < 0 || seconds > auctionLimits.maxCounterBidSeconds)
      problems.push(`**counter-bid**: whole seconds from 0 to ${auctionLimits.maxCounterBidSeconds}, for example \`10\`.`);
    else counterBidSeconds = seconds;
  }
  const suddenDeath = options['sudden-death'] === true;
  let streamDelaySeconds: number | undefined;
  if (options['stream-delay'] !== undefined) {
    const delay = parseStreamDelay(options['stream-delay']);
    if (delay.ok) streamDelaySeconds = delay.seconds;
    else problems.push(delay.problem);
  }
  let finalCallSeconds: number | undefined;
  if (options['final-call'] !== undefined) {
    const finalCall = parseFinalCall(options['final-call']);
    if (finalCall.ok) finalCallSeconds = finalCall.seconds;
    else problems.push(finalCall.problem);
  }
  if (problems.length > 0 || !price.ok || !duration.ok) return { ok: false, problems };
  return {
    ok: true,
    form: {
      item,
      startCents: price.cents,
      durationSeconds: duration.seconds,
      reserveCents,
      counterBidSeconds,
      suddenDeath,
      ladder: [...defaultLadder],
      streamDelaySeconds,
      finalCallSeconds,
    },
  };
}

/** `90s`, `10m`, `1h`, `1h30m`, `2m30s` -> seconds, between 10 seconds and 12 hours. */
export function parseDuration(raw: string): { ok: true; seconds: number } | { ok: false; reason: string } {
  const text = raw.toLowerCase().replace(/\s/g, '');
  const example = 'Type a duration like `90s`, `10m` or `1h30m`.';
  const match = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(text);
  if (!text || !match)
    return {
      ok: false,
      reason: /^\d+$/.test(text) ? `\`${text}\` needs a unit: \`${text}s\` or \`${text}m\`.` : `\`${raw.trim() || ' '}\` isn’t a duration. ${example}`,
    };
  const seconds = Number(match[1] ?? 0) * 3600 + Number(match[2] ?? 0) * 60 + Number(match[3] ?? 0);
  if (seconds < auctionLimits.minSeconds) return { ok: false, reason: `An auction runs at least ${auctionLimits.minSeconds} seconds. ${example}` };
  if (seconds > auctionLimits.maxSeconds) return { ok: false, reason: `An auction runs at most 12 hours. ${example}` };
  return { ok: true, seconds };
}

// ---------------------------------------------------------------------------------------
// `/bid` and the embed's buttons.

export interface BidForm {
  auctionId?: string;
  amountCents: number;
  maxCents: number;
}

const bidButtonPrefix = 'bid:';

/** A button bids exactly the amount its label shows: what you see is what you bid. */
export const bidButtonCustomId = (auctionId: string, amountCents: number) => `${bidButtonPrefix}${auctionId}:${amountCents}`;

export function bidFromButton(customId: string): BidForm | undefined {
  const match = /^bid:([0-9a-z]{4,40}):(\d{1,12})$/.exec(customId);
  if (!match) return undefined;
  // The id is the presser's to forge: the amount obeys a typed amount's bounds.
  const amountCents = Number(match[2]);
  return amountCents > 0 && amountCents <= maxAmountCents ? { auctionId: match[1] as string, amountCents, maxCents: amountCents } : undefined;
}

export function parseBidCommand(
  options: Record<string, string | number | boolean>,
  currency: string,
): { ok: true; bid: BidForm } | { ok: false; reason: string } {
  const amount = parseAmount(options.amount === undefined ? '' : (options.amount as number | string), currency);
  if (!amount.ok) return { ok: false, reason: `**amount**: ${amount.reason}` };
  let maxCents = amount.cents;
  if (options.max !== undefined) {
    const max = parseAmount(options.max as number | string, currency);
    if (!max.ok) return { ok: false, reason: `**max**: ${max.reason}` };
    if (max.cents < amount.cents)
      return { ok: false, reason: '**max** is the most we may bid for you, so it can’t be below your amount. Leave it out to bid just the amount.' };
    maxCents = max.cents;
  }
  let auctionId: string | undefined;
  if (options.auction !== undefined) {
    auctionId = normalizeAuctionId(String(options.auction));
    if (!isAuctionIdShaped(auctionId))
      return { ok: false, reason: `**auction**: \`${auctionId.slice(0, 40)}\` isn’t an auction id. Leave it out to bid in this channel’s live auction.` };
  }
  return { ok: true, bid: { ...(auctionId ? { auctionId } : {}), amountCents: amount.cents, maxCents } };
}
