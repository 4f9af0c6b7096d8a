/**
 * @module pre-bid-messages
 * What a member reads about their pre-bids: the modal, the answers to setting, changing and
 * withdrawing one (private), and the DMs when the lot opens and their pre-bid is placed.
 */
import type { AuctionSnapshot, BidOutcome, DiscordMessage } from '../../ports';
import { amountText, formatMoney } from '../../common';
import { dmNote, privateNote } from '../../discord';
import { hammerAtMs } from '../../auctions';
import { preBidModalId } from './pre-bid';

const money = (cents: number, currency: string) => formatMoney({ cents, currency });
/** What a person types back in the lot's currency (no decimals for yen, three for dinars). */
const typed = (cents: number, currency: string) => amountText({ cents, currency });
const relative = (ms: number) => `<t:${Math.floor(ms / 1000)}:R>`;

/** The run sheet's Pre-bid modal: the lot's number and the maximum (0 withdraws). */
export function preBidModal(title: string): { custom_id: string; title: string; components: unknown[] } {
  const input = (custom_id: string, label: string, placeholder: string, max_length: number) => ({
    type: 1,
    components: [{ type: 4, custom_id, label, style: 1, required: true, max_length, placeholder }],
  });
  return {
    custom_id: preBidModalId,
    title: `Pre-bid: ${title}`.slice(0, 45),
    components: [input('lot', 'Lot number on the run sheet', '3', 3), input('max', 'Most you will pay (0 withdraws your pre-bid)', '40', 15)],
  };
}

interface LotNamed {
  number: number;
  item: string;
  startCents: number;
  currency: string;
}

export const preBidAnswers = {
  set: (lot: LotNamed, maxCents: number, changed: boolean) =>
    privateNote(
      `${changed ? 'Changed: your' : 'Your'} pre-bid on lot ${lot.number}, **${lot.item}**, is up to **${money(maxCents, lot.currency)}**. Nobody else sees it. ` +
        `When the lot opens we bid for you one step at a time up to it, in the order pre-bids were set (an earlier one wins a tie), and DM you if you’re outbid. ` +
        `Change it with \`/bid lot:${lot.number} max:<n>\`, withdraw it with \`max:0\`, see yours in \`/c500 profile\`.`,
    ),
  withdrawn: (lot: LotNamed) => privateNote(`Your pre-bid on lot ${lot.number}, **${lot.item}**, is withdrawn. Nothing will be bid for you there.`),
  nothingToWithdraw: (lot: LotNamed) => privateNote(`You have no pre-bid on lot ${lot.number}, **${lot.item}**, so there was nothing to withdraw.`),
};

export const preBidRefusals = {
  noShowHere: privateNote('There’s no show in this channel. Pre-bid in the channel where the show’s run sheet is posted.'),
  noRunSheet: privateNote('This show’s run sheet isn’t posted yet: pre-bids open once it is.'),
  showOver: privateNote('This show is over, so its lots take no more pre-bids.'),
  noSuchLot: (lots: number) =>
    privateNote(
      lots === 0
        ? 'This show has no lots yet. Pre-bid once builders have added some.'
        : `**lot**: the run sheet has lots 1 to ${lots}. Type the number in front of the lot, for example \`/bid lot:1 max:40\`.`,
    ),
  opened: (lot: LotNamed, state: 'live' | 'done' | 'skipped') =>
    privateNote(
      state === 'live'
        ? `Lot ${lot.number}, **${lot.item}**, is open now: bid live with \`/bid amount:<n>\` (add \`max:<n>\` and we bid for you step by step).`
        : state === 'done'
          ? `Lot ${lot.number}, **${lot.item}**, has already been auctioned, so it takes no pre-bids.`
          : `Lot ${lot.number}, **${lot.item}**, won’t run, so it takes no pre-bids.`,
    ),
  belowOpening: (lot: LotNamed) =>
    privateNote(
      `**max**: lot ${lot.number}, **${lot.item}**, opens at ${money(lot.startCents, lot.currency)}, so a pre-bid must be at least that: \`/bid lot:${lot.number} max:${typed(lot.startCents, lot.currency)}\`.`,
    ),
  overTrustLimit: (lot: LotNamed, limitCents: number) =>
    privateNote(
      `**max**: until you’ve paid for an order on C500, this server lets you bid up to ${money(limitCents, lot.currency)}. Set a pre-bid of at most that, for example \`/bid lot:${lot.number} max:${typed(limitCents, lot.currency)}\`.`,
    ),
  blocked: privateNote('An admin of this server has stopped your bids in its auctions, so you can’t pre-bid here.'),
  ownLot: (lot: LotNamed) => privateNote(`Lot ${lot.number}, **${lot.item}**, is yours: you can’t bid on your own lot.`),
  invalid: (reason: string) => privateNote(`Nothing was set. ${reason}`),
};

/** Why a pre-bid was not placed when its lot opened, in the bidder's words. */
const notPlacedBecause: Partial<Record<BidOutcome, string>> = {
  'over-new-bidder-limit': 'it was over what this server lets you bid before you’ve paid for an order',
  blocked: 'an admin of the server has stopped your bids there',
  banned: 'your bids are stopped after unpaid wins',
  'own-auction': 'the lot is yours',
  closed: 'the lot had already closed',
};

/** The DM to a pre-bidder whose pre-bid did not lead once placed: outbid at once, or not placed at all. A DM, so no EPHEMERAL flag: Discord refuses it there. */
export function preBidPlacedNotice(outcome: BidOutcome, s: AuctionSnapshot, maxCents: number): DiscordMessage | undefined {
  if (outcome === 'leading' || outcome === 'raised-max' || outcome === 'already-leading' || outcome === 'sealed') return undefined;
  const max = money(maxCents, s.currency);
  if (outcome === 'outbid' || outcome === 'too-low')
    return dmNote(
      `**${s.item}** is up, and your pre-bid of up to ${max} was outbid at once: the price is **${money(s.priceCents, s.currency)}**. Bid at least **${money(s.nextMinimumCents, s.currency)}** with \`/bid\` in <#${s.channelId}> to lead (bidding ends ${relative(s.endsAtMs)}, then a sealed final call until ${relative(hammerAtMs(s))}).`,
    );
  return dmNote(`**${s.item}** is up, but your pre-bid of up to ${max} wasn’t placed: ${notPlacedBecause[outcome] ?? 'the auction couldn’t take it'}.`);
}
