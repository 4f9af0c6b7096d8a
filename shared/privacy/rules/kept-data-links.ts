/**
 * @module kept-data-links
 * The table of kept data, its accounts and links: a member's builder profile, the Twitch
 * account they linked, and a chatter's Twitch identity.
 */
import { whileOthersOpen, type KeptDocument } from './kept-data-types';
import { memberId, memberName, untilErased } from './kept-data-words';

export const linkDocuments: readonly KeptDocument[] = [
  {
    type: 'TwitchLoginSeen',
    path: 'twitchLogins/<login>',
    findByTwitchId: ['twitchUserId'],
    about: 'a Twitch chatter seen bidding',
    sharedWith: ['Twitch'],
    basis: 'contract',
    facts: [
      {
        fields: ['login', 'twitchUserId'],
        what: 'a Twitch login and user id',
        purpose: "to know a chat bidder's account when they link it",
        seenBy: [],
        keptFor: untilErased,
        endedBy: 'erasure of the member',
        onErasure: 'erased',
      },
    ],
  },
  {
    type: 'TwitchBidder',
    path: 'twitchBidders/<twitch user id>',
    // Found for a Discord member through the Twitch account they linked (`builders`' and `twitchChannels`' `linksTwitch`).
    findByTwitchId: ['(id)'],
    linksTwitch: '(id)',
    about: 'a Twitch chatter who bids in chat',
    sharedWith: ['Twitch'],
    basis: 'contract',
    facts: [
      {
        fields: ['twitchUserId', 'login', 'displayName', 'linkedAt', 'toldToLinkAt'],
        what: 'a Twitch account that signed in to bid from chat, and when',
        purpose: 'to turn a chat bid into an order for the right member',
        seenBy: ['the member'],
        keptFor: untilErased,
        endedBy: 'erasure of the member, or unlinking',
        onErasure: 'erased',
      },
    ],
  },
  {
    type: 'Builder',
    path: 'builders/<discord user id>',
    findBy: ['discordUserId'],
    linksTwitch: 'twitch.userId',
    about: "a builder's accounts: Stripe Connect, Twitch",
    sharedWith: ['Stripe', 'Twitch'],
    basis: 'contract',
    // Kept for their open orders and debts alone: a builder with none erases it whole, Twitch link and all.
    heldForOthers: true,
    goesWithObligation: true,
    stillOpen: whileOthersOpen,
    openAs: () => "a builder's Stripe Connect account: kept while an order they sell is open or they owe C500",
    facts: [
      memberId(['discordUserId'], "to find a builder's accounts", ['the member'], 'kept-while-open', 'while they have an open order or money owed'),
      memberName(['displayName'], 'discordUserId', ['the member'], 'erased'),
      {
        fields: ['stripeAccountId', 'stripeCountry', 'revokedAccount.accountId'],
        what: "the builder's Stripe Connect account and its country",
        purpose: 'to pay the builder',
        seenBy: ['the member'],
        keptFor: 'while they have an open order or money owed',
        endedBy: 'the last open order closing',
        onErasure: 'kept-while-open',
      },
      {
        fields: ['twitch.userId', 'twitch.login', 'twitch.displayName'],
        what: "the builder's linked Twitch channel",
        purpose: 'to check the builder is live on their own channel when they prove work',
        seenBy: ['the member', "the server's members"],
        keptFor: 'until unlinked or erased',
        endedBy: 'unlinking, or erasure of the member (its EventSub subscriptions are deleted at Twitch)',
        onErasure: 'erased',
      },
    ],
  },
  {
    type: 'TwitchChannelLink',
    path: 'twitchChannels/<twitch user id>',
    // The member's: a chatter's own request (a Twitch sign-in) leaves it, and the profile it links, to them.
    findBy: ['builderId'],
    linksTwitch: '(id)',
    about: 'which builder a Twitch channel belongs to',
    sharedWith: ['Twitch'],
    basis: 'contract',
    facts: [
      {
        fields: ['builderId', 'login', '(id)'],
        what: 'a Twitch channel and the builder it belongs to',
        purpose: 'to match Twitch events to the builder',
        seenBy: [],
        keptFor: 'until unlinked or erased',
        endedBy: 'unlinking, or erasure of the member',
        onErasure: 'erased',
      },
    ],
  },
];
