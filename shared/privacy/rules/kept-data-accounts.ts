/**
 * @module kept-data-accounts
 * The table of kept data, part two: choices, races and wallets, servers, sessions,
 * giveaways and the records of work done once.
 */
import { accountOpenInJournal, type KeptDocument } from './kept-data-types';
import { memberId, memberName, paymentRecord } from './kept-data-words';

/**
 * A wallet is open while anything is pending: owed to the racer, or (after a refund) owed back.
 * The journal's fold of their account decides (`accountOpenInJournal`); the shards' cached
 * balance only where a whole was read without the journal.
 */
function walletHoldsMoney(data: Readonly<Record<string, unknown>>): boolean {
  const journal = data[accountOpenInJournal];
  if (typeof journal === 'boolean') return journal;
  return typeof data.pendingCents === 'number' && data.pendingCents !== 0;
}

export const accountDocuments: readonly KeptDocument[] = [
  {
    type: 'ChatBidding',
    path: 'chatBidding/<twitch broadcaster id>',
    findBy: ['ownerId', 'changedBy'],
    ownedBy: 'ownerId',
    about: "a streamer's consent to chat bidding on their channel",
    sharedWith: ['Twitch'],
    basis: 'consent',
    facts: [
      {
        fields: ['broadcasterId', 'login', 'ownerId'],
        what: "a streamer's Twitch channel and its Discord owner",
        purpose: "to read bids from the channel's chat only with its owner's consent",
        seenBy: ['the member', "the server's admins"],
        keptFor: 'while chat bids are on, and a year after they were turned off, or until the owner erases their data',
        endedBy: 'the owner turning chat bids off, or erasure',
        onErasure: 'erased',
        of: 'ownerId',
      },
      {
        // An admin may turn off someone else's channel: their id is theirs, never in the owner's export, and goes with their erasure.
        fields: ['changedBy'],
        what: 'who last turned chat bidding on or off (their Discord id)',
        purpose: 'to record who changed the consent',
        seenBy: ["the server's admins"],
        keptFor: 'as long as the record it is on',
        endedBy: 'the owner turning chat bids off, or erasure of either',
        onErasure: 'erased',
        of: 'changedBy',
      },
    ],
  },
  {
    type: 'QueuePrivacy',
    path: 'queuePrivacy/<discord user id>',
    findBy: ['(id)'],
    about: "a member's choice to hide their name in public queues",
    sharedWith: [],
    basis: 'contract',
    facts: [
      memberId(['(id)'], 'to honour the choice', ['the member'], 'erased', 'while the member hides their name: until they show it again or erase their data'),
    ],
  },
  {
    type: 'RaceLobby',
    path: 'raceLobbies/<lobby id>',
    findBy: ['hostId', 'racerIds[]'],
    about: 'a race lobby: its host and racers',
    sharedWith: ['Discord'],
    basis: 'contract',
    facts: [
      memberId(
        ['hostId', 'startedBy', 'racers[].userId', 'racerIds[]', 'shares.*'],
        'to split the pool among the racers',
        ["the server's members"],
        'kept-by-law',
        paymentRecord,
      ),
      memberName(['racers[].name'], 'userId', ["the server's members", 'anyone with the link']),
    ],
  },
  {
    type: 'PotShard',
    path: 'raceLobbies/<lobby id>/pot/<shard>',
    // Under a lobby the member raced in (or hosted): each shard's `shares` keyed by racer, the member's own shown to them.
    foundFrom: ['(parent)'],
    about: "a share of a lobby's pool",
    sharedWith: [],
    basis: 'contract',
    facts: [memberId(['shares.*'], "to add up each racer's share", [], 'kept-by-law', paymentRecord)],
  },
  {
    type: 'Wallet',
    path: 'wallets/<guild>-<racer>/shards/<shard>',
    findBy: ['racerId'],
    about: "a racer's earnings in a server",
    sharedWith: [],
    basis: 'contract',
    splitOverCollection: true,
    accountInJournal: { guildField: 'guildId', personField: 'racerId' },
    stillOpen: walletHoldsMoney,
    openAs: () => 'a wallet with money in it (or owed back): kept until it is paid out or settled, then only as a payment record',
    facts: [
      memberId(
        ['racerId'],
        'to keep what the racer is owed',
        ['the member', "the server's admins"],
        'kept-while-open',
        'while money is pending, then as a payment record',
      ),
      memberName(['racerName'], 'racerId', ['the member', "the server's admins"]),
    ],
  },
  {
    type: 'Payout',
    path: 'payouts/<payout id>',
    findBy: ['racerId'],
    about: 'an admin paying a racer',
    sharedWith: ['Stripe'],
    basis: 'legal obligation',
    facts: [
      memberId(['racerId', 'paidBy'], 'to record who was paid and by whom', ['the member', "the server's admins"], 'kept-by-law', paymentRecord),
      {
        fields: ['note'],
        what: "the admin's note on the payout",
        purpose: 'to say what the payout was for',
        seenBy: ['the member', "the server's admins"],
        keptFor: paymentRecord,
        endedBy: 'the end of the payment record',
        onErasure: 'kept-by-law',
      },
    ],
  },
  {
    type: 'UnfoldedSale',
    path: 'unfoldedSales/<sale key>',
    findBy: ['racerIds[]'],
    about: "a race's sale waiting to be added to its racers' wallets (a second at most)",
    sharedWith: [],
    basis: 'contract',
    facts: [
      memberId(
        ['credits[].racerId', 'racerIds[]'],
        'to credit the racers',
        ['the member', "the server's admins"],
        'kept-while-open',
        'until the next fold, a second or so',
      ),
    ],
  },
  {
    type: 'SaleRecord',
    path: 'sales/<shop>-<sale id>',
    // The sales a racer's earnings in the journal name (`saleKey`): the sale record's own id.
    foundFrom: [{ document: 'JournalEntry', ids: (data) => (typeof data.saleKey === 'string' ? [data.saleKey] : []) }],
    about: 'a merch sale during a race window and the racers it credited',
    sharedWith: [],
    basis: 'legal obligation',
    facts: [
      memberId(['credits[].racerId'], 'to credit the racers', ["the server's admins"], 'kept-by-law', paymentRecord),
      {
        fields: ['description'],
        what: "the shop's description of the sale",
        purpose: 'to show admins what sold',
        seenBy: ["the server's admins"],
        keptFor: paymentRecord,
        endedBy: 'the end of the payment record',
        onErasure: 'kept-by-law',
      },
    ],
  },
  {
    type: 'ShopConnections',
    path: 'shopConnections/<guild id>',
    notFoundBecause:
      'it is kept in its own database beside the shops’ secrets, which the export never reads; it names only the admin who connected a shop, and their erasure removes that',
    about: "a server's connected shops",
    sharedWith: [],
    basis: 'legitimate interests: knowing which admin connected a shop to a server, should its sales be questioned',
    facts: [memberId(['kofi.connectedBy', 'shopify.connectedBy'], 'to record which admin connected a shop', ["the server's admins"], 'name-removed')],
  },
  {
    type: 'Guild',
    path: 'guilds/<guild id>',
    findBy: ['configuredBy'],
    about: "a server's setup",
    sharedWith: [],
    basis: 'legitimate interests: knowing which admin set a server up, to answer for its settings',
    facts: [memberId(['configuredBy'], 'to record which admin set the server up', ["the server's admins"], 'name-removed')],
  },
  {
    type: 'GuildFraudSettings',
    path: 'guilds/<server id>',
    findBy: ['configuredBy'],
    about: "a server's choice on Stripe's early fraud warnings (the same document as its settings)",
    sharedWith: [],
    basis: 'legitimate interests: telling the admin who set a server up of a payment Stripe warns may be fraud',
    facts: [memberId(['configuredBy'], 'to tell the admin who set the server up of a fraud warning', ["the server's admins"], 'name-removed')],
  },
  {
    type: 'GuildAuctions',
    path: 'guilds/<guild id>',
    // The flat index of the block list's ids: the servers that block a person are found by it.
    findBy: ['auctions.blockedIds[]'],
    about: "a server's auction rules and block list: who may not bid or buy there, and why",
    sharedWith: [],
    basis: 'legitimate interests: keeping a buyer who disputed a payment, or whom a server blocked, from buying again there, so builders are not left unpaid',
    entriesOf: { list: 'auctions.blocked', by: 'key' },
    partOf: 'auctions',
    facts: [
      memberId(
        ['auctions.blocked[].key', 'auctions.blocked[].linked[]', 'auctions.blockedIds[]'],
        "to refuse a blocked person's bids and Buy Now in that server: set by an admin (/c500 block), or by C500 itself after a payment they disputed there (an automatic decision they are told of, and may ask the server's admins to review and lift)",
        ['the member', "the server's admins"],
        'erased',
        'until an admin lifts it (/c500 unblock) or the person erases their data',
      ),
      {
        fields: ['auctions.blocked[].label', 'auctions.blocked[].disputeId'],
        what: 'how the block shows the person (a mention or a Twitch login), and the dispute that set it',
        purpose: "to show the server's admins whom they block, and why",
        seenBy: ['the member', "the server's admins"],
        keptFor: 'as long as the block',
        endedBy: 'the block lifted, or erasure',
        onErasure: 'erased',
        nameOf: 'key',
      },
      memberId(
        ['auctions.blocked[].blockedBy', 'auctions.lastChange.key'],
        'to record which admin blocked a person, and the last block or unblock',
        ["the server's admins"],
        'name-removed',
      ),
    ],
  },
  {
    type: 'DashboardSession',
    path: 'dashboardSessions/<session id>',
    findBy: ['userId'],
    about: 'a signed-in dashboard session',
    sharedWith: ['Discord'],
    basis: 'contract',
    facts: [
      {
        fields: ['sessionId', 'userId', 'username', 'displayName', 'adminGuilds[].id', 'adminGuilds[].name'],
        what: 'who is signed in, their Discord names and the servers they admin',
        purpose: 'to show the member their own dashboard',
        seenBy: ['the member'],
        keptFor: 'until the session expires (hours, a day at most)',
        endedBy: 'sign-out, expiry, or erasure',
        onErasure: 'erased',
      },
      {
        fields: ['sealedToken'],
        what: 'their Discord sign-in token, sealed (encrypted)',
        purpose: 'to ask Discord which servers they admin while the session lasts',
        seenBy: [],
        keptFor: 'until the session expires (hours, a day at most)',
        endedBy: 'sign-out, expiry, or erasure',
        onErasure: 'erased',
        secret: true,
      },
    ],
  },
  {
    type: 'Giveaway',
    path: 'giveaways/<giveaway id>',
    findBy: ['sponsorId'],
    findThrough: 'entries',
    about: 'a giveaway: its sponsor, channel and winners',
    sharedWith: ['Discord', 'Twitch'],
    basis: 'contract',
    facts: [
      memberId(
        ['sponsorId', 'rounds[].winnerId'],
        'to run the draw and ship the prize',
        ["the server's members"],
        'kept-while-open',
        "until the prize's order closes",
      ),
      memberName(['sponsorName'], 'sponsorId', ["the server's members", 'anyone with the link']),
      {
        fields: ['broadcasterId', 'broadcasterLogin'],
        what: "the streamer's Twitch channel",
        purpose: "to read entries from the channel's chat",
        seenBy: ["the server's members", 'anyone with the link'],
        keptFor: "until the prize's order closes",
        endedBy: 'the end of the giveaway',
        onErasure: 'kept-while-open',
      },
      {
        fields: ['rounds[].pseudonym', 'rounds[].winnerLabel', 'rounds[].winnerLogin'],
        what: "each winner's pseudonym, name and Twitch login",
        purpose: 'to announce the winner and let anyone check the draw',
        seenBy: ["the server's members", 'anyone with the link'],
        keptFor: "until the prize's order closes",
        endedBy: 'the end of the giveaway',
        onErasure: 'name-removed',
        nameOf: 'winnerId',
      },
    ],
  },
  {
    type: 'GiveawayEntry',
    path: 'giveaways/<giveaway id>/entries/<pseudonym>',
    findBy: ['entrantId'],
    about: 'one entry in a giveaway',
    sharedWith: ['Twitch'],
    basis: 'contract',
    facts: [
      {
        fields: ['pseudonym', 'entrantId', 'twitchLogin'],
        what: "an entrant's Discord id or Twitch login and their pseudonym in the draw",
        purpose: 'to draw a winner fairly',
        seenBy: ['anyone with the link'],
        keptFor: 'until the giveaway is drawn and its prize delivered',
        endedBy: 'the end of the giveaway',
        onErasure: 'kept-while-open',
      },
      memberName(['label'], 'entrantId', ['anyone with the link']),
    ],
  },
  {
    type: 'OnceRecord',
    path: 'processed/<digest of the event key>',
    notFoundBecause: 'it is found by a digest of the event, never by a person’s id, and ends by itself within 30 days',
    about: "a finished piece of work's answer, kept so a redelivered event answers the same",
    sharedWith: [],
    basis: 'legitimate interests: answering an event Discord, Stripe or Twitch sends twice only once, so nobody is charged or told twice',
    facts: [
      {
        fields: ['result'],
        what: 'the answer a member was given, which may quote a name',
        purpose: 'to answer a redelivered event the same way',
        seenBy: ['the member'],
        keptFor: 'until its expiry (30 days)',
        endedBy: 'its expiry (Firestore TTL)',
        onErasure: 'kept-while-open',
      },
    ],
  },
  {
    type: 'PrivacyErasure',
    // Keyed by a pseudonym, never the id: a record kept to remember an erasure must not keep the id it erased.
    path: 'privacyErasures/<keyed pseudonym of a member>',
    notFoundBecause: 'it is the record of the erasure itself, read by the erasure and the sweeps, not a record of the member’s doings',
    about: "a member's erasure: when, and what the law or an open obligation kept",
    sharedWith: [],
    basis: 'legal obligation',
    facts: [
      {
        fields: ['(id)'],
        what: "a keyed pseudonym of the member's Discord id (never the id: only C500's key ties the two)",
        purpose: 'to answer a second request plainly and let the sweeps end what was kept',
        seenBy: [],
        keptFor: 'until the last kept record ends',
        endedBy: 'the end of the last record the erasure kept',
        onErasure: 'kept-while-open',
      },
    ],
  },
  {
    type: 'ServerLeave',
    path: 'serverLeaves/<guild id>',
    findBy: ['askedBy'],
    about: "an admin's request to take C500 out of a server",
    sharedWith: [],
    basis: 'legitimate interests: knowing which admin asked to take C500 out of a server, and when its data goes',
    facts: [
      memberId(
        ['askedBy'],
        'to record which admin asked, and when the grace ends',
        ["the server's admins"],
        'name-removed',
        "until the server's data is erased",
      ),
    ],
  },
];
