/**
 * @module revoked-builder-messages
 * What people hear when an auction's builder revoked C500's access to their Stripe account
 * (`account.application.deauthorized`): no money can reach them, so their auctions take none.
 */
import type { DiscordMessage } from '../../ports';
import { formatMoney } from '../../common';
import { privateNote } from '../../discord';
import type { Auction } from './auction';

const reconnect = 'Run `/c500 onboard` to connect a Stripe account again';

export const revokedBuilderMessages = {
  /** `/c500 auction start` (and a show's lot) by a builder whose account is revoked. */
  cannotStart: privateNote(
    `Your auction didn’t start: you disconnected your Stripe account from C500, so winners can’t pay you. ${reconnect}, then start it again.`,
  ),
  /** A bid on an auction stopped because its builder's account was revoked. */
  bidRefused: privateNote(
    'Your bid wasn’t placed: this auction was stopped because its builder’s Stripe account is disconnected from C500. Nothing was charged.',
  ),
  /** Posted in the auction's channel when the deauthorization stops it. */
  stoppedPost: (a: Pick<Auction, 'item' | 'auctionId' | 'builderId'>): DiscordMessage => ({
    content: `The auction for **${a.item}** (\`${a.auctionId}\`) is stopped: <@${a.builderId}> disconnected their Stripe account from C500, so no winner could pay them. No bid will be charged.`,
    allowed_mentions: { parse: [] },
  }),
  /** The winner of a lot whose builder cannot be paid: no checkout comes. */
  winnerNoCheckout: (a: Pick<Auction, 'item' | 'auctionId' | 'currency'>, priceCents: number): DiscordMessage => ({
    content: `You had the top bid (${formatMoney({ cents: priceCents, currency: a.currency })}) on **${a.item}** (\`${a.auctionId}\`), but its builder disconnected their Stripe account from C500, so no checkout can open. You won’t be charged.`,
    allowed_mentions: { parse: [] },
  }),
  /** The builder, whose auction ended or stopped with nobody able to pay them. */
  builderStopped: (a: Pick<Auction, 'item' | 'auctionId'>): DiscordMessage => ({
    content: `Your auction **${a.item}** (\`${a.auctionId}\`) was stopped: your Stripe account is disconnected from C500, so no winner could pay you. ${reconnect}; then you can sell again.`,
    allowed_mentions: { parse: [] },
  }),
};
