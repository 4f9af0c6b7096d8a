/**
 * @module not-personal
 * Text fields of stored documents that name no person, each with why. A field is classified
 * when `kept-data.ts` lists it for its document, or its name (or `Type.path`) is here. A time
 * (a name ending in `At`, or one of `timeNames`) says when, not who: the document it sits on is
 * classified by its other fields.
 */

/** Names that can never be declared not personal here: a field so named needs a row in the table. */
export const personalLooking =
  /(?:^|[.\]])(?:\w*(?:user|buyer|bidder|racer|host|builder|sponsor|winner|entrant|owner|leader|broadcaster)(?:Id|Ids|Name|Login)|name|displayName|username|login|\w*Login|label|address|line1|line2|city|postalCode|note|text|token|sealedToken|by|paidBy|startedBy|changedBy|configuredBy|connectedBy|byUserId|byName|pseudonym)$/i;

export const timeNames: ReadonlySet<string> = new Set(['leaseUntil', 'dueBy', 'closesBy', 'confirmBy', 'eraseAfter']);

export const notPersonal: Readonly<Record<string, string>> = {
  // ids of things C500 or Stripe made, not of people
  guildId: "a server's id",
  channelId: "a channel's id",
  generalChannelId: "a channel's id",
  marketplaceChannelId: "a channel's id",
  dropRoleId: "a role's id",
  messageId: "a Discord message's id",
  orderId: "an order's id",
  orderIds: "orders' ids",
  paidOrderId: "an order's id",
  appliedToOrder: "an order's id",
  trustedByOrder: "an order's id",
  strikeOrders: "orders' ids",
  sourceId: 'the drop, auction or lot an order came from',
  auctionId: "an auction's id",
  showId: "a show's id",
  lotId: "a lot's id",
  lobbyId: "a race lobby's id",
  dropId: "a drop's id",
  giveawayId: "a giveaway's id",
  disputeId: "a Stripe dispute's id",
  chargeId: "a Stripe charge's id",
  paymentIntentId: "a Stripe PaymentIntent's id",
  checkoutSessionId: "a Stripe Checkout Session's id",
  checkoutUrl: "a Stripe Checkout Session's link",
  checkoutId: "a show checkout's id",
  showCheckoutId: "a show checkout's id",
  transferId: "a Stripe transfer's id",
  returnTransferId: "a Stripe transfer reversal's id",
  refundId: "a Stripe refund's id",
  payoutId: "a payout's id",
  saleId: "a shop sale's id",
  saleKey: "a shop sale's key",
  refundKey: "a shop refund's key",
  waitKey: 'the sale a refund waits for',
  eventId: "a webhook event's id",
  paidByEvent: "a Stripe event's id",
  refundedByEvent: "a Stripe event's id",
  expiredByEvent: "a Stripe event's id",
  canSellSinceEvent: "a Stripe event's id",
  interactionId: "a Discord interaction's id",
  byInteraction: "a Discord interaction's id",
  shippedByInteraction: "a Discord interaction's id",
  receivedByInteraction: "a Discord interaction's id",
  cancelledByInteraction: "a Discord interaction's id",
  idempotencyKey: "a Stripe request's idempotency key",
  cancelRefundKey: "a Stripe request's idempotency key",
  key: "a piece of work's key",
  claimId: "a lease's id",
  bidId: "a bid's id",
  auditId: "an audit record's id",
  stateId: "a sign-in attempt's random state",
  subscriptionId: "a Twitch EventSub subscription's id",
  subscriptionIds: "Twitch EventSub subscriptions' ids",
  streamId: "a Twitch stream's id",
  clipId: "a Twitch clip's id",
  videoId: "a Twitch video's id",
  entryId: "a ledger entry's id",
  // what is sold, and how
  title: "an item's, drop's, show's or lobby's title",
  showTitle: "a show's title",
  item: "an auction's item",
  prize: "a giveaway's prize",
  imageUrl: "a drop's picture",
  currency: 'a currency code',
  status: "a record's state",
  type: "a stream's state",
  reason: "Stripe's reason code for a dispute, or why the product refused a step",
  refusal: 'why Stripe refused a transfer or refund',
  lastReleaseRefusal: 'why Stripe refused a release',
  returnRefusal: 'why Stripe refused a reversal',
  skippedBecause: 'why a lot was skipped',
  failure: 'why a payout or clip failed',
  revokedReason: "Twitch's reason for revoking a subscription",
  result: "a finished piece of work's answer",
  shown: 'a digest of what a message last showed',
  secret: "a server's shop webhook secret",
  commitment: "a giveaway's published commitment to its seed",
  seed: "a giveaway's random seed",
  // times that need no classification of their own
  service_date: "a dispute evidence's date",
  shipping_date: "a dispute evidence's date",
  // a map of a dispute's money by currency, and of a wallet's races
  'Dispute.balance.*': 'currency codes',
  'PrivacyErasure.kept[]': "what kinds of record were kept, in the table's words",
  'Wallet.races.*': "race lobbies' ids",
  'Wallet.races.*.title': "a race's title",
  'WaitingRefunds.refunds.*': "refunds' keys",
};
