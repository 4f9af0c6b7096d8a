/**
 * @module kept-data-orders
 * The table of kept data, part one: what selling, auctions, shows and disputes keep.
 */
import { accountOpenInJournal, type KeptDocument } from './kept-data-types';
import { memberId, memberName, paymentRecord } from './kept-data-words';

/** An order is done with once received, refunded, closed or expired: nothing is left to ship or answer. */
function orderStillOpen(data: Readonly<Record<string, unknown>>): boolean {
  if (data.status === 'refunded' || data.status === 'closed' || data.status === 'expired') return false;
  return !(data.status === 'shipped' && typeof data.receivedAt === 'string');
}

/** What an open order is to its buyer, in the erasure's answer: a place in a queue, or a parcel to come. */
function openOrderAs(data: Readonly<Record<string, unknown>>, memberId: string): string {
  if (data.buyerId !== memberId) return 'an order you are still to deliver or be paid for: kept until it closes';
  return typeof data.commission === 'object' && data.commission !== null
    ? "a place in a builder's commission queue: kept until it is served or you leave it, then erased"
    : 'an order not yet delivered, with its address: kept until it arrives or is refunded, then erased';
}

/**
 * A debt is open while the person's account is not settled: the journal's fold of their `owed-to-c500`
 * postings decides (`accountOpenInJournal`), never the cached `owedCents` (asked only where read without the journal).
 */
function debtStillOwed(data: Readonly<Record<string, unknown>>): boolean {
  const journal = data[accountOpenInJournal];
  if (typeof journal === 'boolean') return journal;
  return typeof data.owedCents === 'number' && data.owedCents !== 0;
}

export const orderDocuments: readonly KeptDocument[] = [
  {
    type: 'Order',
    path: 'orders/<order id>',
    findBy: ['buyerId', 'builderId', 'hostId'],
    about: 'one purchase: its buyer, builder and (for a show lot) host',
    sharedWith: ['Stripe', 'Discord', 'EasyPost'], // EasyPost: the address and the builder's name, on a label bought through C500
    basis: 'contract',
    stillOpen: orderStillOpen,
    openAs: openOrderAs,
    facts: [
      memberId(
        ['buyerId', 'builderId', 'hostId', 'givenRefunds[].byUserId', 'fraudWarning.clearedBy.byUserId', 'payoutFreed.byUserId', 'parcelChoice.byUserId'],
        'to pay, deliver, refund and release the money of the order',
        ['the member', "the order's builder", "the order's buyer", "the server's admins"],
        'kept-by-law',
        paymentRecord,
      ),
      memberName(['buyerName'], 'buyerId', ["the order's builder", "the server's admins"]),
      memberName(['builderName'], 'builderId', ["the order's buyer", "the server's admins"]),
      memberName(['hostName'], 'hostId', ["the order's buyer", "the server's admins"]),
      memberName(['fraudWarning.clearedBy.byName'], 'byUserId', ["the server's admins"]),
      {
        fields: [
          'shippingAddress.name',
          'shippingAddress.line1',
          'shippingAddress.line2',
          'shippingAddress.city',
          'shippingAddress.state',
          'shippingAddress.postalCode',
          'shippingAddress.country',
          'shippingMismatch.country',
        ],
        what: 'the shipping address Stripe Checkout collected',
        of: 'buyerId',
        purpose: 'so the builder can ship the order',
        seenBy: ['the member', "the order's builder"],
        keptFor: '90 days after the buyer confirms receipt',
        endedBy: 'the address sweep, 90 days after receipt',
        onErasure: 'kept-while-open',
      },
      {
        fields: ['tracking', 'trackingUrl', 'label.trackingCode', 'label.trackerId', 'label.labelUrl', 'parcelChoice.previousTracking'],
        what: "the parcel's tracking number and link (and, after a reship, the first parcel's tracking), and the link of the label bought through C500 (the label shows the shipping address)",
        of: 'buyerId',
        purpose: 'so the buyer can follow the delivery',
        seenBy: ['the member', "the order's builder"],
        keptFor: paymentRecord,
        endedBy: 'the end of the payment record',
        onErasure: 'kept-while-open',
      },
      {
        fields: ['givenRefunds[].reason', 'commission.delay.reason'],
        what: "a builder's note on a refund or a delay",
        purpose: 'to tell the buyer why',
        seenBy: ["the order's buyer", "the order's builder", "the server's admins"],
        keptFor: paymentRecord,
        endedBy: 'the end of the payment record',
        onErasure: 'kept-by-law',
      },
      {
        fields: [
          'proof.broadcasterId',
          'proof.url',
          'proofUrl',
          'commission.proofs[].url',
          'shippingQuote.homeCountry',
          'shippingQuote.allowedCountries[]',
          'shippingQuote.options[].displayName',
        ],
        what: "the builder's proof of work on their Twitch stream and their shipping terms",
        purpose: 'to show the buyer the work was done live, and what shipping cost',
        seenBy: ["the order's buyer", "the order's builder", "the server's admins"],
        keptFor: paymentRecord,
        endedBy: 'the end of the payment record',
        onErasure: 'kept-by-law',
      },
    ],
  },
  {
    type: 'ShowCheckout',
    path: 'showCheckouts/<checkout id>',
    findBy: ['buyerId', 'builderId', 'hostId'],
    about: "one winner's lots from one builder in a show",
    sharedWith: ['Stripe'],
    basis: 'contract',
    facts: [
      memberId(
        ['buyerId', 'builderId', 'hostId'],
        'to charge the winner once for their lots',
        ['the member', "the order's builder", "the show's host"],
        'kept-by-law',
        paymentRecord,
      ),
      memberName(['buyerName'], 'buyerId', ["the order's builder", "the show's host"]),
      memberName(['builderName'], 'builderId', ["the order's buyer"]),
      {
        fields: ['shippingQuote.homeCountry', 'shippingQuote.allowedCountries[]', 'shippingQuote.options[].displayName'],
        what: "the builder's shipping terms",
        purpose: 'to charge the right shipping',
        seenBy: ["the order's buyer", "the order's builder"],
        keptFor: paymentRecord,
        endedBy: 'the end of the payment record',
        onErasure: 'kept-by-law',
      },
    ],
  },
  {
    type: 'Auction',
    path: 'auctions/<auction id>',
    findBy: ['builderId', 'winner.bidderId', 'offer.bidderId'],
    findThrough: 'history',
    about: "an auction: its builder, winner, runners-up and (for a show's lot) host",
    sharedWith: ['Discord'],
    basis: 'contract',
    facts: [
      memberId(
        ['builderId', 'winner.bidderId', 'runnerUps[].bidderId', 'offer.bidderId', 'unpayableWinner.bidderId', 'show.hostId'],
        'to run the auction, offer the item to the winner or a runner-up, and pay the builder',
        ["the server's members"],
        'kept-while-open',
        'until the auction is closed and its order paid or passed on',
      ),
      memberName(['builderName'], 'builderId', ["the server's members"]),
      memberName(['winner.bidderName', 'runnerUps[].bidderName', 'offer.bidderName', 'unpayableWinner.bidderName'], 'bidderId', ["the server's members"]),
      memberName(['show.hostName'], 'hostId', ["the server's members"]),
    ],
  },
  {
    type: 'HistoryChunk',
    path: 'auctions/<auction id>/history/<chunk>',
    findBy: ['bidderIds[]'],
    entriesOf: { list: 'bids', by: 'bidderId' },
    about: "an auction's bids in order",
    sharedWith: ['Discord'],
    basis: 'contract',
    facts: [
      memberId(
        ['bidderIds[]', 'bids[].bidderId', 'bids[].leaderId'],
        'to decide the winner and the runners-up, and to show the bid history',
        ['the member', "the server's members"],
        'kept-while-open',
        'until the auction is closed and its order paid or passed on, then 30 days (the bid-history sweep)',
      ),
      memberName(['bids[].bidderName'], 'bidderId', ["the server's members"]),
    ],
  },
  {
    type: 'LotPreBids',
    path: 'showPreBids/<show>-<lot>',
    findBy: ['bidderIds[]'],
    entriesOf: { list: 'bids', by: 'bidderId' },
    about: "bids placed on a show's lot before it went up",
    sharedWith: [],
    basis: 'contract',
    facts: [
      memberId(['bidderIds[]', 'bids[].bidderId'], 'to place the bid when the lot goes up', ['the member'], 'erased', 'until the lot goes up'),
      memberName(['bids[].bidderName'], 'bidderId', ['the member'], 'erased'),
    ],
  },
  {
    type: 'BidderRecord',
    path: 'bidders/<discord user id>',
    findBy: ['bidderId'],
    about: "a bidder's standing: orders they did not pay, a ban, trust",
    sharedWith: [],
    basis: 'legitimate interests: keeping bidders who do not pay from winning again, so builders and hosts are not left unpaid',
    facts: [
      memberId(
        ['bidderId'],
        'to hold a bidder who does not pay to the new-bidder limit',
        ["the server's admins"],
        'kept-while-open',
        'a year after the last strike',
      ),
    ],
  },
  {
    type: 'Drop',
    path: 'drops/<drop id>',
    findBy: ['builderId'],
    about: "a builder's drop",
    sharedWith: ['Discord', 'Stripe'],
    basis: 'contract',
    facts: [
      memberId(['builderId'], "to sell the drop on the builder's behalf", ["the server's members"], 'kept-while-open', 'while the drop has open orders'),
      memberName(['builderName'], 'builderId', ["the server's members"]),
      {
        fields: ['description'],
        what: "the builder's description of the drop",
        purpose: 'to sell it',
        seenBy: ["the server's members"],
        keptFor: 'while the drop has open orders',
        endedBy: 'the builder, or erasure',
        onErasure: 'kept-while-open',
      },
    ],
  },
  {
    type: 'CheckoutHold',
    path: 'checkoutHolds/<drop id>_<buyer id>',
    notFoundBecause:
      'it names the buyer only inside its own id, which no query can search by part, and lives only while a checkout is open: the order it holds a place for is found by its buyer and exported',
    about: "a buyer's open checkout of a drop",
    sharedWith: [],
    basis: 'contract',
    facts: [memberId(['(id)'], 'so one buyer holds one checkout of a drop', [], 'kept-while-open', 'until the checkout is paid or expires')],
  },
  {
    type: 'CommissionQueue',
    path: 'commissionQueues/<builder id>',
    findBy: ['builderId'],
    about: "a builder's commission queue",
    sharedWith: [],
    basis: 'contract',
    facts: [memberId(['builderId'], 'to keep the queue in order', ['anyone with the link'], 'kept-while-open', 'while the builder has commissions')],
  },
  {
    type: 'Show',
    path: 'shows/<show id>',
    findBy: ['hostId'],
    about: 'a show: its host and the builders of its lots',
    sharedWith: ['Discord'],
    basis: 'contract',
    facts: [
      memberId(
        ['hostId', 'startedBy', 'lots[].builderId'],
        'to run the show and pay the host and builders',
        ["the server's members"],
        'kept-while-open',
        'until the show ends and its orders close',
      ),
      memberName(['hostName'], 'hostId', ["the server's members", 'anyone with the link']),
      memberName(['lots[].builderName'], 'builderId', ["the server's members", 'anyone with the link']),
    ],
  },
  {
    type: 'HostPayout',
    path: 'hostPayouts/<order id>',
    findBy: ['hostId'],
    about: "a host's cut owed by hand",
    sharedWith: [],
    basis: 'contract',
    facts: [
      memberId(
        ['hostId', 'paidByHand.byUserId', 'paidAfter[].byUserId'],
        'to pay the host',
        ['the member', "the server's admins"],
        'kept-by-law',
        paymentRecord,
      ),
      memberName(['hostName'], 'hostId', ["the server's admins"]),
      memberName(['paidByHand.byName', 'paidAfter[].byName'], 'byUserId', ["the server's admins"]),
      {
        fields: ['paidByHand.note', 'paidAfter[].note', 'detail'],
        what: "an admin's note on paying by hand",
        purpose: 'to record how the host was paid',
        seenBy: ['the member', "the server's admins"],
        keptFor: paymentRecord,
        endedBy: 'the end of the payment record',
        onErasure: 'kept-by-law',
      },
    ],
  },
  {
    type: 'Debt',
    path: 'debts/<server id>:<member id>',
    findBy: ['userId'],
    about: 'what a builder or a show host owes C500 on one server',
    sharedWith: [],
    basis: 'contract',
    accountInJournal: { guildField: 'guildId', personField: 'userId', account: 'owed-to-c500' },
    stillOpen: debtStillOwed,
    facts: [
      memberId(
        ['userId'],
        'to net what is owed from their next releases and show it to them',
        ['the member', "the server's admins"],
        'kept-by-law',
        paymentRecord,
      ),
      {
        fields: ['journalKey'],
        what: "a keyed pseudonym of the member's Discord id: the key in the ids of the debt's journal entries (only C500's key ties the two)",
        purpose: 'to find the debt’s journal entries and write each move once under one id, whatever key C500 holds later',
        seenBy: [],
        keptFor: paymentRecord,
        endedBy: 'the end of the payment record',
        onErasure: 'kept-by-law',
      },
    ],
  },
  {
    type: 'DebtEntry',
    path: 'debts/<server id>:<member id>/debtEntries/<entry id>',
    findBy: ['byUserId'],
    // The member's own debt lines: every line of their debt (the admin who recorded one is found by `byUserId`).
    foundFrom: ['(parent)'],
    about: 'one movement of a debt: a refused reversal, a loss after a payout, a netting, a payment recorded outside C500',
    sharedWith: [],
    basis: 'contract',
    facts: [
      memberId(['byUserId'], 'to record which admin recorded a payment made outside C500', ["the server's admins"], 'kept-by-law', paymentRecord),
      memberName(['byName'], 'byUserId', ['the member', "the server's admins"]),
    ],
  },
  {
    type: 'Dispute',
    path: 'disputes/<dispute id>',
    findBy: ['buyerId', 'builderId'],
    about: 'a chargeback or inquiry on an order, and the evidence sent to Stripe',
    sharedWith: ['Stripe'],
    basis: 'legitimate interests: defending a payment against a chargeback (establishing and defending legal claims)',
    stillOpen: (data) => data.state === 'open',
    facts: [
      memberId(
        ['builderId', 'buyerId'],
        'to answer the dispute',
        ["the order's builder", "the server's admins"],
        'kept-while-open',
        'until the dispute closes, then as a payment record',
      ),
      {
        fields: [
          'staged.customer_name',
          'staged.shipping_address',
          'staged.shipping_carrier',
          'staged.shipping_tracking_number',
          'staged.product_description',
          'staged.uncategorized_text',
          'submitting.customer_name',
          'submitting.shipping_address',
          'submitting.shipping_carrier',
          'submitting.shipping_tracking_number',
          'submitting.product_description',
          'submitting.uncategorized_text',
          'note.text',
        ],
        what: "the dispute's evidence: the buyer's name and address, the parcel's tracking, the builder's notes",
        purpose: 'to defend the payment at Stripe',
        seenBy: ["the order's builder", "the server's admins"],
        keptFor: 'until the dispute closes, then as a payment record',
        endedBy: "the dispute's end",
        onErasure: 'kept-while-open',
      },
    ],
  },
  {
    type: 'ProofClip',
    path: 'proofClips/<key>',
    // A builder's clips are found by the Twitch account linked to them: the channel the clip is of.
    findByTwitchId: ['broadcasterId'],
    about: "a clip of a builder's stream kept as proof",
    sharedWith: ['Twitch'],
    basis: 'contract',
    facts: [
      {
        fields: ['broadcasterId', 'url'],
        what: "the builder's Twitch channel and the clip's link",
        purpose: 'to prove the work was done live',
        seenBy: ["the order's buyer", "the order's builder"],
        keptFor: paymentRecord,
        endedBy: 'the end of the payment record',
        onErasure: 'kept-by-law',
      },
    ],
  },
];
