/**
 * @module order
 * An order: one buyer, one drop (or one won auction), one Stripe Checkout Session. The buyer's money is held by
 * the platform (separate charges and transfers) until the builder proves work live.
 * Stored at `orders/<order id>`.
 */
import type { CheckoutShipping } from '../../ports';
import { amountStep } from '../../common';
import { hostPartOfRefund, partOfRefund } from './split-money';
import type { OrderDispute, OrderInquiry, PastDispute } from './order-dispute';
import type { OrderCommission } from './order-commission';
import type { OrderFraudWarning } from './order-fraud-warning';
import type { FailedRefund, RefundSnapshot } from './failed-refunds';
import type { OrderParcel } from './parcel-moves';
import type { LabelQuote, OrderLabel, ParcelChoice } from './order-label';

/**
 * `closed`: paid, then ended without shipping and without a full refund: a commission its
 * buyer cancelled late (refunded all but the tranches sent), or an unshipped order whose
 * chargeback was lost. Nothing is to ship, so it leaves the to-ship views, and its address is
 * erased `C500_ADDRESS_DAYS` after `closedAt`.
 */
export const orderStatuses = ['awaiting-payment', 'paid', 'building', 'shipped', 'expired', 'refunded', 'closed'] as const;
export type OrderStatus = (typeof orderStatuses)[number];

/** An order's status as a sentence says it ("order … is … now"): what people read, never the stored spelling. */
export const orderStatusWords: Readonly<Record<OrderStatus, string>> = {
  'awaiting-payment': 'still waiting for its payment',
  paid: 'paid and not shipped yet',
  building: 'being built and not shipped yet',
  shipped: 'shipped',
  expired: 'expired unpaid',
  refunded: 'refunded',
  closed: 'closed without shipping',
};

/**
 * How many orders one `/c500 live` proves at once, named by id: its summary must fit one
 * message. Kept with the proof's type so a show's checkout can say it without the live module.
 */
export const maxOrdersPerLive = 10;

export interface ProofOfWork {
  url: string;
  /**
   * What `url` is: a clip of the stream made at the proof, the stream's VOD at the proof's
   * moment, or only the channel (which shows whatever is live today). Absent on proofs
   * stored before clips: those are the channel.
   */
  kind?: 'clip' | 'vod' | 'channel';
  streamId?: string;
  streamStartedAt?: string;
  provedAt: string;
  /** The `/c500 live` that proved it: its redelivery finds its own proof and answers as the first did. */
  byInteraction?: string;

  // Proof clips and VODs (issue 32, part 5): what `url` points into.
  /** The clip Twitch made at the proof (`kind: 'clip'`). */
  clipId?: string;
  /** The stream's archived broadcast (`kind: 'vod'`), and how far into it the proof came. */
  videoId?: string;
  vodOffsetSeconds?: number;
  /** The channel's Twitch user id, whose archives a VOD search reads. */
  broadcasterId?: string;
  /**
   * No clip could be made and no VOD was found yet: a task looks again (`attempt` is the
   * next one). Absent once it found one or gave up, leaving the channel as the proof.
   */
  vodSearch?: { attempt: number } | null;
}

export interface Order {
  orderId: string;
  /**
   * `drop` for Buy Now, `auction` for a winner's (or a second chance's) checkout, `giveaway`
   * for a giveaway's prize (no price, no checkout: paid as it is made, shipped as any order),
   * `groupbuy` for a group buy's pledge charged at its close (off session, or on its pay link).
   */
  source: 'drop' | 'auction' | 'giveaway' | 'groupbuy';
  /** The drop it was bought from, for an auction the auction id, for a prize the giveaway's, for a pledge its group buy's. Read it with `sourceIdOf`. */
  sourceId?: string;
  /** What `sourceId` was named when only drops sold: orders stored before then hold this instead. */
  dropId?: string;
  /** An auctioned board is one of a kind: no stock goes back when it is not paid. */
  dropKind: 'commission' | 'ready-to-ship' | 'auction';
  /** For an auction: 0 for the winner, then the runner-up it was offered to. */
  offerRank?: number;
  guildId: string;
  title: string;
  buyerId: string;
  buyerName: string;
  builderId: string;
  builderName: string;
  amountCents: number;
  currency: string;
  platformFeeCents: number;
  /** What the builder receives when the funds are released: amount minus the platform fee (and a show host's cut). */
  builderShareCents: number;
  status: OrderStatus;
  createdAt: string;
  checkoutSessionId?: string;
  checkoutUrl?: string;
  checkoutExpiresAt?: string;
  /**
   * The trace its checkout was opened in (a W3C `traceparent`), fixed with the deadline: the
   * session's metadata carries it, so Stripe's events join that trace, and a replayed request
   * under the same key sends the same one (Stripe refuses a key replayed with other parameters).
   */
  checkoutTraceparent?: string;
  paymentIntentId?: string;
  chargeId?: string;
  paidAt?: string;
  /** Null again when the release after a proof was refused: the builder proves once more. */
  proof?: ProofOfWork | null;
  proofUrl?: string | null;
  /** What went (or goes) out to each party, the builder and a show's host: each party's money is kept, and moved, the same way. */
  payouts: Payouts;
  /** Releases Stripe refused: each new attempt is a new idempotency key (Stripe replays a refusal for a day). */
  releaseAttempts?: number;
  /** Why Stripe refused the last release, as it said (cut to 500 characters). */
  lastReleaseRefusal?: string;
  /** Reversals fixed (part, key, amount) but not yet answered by Stripe: a retry replays them as they are. */
  pendingReversals?: PendingReversal[];
  shippedAt?: string;
  tracking?: string;
  /** The `/c500 ship` that shipped it: its redelivery answers as the first did and tells the buyer, once. */
  shippedByInteraction?: string;
  expiredAt?: string;
  refundedAt?: string;
  /** When it became `closed` (a late cancel, a lost chargeback before shipping). */
  closedAt?: string;
  /** The Stripe events that paid and refunded it: a redelivery recognises its own work. */
  paidByEvent?: string;
  refundedByEvent?: string;
  /** The `checkout.session.expired` that passed an auction offer on to the runner-up. */
  expiredByEvent?: string;
  /**
   * Discord refused the auction offer's DM (the bidder's DMs are closed): they were told in
   * the channel, but may never have seen it, so letting it lapse earns no strike.
   */
  offerDmRefused?: boolean;
  /** Refunds that failed after they succeeded (`charge.refund.updated`, `status: failed`): each once, by Stripe's refund id. */
  failedRefunds?: FailedRefund[];
  /** The latest `charge.refunded` seen for its charge, as it stood: its total is read less the failed refunds it counted. */
  refundSnapshot?: RefundSnapshot;
  /** Whether a unit of stock went back to the drop, so it is never returned twice. */
  stockReturned?: boolean;
  /** The stock shard its unit was taken from, to give it back to. */
  stockShard?: number;

  // A show's lot (absent on every other order): the host's cut comes out of the price at release.
  showId?: string;
  hostId?: string;
  hostName?: string;
  /** The host's cut, fixed from the show's rate when the lot went up: amount = fee + host cut + builder share. */
  hostCutCents?: number;
  /** The winner's show checkout (one per builder) this lot is paid in; a runner-up's offer has its own checkout instead. */
  showCheckoutId?: string;
  /** For a lot paid with others in one charge: the charge's refunded total this lot's part was last spread from. */
  chargeRefundedCents?: number;

  // Shipping: absent on orders of a builder with no shipping profile (pick-up or arranged by hand).
  /** What the buyer paid for shipping on top of `amountCents`; it goes to the builder in full at release (no fee on it). */
  shippingCents?: number;
  /** Read from the paid session; null once erased (see `addressErasedAt`). */
  shippingAddress?: ShippingAddress | null;
  addressErasedAt?: string;
  carrier?: Carrier;
  /** The carrier's tracking page for `tracking`, for the carriers we know. */
  trackingUrl?: string;
  receivedAt?: string;
  /** The buyer pressed Received, or nobody did within the delivery window. */
  receivedBy?: 'buyer' | 'timeout';

  // Disputes (issue 32, part 6): a chargeback on the order's charge, beside its status (every release reads `releaseHold`).
  dispute?: OrderDispute;
  /** Stripe Radar's early fraud warning on the charge (issue 49): the refund it asked for, or the hold while an admin reviews. */
  fraudWarning?: OrderFraudWarning;
  /** An inquiry open on the charge (Stripe's `warning_*`): shown, never held or taken back for; null once it closed or escalated. */
  inquiry?: OrderInquiry | null;
  /** Disputes of the charge that are over: inquiries closed without a chargeback, oldest first. */
  pastDisputes?: PastDispute[];

  // A commission sold from a queue (issue 34): its terms, and once paid its place in the builder's line.
  commission?: OrderCommission;

  // Refunds given with `/c500 refund` (issue 32, item 7).
  /** Each fixed (key, amount) before Stripe is asked, in the order asked: the count names the next key. */
  givenRefunds?: GivenRefund[];

  // Shipped and received (issue 32, delivery).
  /**
   * Shipped and not yet received: what the delivery sweep asks for (an equality the automatic
   * index serves, and only orders on their way match). False once received.
   */
  awaitingReceipt?: boolean;
  /** The Received press that confirmed it: its redelivery answers as the first did. */
  receivedByInteraction?: string;
  /** Where the parcel stands by the carrier's tracking (issue 78): beside `status`, which stays `shipped`. */
  parcel?: OrderParcel;
  /** The carrier events already taken on the parcel (the last few): a redelivery changes nothing twice. */
  parcelEvents?: string[];
  /**
   * `delivery`: the last payout waits at the delivery gate (delivery-gate). Absent on orders
   * sold before the gate: their proof releases everything, the terms they were sold under.
   */
  lastPayoutAt?: 'delivery';
  /** An admin released the last payout by hand, delivered or not (delivery-gate): who, when, by which press. */
  payoutFreed?: { byUserId: string; at: string; byInteraction: string };
  /** The carrier's rates `/c500 ship` last offered as buttons (issue 78). */
  labelQuote?: LabelQuote;
  /** The label bought through C500: recorded before it is bought, read back before a retry. */
  label?: OrderLabel;
  /** The admin's choice for a parcel returned or lost: reship or refund (issue 78, item 5). */
  parcelChoice?: ParcelChoice;

  // Shipping profiles and the address at checkout (issue 32, part 1).
  /** The shipping this order's own checkout asked Stripe for, fixed before Stripe was first asked: every retry sends the same. */
  shippingQuote?: CheckoutShipping;
  /** The option the buyer chose was not the one for their address's country: what they paid and what was due (see shipping's rates). */
  shippingMismatch?: { paidCents: number; dueCents: number; country: string };
}

/**
 * A refund the builder (or an admin) gave with `/c500 refund`. Written down before Stripe is
 * asked, so its redelivery replays the same key and amount, and a second refund at once
 * cannot pass what is left. The order's refunded total still comes only from Stripe's
 * `charge.refunded`, as for any refund: this is the reservation, never counted twice.
 */
export interface GivenRefund {
  /** `refund:<order id>:<n>`: the n-th refund asked on this order (a give-back given again: see `givesBack`). */
  idempotencyKey: string;
  amountCents: number;
  byInteraction: string;
  byUserId: string;
  /** As typed, visible text only, at most 200 characters. */
  reason?: string;
  askedAt: string;
  /** Set once Stripe answered. */
  refundId?: string;
  /** The charge's refunded total in Stripe's answer: a `charge.refunded` with a total this high holds this refund. */
  chargeRefundedCents?: number;
  /** The second (Stripe's) of that answer, the refund's `created`: a look at the charge after every failure recorded before it was written down. */
  chargeRefundedAt?: number;
  /** Stripe refused it (as it said, cut to 300 characters): it reserves nothing. */
  refusal?: string;
  /**
   * On an expired lot: the refund C500 made by itself (a payment that came after the lot was
   * gone) that failed at the buyer's bank, which this one gives again; asked under
   * `refund:<order id>:again:<that refund's id>` instead of the n-th key. Or `refusedGiveBack`:
   * Stripe refused that refund outright and the money stayed held, given back now under
   * `refund:<order id>:again:held:<n>`, one key per attempt.
   */
  givesBack?: string;
}

/** `GivenRefund.givesBack` of a lot whose give-back Stripe refused outright: no refund of it exists to name. */
export const refusedGiveBack = 'refused-give-back';

/**
 * Where a shipped order goes, as the completed Checkout Session gave it. Personal data: the
 * order's builder sees it and nobody else; it never goes to a channel, a log line or a guild
 * export, and a sweep erases it once the order is done with.
 */
export interface ShippingAddress {
  name: string;
  line1: string;
  line2?: string;
  city: string;
  state?: string;
  postalCode: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
}

/** The carriers `/c500 ship` knows (a tracking link is built for each but `other`). */
export const carriers = ['usps', 'ups', 'fedex', 'dhl', 'royal-mail', 'canada-post', 'australia-post', 'other'] as const;
export type Carrier = (typeof carriers)[number];

/** How each carrier is named to people (Discord's choices, DMs, the dashboard) and to Stripe's dispute evidence. */
export const carrierNames: Readonly<Record<Carrier, string>> = {
  usps: 'USPS',
  ups: 'UPS',
  fedex: 'FedEx',
  dhl: 'DHL',
  'royal-mail': 'Royal Mail',
  'canada-post': 'Canada Post',
  'australia-post': 'Australia Post',
  other: 'Other',
};

/** A transfer about to be asked of Stripe, fixed first: see `PartyPayout.releasing`. */
export interface ReleaseIntent {
  idempotencyKey: string;
  amountCents: number;
  /** The refunded total the amount already leaves out. */
  coveredCents: number;
  /** What the release kept to pay the person's debt (`debts`): the amount is what is due less this. */
  nettedCents?: number;
}

/** The two people an order's money goes to: its builder, and a show lot's host. */
export type Party = 'builder' | 'host';

/** Each party's payout: the builder's always, the host's on a show's lot once its cut is released. */
export type Payouts = { builder: PartyPayout; host?: PartyPayout };

/** One party's money out of an order: its release, and what refunds and disputes took back since. */
export interface PartyPayout {
  /**
   * The release being made: its key, and the amount and refunded total fixed before Stripe
   * was asked, so a retry after a lost answer asks the very same (Stripe refuses a key
   * replayed with other parameters). Cleared once the transfer is recorded or refused.
   */
  releasing?: ReleaseIntent | null;
  /** Set once the held funds went to the party; a release is never made twice. */
  transferId?: string;
  releasedAt?: string;
  /** The refunded total the release and reversals have accounted for (a late, smaller total is ignored). */
  refundCoveredCents?: number;
  /** The host's: how the cut went out at release, a transfer, a payout owed by hand (`hostPayouts/<order id>`), or none left after refunds. */
  via?: 'transfer' | 'manual' | 'none';
}

/** A part of a refund to take back from a released transfer, fixed before Stripe is asked. */
export interface PendingReversal {
  part: Party;
  idempotencyKey: string;
  amountCents: number;
  refundedCents: number;
  /** A dispute's reversal (not a refund's): its outcome is also kept on `Order.dispute`. */
  disputeId?: string;
  /** The transfer it comes from when it is not the release's (`payouts[part].transferId`): a commission's tranche, a won dispute's return. */
  transferId?: string;
}

/**
 * What was refunded of an order, net of refunds that failed: the journal's fold (`refundedOfOrder`),
 * never a field kept on the order. Rules that need it take it beside the order.
 */
export type Refunds = { refundedCents: number };

/** What the buyer paid for this order: its price and its shipping (none for a builder who does not ship). */
export function chargedCents(order: Pick<Order, 'amountCents' | 'shippingCents'>): number {
  return order.amountCents + (order.shippingCents ?? 0);
}

/**
 * What the builder is owed at release before any refund: their share of the price and the
 * whole shipping (the platform's fee is on the item only).
 */
export function builderDueCents(order: Pick<Order, 'builderShareCents' | 'shippingCents'>): number {
  return order.builderShareCents + (order.shippingCents ?? 0);
}

type RefundedOrder = Pick<Order, 'amountCents' | 'builderShareCents' | 'hostCutCents' | 'shippingCents'> & { currency?: string };

/**
 * The builder's part of what a refund took back, for a refunded total: what they are due
 * (share and shipping) in the same proportion of what was paid, rounded half up, so a full
 * refund takes back all of it.
 */
export function builderPartOfRefund(order: RefundedOrder, refundedCents: number): number {
  const charged = chargedCents(order);
  const refunded = Math.min(Math.max(refundedCents, 0), charged);
  // With a host, the two rounded parts could pass the refund by a cent: the builder's gives way (without one it never can).
  const step = order.currency === undefined ? 1 : amountStep(order.currency);
  return Math.min(partOfRefund(builderDueCents(order), charged, refunded, step), refunded - hostPartOfRefund(order, refunded));
}

/** What a release sends now: the share and the shipping, less their part of any refund already made. */
export function releasableCents(order: RefundedOrder & Refunds): number {
  return builderDueCents(order) - builderPartOfRefund(order, order.refundedCents);
}

/** The drop (or auction) an order came from, whichever name it was stored under. */
export { isOrderIdShaped, normalizeOrderId } from '../../common';

export function sourceIdOf(order: Pick<Order, 'orderId' | 'sourceId' | 'dropId'>): string {
  const id = order.sourceId ?? order.dropId;
  if (id === undefined) throw new Error(`order ${order.orderId} names neither its drop nor its auction`);
  return id;
}

/** The sources whose orders are paid through a Checkout Session: a giveaway's prize has none. */
export type CheckoutSource = Exclude<Order['source'], 'giveaway'>;

/** The order's source, when it is one a checkout is opened for; a prize's order asking for one is a defect. */
export function checkoutSourceOf(order: Pick<Order, 'orderId' | 'source'>): CheckoutSource {
  if (order.source === 'giveaway') throw new Error(`order ${order.orderId} is a giveaway’s prize: it has no checkout`);
  return order.source;
}

/** The `kind` our own Checkout Sessions carry in their metadata, by the order's source. */
export const checkoutKinds = { drop: 'drop-order', auction: 'auction-order', groupbuy: 'groupbuy-order' } as const satisfies Record<CheckoutSource, string>;
