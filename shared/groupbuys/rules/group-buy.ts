/**
 * @module group-buy
 * A group buy as the keyboard trade runs one, made safe for buyers (issue 65). An interest
 * check (`interestChecks/<id>`) gauges demand; a group buy (`groupBuys/<id>`) opens a window
 * with a minimum order quantity (MOQ), a cap if any, a close and an estimated ship month.
 *
 * Joining saves a card and charges nothing: a pledge (`groupBuys/<id>/pledges/<member id>`)
 * holds the member's quantity, their Stripe customer and saved card, and the address they
 * gave. A pledge is not money: nothing of it goes to the journal. At the close, if the
 * pledged units reach the MOQ, each pledge is charged off-session as one PaymentIntent
 * (keyed by the pledge, so a replay never charges twice), paced inside Stripe's rate limit,
 * and resumable: a pledge's own state is the cursor. A charged pledge becomes an order of
 * source `groupbuy`, and from there it is money like any order's (charge, fee, tranches
 * released as the builder proves production milestones live, refunds), and late like a
 * commission's once its promised date (the end of the ship month) passes. A card that needs
 * its buyer (authentication, a decline) gets a pay link for 72 hours; after that its units go
 * to the first waitlisted pledge. If the MOQ is not met nobody is charged.
 *
 * Pure: types, paths and the rules the use cases share.
 */
import { collectionPath, docPath, type SentDm } from '../../ports';
import type { Milestone, ShippingAddress, Tranche } from '../../orders';
import type { PledgeShipping } from './pledge-shipping';

export const groupBuyStatuses = ['open', 'charging', 'funded', 'not-met', 'cancelled'] as const;
/**
 * `open`: taking pledges until `closesAt`. `charging`: closed with the MOQ met, its pledges
 * being charged. `funded`: every pledge charged, paid by its buyer, or lapsed. `not-met`:
 * closed short of the MOQ, nobody charged. `cancelled`: the builder called it off: before the
 * close (nobody charged), or once funded and before any milestone was proved (every order refunded in full).
 */
export type GroupBuyStatus = (typeof groupBuyStatuses)[number];

export interface GroupBuy {
  groupBuyId: string;
  guildId: string;
  channelId: string;
  builderId: string;
  builderName: string;
  title: string;
  description?: string;
  /** An https picture of the thing, shown on the post, the page and the guide. */
  imageUrl?: string;
  /** Per unit, in the smallest unit of `currency`. */
  priceCents: number;
  currency: string;
  /** The units that must be pledged by the close for anyone to be charged. */
  moq: number;
  /** The most units it sells; pledges beyond it wait on the waitlist. */
  cap?: number;
  opensAt: string;
  closesAt: string;
  /** The builder moved the close once, before it came: from when, and when the joiners were told. */
  extended?: { fromClosesAt: string; at: string; byInteraction?: string };
  /** `YYYY-MM`: the month the builder expects to ship. Its last day is every order's promised date. */
  shipsMonth: string;
  /** The builder's share released at each production milestone proved live (as a commission's); empty: all at `done`. */
  tranches: Tranche[];
  /** The builder's shipping profile it ships under, if any (the address is asked at joining). */
  shippingProfileId?: string;
  status: GroupBuyStatus;
  /** The interest check it was opened from. */
  fromCheckId?: string;
  /** The post with **Join**: edited as pledges come and at the close. */
  messageId?: string;
  /** Kept with every pledge change, in the same transaction: the post, page and overlay read these. */
  pledgedUnits: number;
  pledgers: number;
  /** Set at the close: units charged (or paid by their buyer later), and units lapsed to the waitlist. */
  fundedUnits?: number;
  closedAt?: string;
  /** Units whose buyer let the pay link lapse (the close's money half: added at each lapse). */
  lapsedUnits?: number;
  /** When it became `funded`: no pledge left to charge or waiting on its buyer. */
  fundedAt?: string;
  /**
   * The last batch of charges that armed the next, as `<chain>:<n>`: that batch run again (its
   * task redelivered after a crash) finds its successor armed and leaves the charging to it, so
   * no second of Stripe's sees two batches of one chain.
   */
  chargeBatchArmed?: string;
  /** The last batch of pledges let go without a charge that armed the next: that batch run again leaves the rest to its successor. */
  releaseBatchArmed?: number;
  /** The last batch of funded cards detached at Stripe that armed the next: that batch run again leaves the rest to its successor. */
  cardBatchArmed?: number;
  /**
   * When the funded cards' chain looked once for charged or paid pledges with no `cardReleaseOwed`
   * (made before it existed) whose card is still attached, and flagged them: it looks no more.
   */
  olderCardsFoundAt?: string;
  /** The units left after its MOQ, in the builder's hands, sold as one ready-to-ship drop in its channel (`/groupbuy extras`). */
  extras?: GroupBuyExtras;
  /** Production proved live once for the whole group buy, in build order: each of its orders gets the proof and its tranche. */
  milestones?: GroupBuyMilestone[];
  /** The `/groupbuy start` that made it: its redelivery answers as the first. */
  byInteraction: string;
  createdAt: string;
  /**
   * `/groupbuy cancel`: when, by which command (its redelivery answers as the first), and
   * whether it came after the close (its orders are refunded in full, a batch at a time).
   */
  cancelled?: { at: string; byInteraction: string; afterClose: boolean };
}

/**
 * A production milestone the builder proved live once for the whole group buy (`/c500 live
 * mode:groupbuy:<id> milestone:<m>`, only once it is funded): the public page lists it with its
 * link, and the live module hands each of its orders this very proof, releasing that order's
 * tranche, a batch at a time.
 */
export interface GroupBuyMilestone {
  milestone: Milestone;
  /** A clip of the stream at the proof, the stream's VOD at that moment, or only the channel. */
  url: string;
  kind: 'clip' | 'vod' | 'channel';
  provedAt: string;
  /** The `/c500 live` that proved it: its redelivery finds it and finishes what it started. */
  byInteraction: string;
  /** The builder's Twitch channel it was proved on (user id and login): each order's proof names it too. */
  broadcasterId: string;
  channelLogin: string;
  streamId?: string;
  streamStartedAt?: string;
  /** What `url` points into, so every order's proof links the very same: the clip, or the VOD and when it began recording. */
  clipId?: string;
  video?: { videoId: string; createdAt: string; url: string };
}

/**
 * A group buy's extras, asked for once: claimed here before the drop is made, so a second
 * `/groupbuy extras` (or a redelivery) finds them and makes no second drop.
 */
export interface GroupBuyExtras {
  /** The drop that sells them, derived from the group buy (`extrasDropId`): one a group buy. */
  dropId: string;
  units: number;
  /** Per unit, in the group buy's currency. */
  priceCents: number;
  /** The command that asked for them: its redelivery answers as it did; any other is shown the drop. */
  byInteraction: string;
  at: string;
  /** The drop's post, once made: the waitlist is sent its link. */
  messageId?: string;
}

export const pledgeStatuses = [
  'saving-card',
  'pledged',
  'waitlisted',
  'withdrawn',
  'charged',
  'needs-buyer',
  'paid',
  'lapsed',
  'released',
  'refunded',
] as const;

/**
 * `saving-card`: Join pressed, the setup checkout not completed yet (counts for nothing).
 * `pledged`: a card saved, counted toward the MOQ. `waitlisted`: a card saved beyond the cap.
 * `withdrawn`: left before the close (costs nothing). At the close: `charged` (an order made),
 * `needs-buyer` (the card wanted its buyer: a pay link until `payBy`), `paid` (they paid on
 * the link: an order made), `lapsed` (they did not: the units went to the waitlist).
 * `released`: the group buy did not reach its MOQ, or was cancelled; nothing was charged.
 * `refunded`: charged (or paid), then the builder called the group buy off: its order's full
 * refund was asked of Stripe (the order says how it went).
 */
export type PledgeStatus = (typeof pledgeStatuses)[number];

export interface Pledge {
  groupBuyId: string;
  /** Personal: the member's Discord id (the document's id too: one pledge a member). */
  buyerId: string;
  /** Personal: how the builder and the buyer's receipts name them. */
  buyerName: string;
  quantity: number;
  status: PledgeStatus;
  joinedAt: string;
  /** Stripe's customer for this member at C500, and the setup-mode session that saved the card. */
  customerId?: string;
  setupSessionId?: string;
  /** `saving-card`: Stripe's page for that session and when it ends; the Join answer's button is C500's short link to it (card-link). */
  setupUrl?: string;
  setupExpiresAt?: string;
  /** Personal (a card's token at Stripe): the card saved for this group buy. */
  paymentMethodId?: string;
  /** When the card was saved (the pledge counts from then). */
  pledgedAt?: string;
  /** Personal: the address given on Stripe's page when the group buy ships under a profile; its order takes it, and its builder alone sees it. */
  shippingAddress?: ShippingAddress;
  /** At Join, when the group buy ships under the builder's profile: its rates for this quantity, as the consent said them. */
  shippingTerms?: PledgeShipping;
  /** Fixed when the card was saved: the shipping to the address given, at the rates consented to; charged on top of the price. */
  shippingCents?: number;
  /** At the close: the charge's key (`groupbuy-charge:<id>:<member>`), fixed before Stripe is asked. */
  chargeKey?: string;
  /** When the charge key was first fixed: past Stripe's idempotency window (a day), Stripe is searched before the key is used again. */
  chargeKeyAt?: string;
  paymentIntentId?: string;
  /** The order the charge (or the pay link's payment) made. */
  orderId?: string;
  /** `needs-buyer`: why the card was refused off session, in the buyer's words (refusal-words), the pay link's session, and its deadline. */
  refusal?: string;
  payLinkSessionId?: string;
  payBy?: string;
  /**
   * `needs-buyer` on a refused PaymentIntent: the random key its pay page's link carries (only
   * the buyer's DM has it), where they confirm that very intent (pledge-pay-page).
   */
  payKey?: string;
  /**
   * `needs-buyer`: the newest other card the buyer saved on the pay page (another-card), and how
   * confirming the pledge's one PaymentIntent with it went: `requires_action` with the bank's
   * page the buyer is sent to, or `declined` (the words in `refusal`). Redeliveries find it done.
   */
  repay?: { sessionId: string; savedAt: string; answer?: 'succeeded' | 'requires_action' | 'declined' | 'ended'; bankUrl?: string };
  withdrawnAt?: string;
  /** `needs-buyer`: how many pay links were made (Stripe's sessions last a day at most, so 72 hours take a chain of them); the current one's number. */
  payLinks?: number;
  /** The current pay link's deadline, fixed before Stripe is asked, so a retry asks for the very same session. */
  payLinkExpiresAt?: string;
  /**
   * `needs-buyer`: the DMs that carried a pay link (each link's, the newest last), by their
   * channel and message: once the pledge is paid each is edited to say so, its button gone.
   */
  payLinkDms?: SentDm[];
  /** Charged, and the buyer's receipt not yet known to be sent: a later batch sends it (a crash between the two). */
  receiptOwed?: boolean;
  /**
   * The card needed its buyer, and the first pay link is not yet known to be made and sent: a
   * later batch (or this one run again) makes and sends it (Stripe's 500, a crash or Discord's
   * 429 between), as nothing else would before the link's day was out.
   */
  payLinkOwed?: boolean;
  /** A waitlisted pledge moved up to `pledged` when a pay link lapsed and its units were free. */
  promotedAt?: string;
  /** When it became `released` (or `lapsed`): nothing charged. */
  releasedAt?: string;
  /** When it became `refunded` (the group buy called off after the close). */
  refundedAt?: string;
  /** When its saved card was detached at Stripe, the pledge needing it no more (saved-card-release). */
  cardReleasedAt?: string;
  /**
   * Charged or paid, its saved card not yet let go: the funding's end detaches it, a batch at a
   * time (`groupbuy-cards-<id>-<n>`), this flag the cursor.
   */
  cardReleaseOwed?: boolean;
  byInteraction?: string;
  /**
   * `saving-card`: the member's Join presses that lost to another of theirs made at the same
   * time (the newest few): each one's link was expired at Stripe, and delivered again it makes
   * no link and expires none.
   */
  lostJoins?: string[];
}

/** How many lost Join presses a pledge remembers: a member pressing Join more often at once than this is not a case to design for. */
export const lostJoinsKept = 5;

export const groupBuysCollection = collectionPath<GroupBuy>('groupBuys');
export const groupBuyPath = (id: string) => docPath<GroupBuy>(`groupBuys/${id}`);
export const pledgesCollection = (id: string) => collectionPath<Pledge>(`groupBuys/${id}/pledges`);
export const pledgePath = (id: string, buyerId: string) => docPath<Pledge>(`groupBuys/${id}/pledges/${buyerId}`);

export const groupBuyLimits = {
  maxTitleLength: 100,
  maxDescriptionLength: 1_000,
  maxMoq: 10_000,
  /** A member pledges at most this many units. */
  maxQuantity: 20,
  /** A window from an hour to 60 days: longer, and a saved card's consent is stale. */
  minWindowMs: 60 * 60_000,
  maxWindowMs: 60 * 24 * 60 * 60_000,
  /** The builder may extend once, by at most 30 days. */
  maxExtensionMs: 30 * 24 * 60 * 60_000,
  /** The ship month: at most two years out. */
  maxShipMonths: 24,
  /** A card that wanted its buyer may be paid on its link for 72 hours. */
  payLinkMs: 72 * 60 * 60_000,
  /** The most extras one group buy sells as a drop: a drop's most stock (the marketplace's `maxStock`). */
  maxExtras: 999,
} as const;

/** The states whose units count toward the MOQ before the close. */
export const countsTowardMoq = (status: PledgeStatus): boolean => status === 'pledged';

/** Whether the MOQ is met by these units. */
export const moqMet = (groupBuy: Pick<GroupBuy, 'moq'>, units: number): boolean => units >= groupBuy.moq;

/** The price of a pledge's units: price times quantity (its shipping, fixed from the address, is charged on top). */
export const pledgeAmountCents = (groupBuy: Pick<GroupBuy, 'priceCents'>, quantity: number): number => groupBuy.priceCents * quantity;

/** What a pledge is charged at the close: its units' price and the shipping fixed when its card was saved. */
export const pledgeChargeCents = (groupBuy: Pick<GroupBuy, 'priceCents'>, pledge: Pick<Pledge, 'quantity' | 'shippingCents'>): number =>
  pledgeAmountCents(groupBuy, pledge.quantity) + (pledge.shippingCents ?? 0);

/**
 * The charge's key: one PaymentIntent per pledge, whatever retries or redeliveries do. It names
 * the buyer by their keyed pseudonym (log's `personPseudonym`), never their Discord id: Stripe
 * keeps what it is sent.
 */
export const chargeKeyOf = (groupBuyId: string, buyerPseudonym: string): string => `groupbuy-charge:${groupBuyId}:${buyerPseudonym}`;

/**
 * The promised date of every order a group buy makes: the last moment of its ship month
 * (UTC). Past it without `done`, a buyer may cancel for what was not yet sent to the builder.
 * @example promisedAtOf('2027-03') // '2027-03-31T23:59:59.999Z'
 */
export function promisedAtOf(shipsMonth: string): string {
  const [year, month] = shipsMonth.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, month, 1) - 1).toISOString();
}
