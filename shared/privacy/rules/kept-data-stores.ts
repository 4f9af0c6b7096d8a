/**
 * @module kept-data-stores
 * The table of kept data, beside Firestore: every other place that holds or sends something
 * about a person (Redis keys, logs and traces, work in flight, Stripe's metadata, messages
 * C500 has sent, Twitch's subscriptions, downloaded files). The privacy page's "Other
 * stores" is made from it. Most of these cannot be erased the way a document is: each row
 * says plainly what an erasure does there.
 */
import type { KeptStore } from './kept-data-types';
import { personFieldsInLogs } from '../../log/people';
import { paymentRecord } from './kept-data-words';
import { whilePledged } from './kept-data-groupbuys';

/** <prefix> is the deployment's Redis key prefix (c500: in production). */
export const keptStores: readonly KeptStore[] = [
  {
    store: 'Redis',
    pattern: '<prefix>auction:{<auction id>} and its :bids, :seen, :tops, :topsAt, :names, :tokens and :last keys; <prefix>channel:<channel id>:auction',
    keys: [
      '<prefix>auction:{*}',
      '<prefix>auction:{*}:bids',
      '<prefix>auction:{*}:seen',
      '<prefix>auction:{*}:tops',
      '<prefix>auction:{*}:topsAt',
      '<prefix>auction:{*}:names',
      '<prefix>auction:{*}:tokens',
      '<prefix>auction:{*}:last',
      '<prefix>channel:*:auction',
    ],
    what: "a live auction's book: each bidder's Discord id (a chatter's twitch:<user id>), name, bids and highest bid (max), and the token C500 answers their bid with",
    purpose: 'to decide every bid at once, in the order Discord received it, while the auction is live',
    basis: 'contract',
    seenBy: ["the server's members", 'Upstash'],
    keptFor: 'while the auction is live, then a week (the keys expire), so a late or repeated delivery still finds it',
    onErasure: 'erased',
    onErasureSays:
      'Forgotten at once in every auction the book still holds, live or ended: your bids, max, name and answer token go, and your max no longer bids, leads or wins. The price and bid count stay; the auction’s record in the store keeps the result under your id alone.',
  },
  {
    store: 'Redis',
    pattern: '<prefix>bidders:banned, <prefix>bidders:trusted and <prefix>guild:<server id>:trust',
    keys: ['<prefix>bidders:banned', '<prefix>bidders:trusted', '<prefix>guild:*:trust'],
    what: 'a keyed hash (HMAC, ID_HASH_KEY) of the ids of bidders banned for leaving won auctions unpaid, of bidders who have paid for an order, and of those a server’s admins blocked; never an id or a name',
    purpose:
      "to refuse a banned or blocked bidder, and spare a paying one a server's new-bidder limit, in every auction at once without reading the store on each bid",
    basis: 'legitimate interests: keeping bidders who do not pay, or whom a server blocked, from winning again, so builders and hosts are not left unpaid',
    seenBy: ['Upstash'],
    keptFor: 'as long as the ban, block or trust stands; a ban made of strikes ends a year after the last strike',
    onErasure: 'kept-while-open',
    onErasureSays: 'Your trust goes at once; a ban or a block stays as its keyed hash alone, since erasing is no way round it.',
  },
  {
    store: 'Redis',
    pattern: '<prefix>guild:<server id>:tally:<minute>',
    keys: ['<prefix>guild:*:tally:*'],
    what: 'how many bids a server’s auctions took and refused in a minute: counts only, about no one',
    purpose: 'to watch the book’s load and refusals',
    basis: 'legitimate interests: keeping the auctions working under load',
    seenBy: ['Upstash'],
    keptFor: 'two hours',
    onErasure: 'erased',
    onErasureSays: 'Nothing about you is in it.',
  },
  {
    store: 'Redis',
    pattern: '<prefix>chat:<broadcaster id>:must, :rest, :slots, :once:<keyed hash> and :sent',
    keys: ['<prefix>chat:*:must', '<prefix>chat:*:rest', '<prefix>chat:*:slots', '<prefix>chat:*:once:*', '<prefix>chat:*:sent'],
    what: "lines waiting to be posted in a channel's Twitch chat, which may @mention a chatter's login; keyed hashes that stop a line being posted twice",
    purpose: "to post C500's answers in chat within Twitch's limits, and each only once",
    basis: 'contract',
    seenBy: ['Upstash'],
    keptFor: 'seconds (the lines are posted and taken away); at most a day, when the keys expire',
    onErasure: 'kept-while-open',
    onErasureSays:
      'A chatter’s lines waiting are posted within seconds, and every key expires within a day; a streamer who erases themselves has their channel’s waiting lines dropped at once.',
  },
  {
    store: 'Logs and traces',
    pattern:
      "Cloud Logging lines and Cloud Trace spans: a keyed hash of a person's Discord or Twitch id, login or name (HMAC under a key derived from LOG_ID_KEY for each 30-day period) in the fields listed here, ids of orders, auctions, servers and events",
    keys: personFieldsInLogs,
    what: "what each function did, when, and for whom, as a keyed hash; never a name, an address, a message's text or a secret (addresses and secrets are redacted before a line is written)",
    purpose: 'to keep C500 running and secure: find faults, answer a complaint about a payment, watch the service levels',
    basis: 'legitimate interests: keeping the service running, secure and able to answer for what it did',
    seenBy: ['Google Cloud'],
    keptFor: '30 days (the log bucket and Cloud Trace keep no longer)',
    onErasure: 'kept-while-open',
    onErasureSays:
      'Log lines cannot be edited, so they are not erased one by one: they carry only a keyed pseudonym, never your id or name, and are deleted after 30 days. An operator holding LOG_ID_KEY can still tie a line to an id they already know until then; nobody without it can.',
  },
  {
    store: 'Pub/Sub and Cloud Tasks payloads',
    pattern:
      'Pub/Sub messages: a Discord interaction as Discord sent it, a Stripe event as Stripe sent it, a Twitch chat message or event; Cloud Tasks: ids of auctions, orders, shows and channels',
    what: "your Discord id, names and what you typed in a command; a checkout's buyer name, email and shipping address in Stripe's event; a chatter's Twitch id, login and !bid message",
    purpose: 'to hand each piece of work from the function that received it to the one that does it',
    basis: 'contract',
    seenBy: ['Google Cloud'],
    keptFor: 'until the work is done, seconds; a message that keeps failing is kept 7 days for an operator to read, then deleted',
    onErasure: 'kept-while-open',
    onErasureSays:
      'Work in flight finishes and its message is deleted; anything it writes after your erasure is erased by the sweep. A failed message is deleted after 7 days.',
  },
  {
    store: 'Stripe metadata',
    pattern:
      'buyer_pseudonym, builder_pseudonym, host_pseudonym, racer_pseudonym and given_by_pseudonym on Checkout Sessions, payments, transfers, refunds and reversals; builder_pseudonym on a builder’s connected account; buyer_pseudonym on a member’s Stripe customer and on the setup session (and its SetupIntent) that saves a card for a group buy; the same people by Discord id (buyer_id, builder_id, host_id, racer_id, given_by) on objects made before pseudonyms, which C500 no longer writes; C500’s idempotency keys name people by pseudonym too',
    keys: ['buyer_pseudonym', 'builder_pseudonym', 'host_pseudonym', 'racer_pseudonym', 'given_by_pseudonym'],
    what: 'a keyed pseudonym of the buyer, builder, show host or racer of a payment, and of whoever gave a refund: only C500 can tell whose it is; on older payments, their Discord ids',
    purpose: 'to tie each payment, transfer and refund at Stripe to its order and people, so the books add up and a dispute can be answered',
    basis: 'contract',
    seenBy: ['Stripe'],
    keptFor: `as long as Stripe keeps the payment it is on (Stripe sets that period); C500's own record: ${paymentRecord}`,
    onErasure: 'kept-by-law',
    onErasureSays: "Kept: it is part of the payment's record. It holds pseudonyms (older payments: ids) alone, never a name.",
  },
  {
    store: 'Stripe customers and saved cards',
    pattern:
      'the customer C500 makes at Stripe for a member who joins a group buy, and the card they save on it (stripeCustomers/<member id>, a pledge’s customerId and paymentMethodId)',
    what: 'your customer at Stripe and the card you saved for a group buy (Stripe keeps the card’s number; C500 sees its id alone)',
    purpose: 'to charge a pledge at the close, only if the group buy reaches its minimum',
    basis: 'contract',
    seenBy: ['the member', 'Stripe'],
    keptFor: `${whilePledged}; the customer while you keep it for your next Join, or a pledge still needs it`,
    onErasure: 'kept-while-open',
    onErasureSays:
      'The cards no pledge needs any more are detached at Stripe and your customer deleted (Stripe keeps only that it was). A pledge still waiting for its close keeps its card and the customer until then: the close, a call-off, leaving or a lapse detaches the card and deletes the customer.',
  },
  {
    store: 'Stripe metadata',
    pattern:
      'the Idempotency-Key of each request C500 makes to Stripe: for a member, a group buy’s customer, a pledge’s charge and its pay link (groupbuy-customer:, groupbuy-charge:, groupbuy-pay:); every other key names an order, a payout, a refund or an interaction',
    what: 'a keyed pseudonym of your Discord id (ps_ and 32 hex, HMAC under a key derived from LOG_ID_KEY), never the id itself',
    purpose: 'so a request retried after a fault is made once at Stripe, never twice (nobody charged twice)',
    basis: 'contract',
    seenBy: ['Stripe'],
    keptFor: 'as long as Stripe keeps a request’s key and its request log (Stripe sets that period; a key is honoured for 24 hours)',
    onErasure: 'kept-while-open',
    onErasureSays: 'Kept at Stripe, but it names you by a pseudonym that only C500’s key ties to your id: Stripe cannot tell whose it is.',
  },
  {
    store: 'Logs and traces',
    pattern:
      'request logs of Cloud Run, Cloud Functions and Firebase Hosting (httpRequest): the URL asked for, the caller’s IP address and user agent, the status and how long it took',
    what: 'your IP address and the addresses of the pages and links you open: a public page’s URL may hold a builder’s Discord id (/queue/<id>), a signed link its token; never a name',
    purpose: 'to keep C500 secure and running: find faults, see and stop abuse (a flood of requests, a forged link)',
    basis: 'legitimate interests: keeping the service running and secure',
    seenBy: ['Google Cloud'],
    keptFor: '30 days (the _Default log bucket, terraform/logging.tf)',
    onErasure: 'kept-while-open',
    onErasureSays:
      'Request logs cannot be edited, so they are not erased one by one: they are deleted after 30 days. C500 keeps no table tying an IP address to a member.',
  },
  {
    store: 'Messages sent to Discord',
    pattern:
      'auction and show cards, drop posts, queue lines, giveaway results and race posts in the server’s channels; DMs to buyers, builders, hosts and racers; answers to commands',
    what: 'your Discord name or a mention of you, your bids and orders, in a channel or a DM',
    purpose: 'to run sales, auctions, shows and races in the open, and tell each person what concerns them',
    basis: 'contract',
    seenBy: ["the server's members", 'the member', 'Discord'],
    keptFor: 'as long as Discord keeps the message: until its channel’s admins, its recipient or C500 deletes it',
    onErasure: 'name-removed',
    onErasureSays:
      'C500 cannot take back what Discord has shown. It edits the card of a live auction you were bidding in, and everything it sends afterwards names you "a former member" (but for an answer to a redelivered event, repeated as it was first given for up to 30 days); messages sent before stay in the channels and DMs, where a server’s admins can delete them.',
  },
  {
    store: 'Messages sent to Twitch chat',
    pattern: "lines the bot posts in a channel's chat: @login answers to !bid, sign-in and pay links, sold and final-call lines, giveaway winners",
    what: "a chatter's Twitch login and the outcome of their bid or entry",
    purpose: 'to answer chat bidders and giveaway entrants where they are',
    basis: 'contract',
    seenBy: ["the channel's viewers", 'Twitch'],
    keptFor: "as long as Twitch keeps the channel's chat (Twitch's own rules); C500 keeps no copy once a line is posted",
    onErasure: 'name-removed',
    onErasureSays:
      'C500 cannot unsend a chat line. Once a chatter is erased, C500 holds nothing that ties their login to them, and sends nothing more about them.',
  },
  {
    store: 'Twitch EventSub subscriptions',
    pattern:
      'stream.online and stream.offline for each linked channel, and channel.chat.message for each channel with chat bidding on (broadcaster_user_id), held at Twitch with C500’s callback',
    what: "a linked builder's or streamer's Twitch channel id",
    purpose: "to know when a builder is live, so their proof of work can be checked, and to take bids from a channel's chat while its owner has it on",
    basis: 'contract',
    seenBy: ['Twitch'],
    keptFor:
      'while the channel is linked (undoing the link deletes its stream subscriptions), or chat bidding is on (turning it off deletes its chat subscription)',
    onErasure: 'erased',
    onErasureSays:
      'Deleted at Twitch when you erase yourself: every subscription whose condition names your Twitch account goes, so Twitch sends C500 nothing more about your channel. Turning chat bidding off deletes its chat subscription too.',
  },
  {
    store: 'Exports and downloaded files',
    pattern: 'c500-my-data.json (the dashboard’s Your data) and c500-twitch-data.json (a Twitch chatter’s page, /privacy/twitch)',
    what: 'everything the table above holds about you, as JSON',
    purpose: 'to give you your data (your right of access and to take it elsewhere)',
    basis: 'legal obligation',
    seenBy: ['the member'],
    keptFor: 'C500 keeps no copy: the file is made when you ask and is yours',
    onErasure: 'erased',
    onErasureSays: 'C500 holds no copy to erase; a file you saved is yours to delete.',
  },
  {
    store: 'Exports and downloaded files',
    pattern: 'c500-<export>-<date>.csv from the dashboard (orders, race sales, balances, host cuts, orders waiting for proof)',
    what: "ids and names of a server's buyers, builders, hosts and racers, with their orders and amounts",
    purpose: "to let a server's admins and builders keep their own books",
    basis: 'legitimate interests: letting a server’s admins and builders keep their own books of what they sold and paid',
    seenBy: ["the server's admins", "the order's builder"],
    keptFor: 'C500 keeps no copy; a downloaded file is kept by whoever downloaded it, who answers for it',
    onErasure: 'erased',
    onErasureSays: 'C500 holds no copy to erase. A CSV an admin or builder saved is theirs: ask them to delete it.',
  },
];
