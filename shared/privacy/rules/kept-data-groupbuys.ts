/**
 * @module kept-data-groupbuys
 * The table of kept data, the group buys' part (issue 65): interest checks and the interest
 * members gave, group buys and their pledges (a saved card at Stripe, an address), and the
 * member's one customer at Stripe. A pledge is not money: what a charge at the close makes is
 * an order, kept as orders are.
 */
import type { KeptDocument } from './kept-data-types';
import { memberId, memberName } from './kept-data-words';

/** A builder's check stays while its post does: the builder's erasure or C500 leaving the server ends it. */
export const whileCheckPosted = 'until the builder erases their data, or C500 leaves the server';
/**
 * A member's interest has one job: counting them, showing the builder who, and telling them when
 * the check opens. It ends with the check: opened as a group buy (once everyone is told) or ended
 * unopened 30 days after its posting (its named end task); sooner if the member takes it back.
 */
export const untilInterestCheckEnds =
  'until the check opens as a group buy (once everyone interested is told) or ends unopened 30 days after it was posted; sooner if the member takes it back or erases their data, or C500 leaves the server';
/** Ended by the close and the orders it makes (the close charges each pledge into an order, or releases them all). */
export const untilGroupBuyDone = 'until the group buy closes and its orders close';
/** A saved card at Stripe: the pledge that needs it ends at the close. */
export const whilePledged = 'while the pledge waits for the close or its payment';

/** A pledge still stands for something: a card to charge at the close, or a payment its buyer may still make. */
const pledgeStillOpen = (data: Readonly<Record<string, unknown>>) => ['saving-card', 'pledged', 'waitlisted', 'needs-buyer'].includes(String(data.status));

/** A group buy may still make, or have made, orders in production: closed short of its MOQ or called off, it made none. */
const groupBuyStillOpen = (data: Readonly<Record<string, unknown>>) => !['not-met', 'cancelled'].includes(String(data.status));

export const groupBuyDocuments: readonly KeptDocument[] = [
  {
    type: 'InterestCheck',
    path: 'interestChecks/<check id>',
    findBy: ['builderId'],
    about: "a builder's interest check: who would buy a thing before it opens as a group buy",
    sharedWith: ['Discord'],
    basis: 'contract',
    facts: [
      memberId(['builderId'], 'to post the check and show its builder who is interested', ["the server's members"], 'erased', whileCheckPosted),
      memberName(['builderName'], 'builderId', ["the server's members"], 'erased'),
      {
        fields: ['description'],
        what: "the builder's description of the thing",
        purpose: 'to gauge who would buy it',
        seenBy: ["the server's members"],
        keptFor: whileCheckPosted,
        endedBy: 'the builder’s erasure, or C500 leaving the server',
        onErasure: 'erased',
      },
    ],
  },
  {
    type: 'Interest',
    path: 'interestChecks/<check id>/interest/<discord user id>',
    findBy: ['memberId'],
    about: "a member's word that they would buy, and how many: binding nobody, charging nothing",
    sharedWith: [],
    basis: 'consent',
    facts: [
      memberId(
        ['memberId'],
        'to count them, tell the builder who is interested, and tell them when it opens',
        ['the member', "the group buy's builder"],
        'erased',
        untilInterestCheckEnds,
      ),
      memberName(['memberName'], 'memberId', ["the group buy's builder"], 'erased'),
    ],
  },
  {
    type: 'GroupBuy',
    path: 'groupBuys/<group buy id>',
    findBy: ['builderId'],
    about: "a builder's group buy: its terms, its close and its counts",
    sharedWith: ['Discord'],
    basis: 'contract',
    stillOpen: groupBuyStillOpen,
    facts: [
      memberId(
        ['builderId', 'shippingProfileId'],
        'to sell the group buy on the builder’s behalf and ship under their profile',
        ["the server's members"],
        'kept-while-open',
        untilGroupBuyDone,
      ),
      // The group buy's public page (/groupbuy/<id>) names its builder and shows its description.
      memberName(['builderName'], 'builderId', ["the server's members", 'anyone with the link']),
      {
        fields: ['description'],
        what: "the builder's description of the group buy",
        purpose: 'to sell it',
        seenBy: ["the server's members", 'anyone with the link'],
        keptFor: untilGroupBuyDone,
        endedBy: 'the builder’s erasure once no order of it is open',
        onErasure: 'kept-while-open',
      },
      // `/c500 live mode:groupbuy`: the page and the post link each milestone's proof; the channel's ids stay off the page.
      {
        fields: ['milestones[].url', 'milestones[].video.url', 'milestones[].broadcasterId', 'milestones[].channelLogin'],
        what: "the builder's proof of each production milestone on their Twitch stream (a clip, the recording or the channel) and the channel it was on",
        purpose: 'to show everyone who joined the work was done live, and give each order the same proof',
        seenBy: ["the server's members", 'anyone with the link'],
        keptFor: untilGroupBuyDone,
        endedBy: 'the builder’s erasure once no order of it is open',
        onErasure: 'kept-while-open',
      },
    ],
  },
  {
    type: 'Pledge',
    path: 'groupBuys/<group buy id>/pledges/<discord user id>',
    findBy: ['buyerId'],
    about: "a member's pledge to a group buy: a card saved at Stripe, charged only if the minimum is met at the close",
    sharedWith: ['Stripe'],
    basis: 'contract',
    stillOpen: pledgeStillOpen,
    goesWithObligation: true,
    openAs: (data) =>
      data.paymentMethodId !== undefined
        ? 'a pledge to a group buy that may still charge your saved card: kept with your card and customer at Stripe until its close, then the card is detached and the customer deleted'
        : undefined,
    facts: [
      memberId(
        ['buyerId', 'chargeKey'],
        'to count the pledge and charge it at the close if the minimum is met',
        ['the member'],
        'kept-while-open',
        whilePledged,
      ),
      memberName(['buyerName'], 'buyerId', ["the group buy's builder"]),
      {
        fields: ['customerId', 'paymentMethodId'],
        what: 'your customer and saved card at Stripe (an id: C500 never sees the card’s number)',
        of: 'buyerId',
        purpose: 'to charge the pledge at the close, only if the minimum is met',
        seenBy: ['the member'],
        keptFor: whilePledged,
        endedBy:
          'the close (an order takes the charge), or leaving the group buy: the card is then detached at Stripe, and the customer deleted once nothing needs it',
        onErasure: 'kept-while-open',
      },
      {
        fields: [
          'shippingAddress.name',
          'shippingAddress.line1',
          'shippingAddress.line2',
          'shippingAddress.city',
          'shippingAddress.state',
          'shippingAddress.postalCode',
          'shippingAddress.country',
        ],
        what: 'the shipping address given on Stripe’s page at joining',
        of: 'buyerId',
        purpose: 'so the builder can ship what the pledge becomes',
        seenBy: ['the member', "the group buy's builder"],
        keptFor: whilePledged,
        endedBy: 'the close (the order takes it), or leaving the group buy',
        onErasure: 'kept-while-open',
      },
      {
        fields: ['shippingTerms.homeCountry', 'shippingTerms.to[]'],
        what: "the builder's shipping terms quoted at joining: their country and where they ship",
        purpose: 'to charge the shipping the member agreed to, whatever the builder changes later',
        seenBy: ['the member', "the group buy's builder"],
        keptFor: whilePledged,
        endedBy: 'the close (the order takes the shipping), or leaving the group buy',
        onErasure: 'kept-while-open',
      },
    ],
  },
  {
    type: 'StripeCustomer',
    path: 'stripeCustomers/<discord user id>',
    findBy: ['(id)'],
    about: "a member's one customer at Stripe, on which the cards they save for group buys hang",
    sharedWith: ['Stripe'],
    basis: 'contract',
    facts: [
      {
        fields: ['memberId', 'customerId'],
        what: 'your Discord id and your customer’s id at Stripe',
        purpose: 'to save your cards for group buys on one customer, not a new one each time',
        seenBy: ['the member'],
        keptFor: 'until the member erases their data',
        endedBy: 'erasure: the customer is deleted at Stripe then, or at the end of the last pledge that still needs it',
        onErasure: 'erased',
      },
    ],
  },
];
