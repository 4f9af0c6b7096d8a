/**
 * @module exports
 * Every CSV the dashboard offers, one header and one row maker each, beside the orders'
 * (order-views). Amounts are plain decimals of their currency with the currency in a column
 * of its own; ids are Discord's and ours; nothing a person did not already see on the page.
 */
import { amountText, percentOf } from '../../common';
import type { Auction, BlockedBidder } from '../../auctions';
import type { HostPayout } from '../../payments';
import type { Order } from '../../orders';
import type { RacerLine, Payout, SaleRecord, Wallet } from '../../races';
import type { Show, ShowLot } from '../../shows';
import { csvNumber, csvOf, type CsvCell, type CsvNumber } from './csv';
import { cutStatusOf, hostSentCents, payoutStandingOf } from './host-views';
import type { Counted } from './earnings-chart';
import { blockedWho, type Strike } from './pages/guild-page';
import { auctionResult } from './pages/builder-page';

type Row = Array<CsvCell | CsvNumber>;
const plain = (cents: number | undefined, currency: string) => csvNumber(amountText({ cents: cents ?? 0, currency }));

export function auctionsCsv(auctions: ReadonlyArray<Auction & { showTitle?: string }>): string {
  return csvOf(
    ['id', 'item', 'show', 'status', 'result', 'winner', 'currency', 'price', 'bids', 'started_at', 'closed_at'],
    auctions.map((a): Row => {
      const price = a.offer?.priceCents ?? a.winner?.priceCents;
      return [
        a.auctionId,
        a.item,
        a.showTitle,
        a.status,
        auctionResult(a),
        a.offer?.bidderName ?? a.winner?.bidderName,
        a.currency,
        price === undefined ? undefined : plain(price, a.currency),
        a.bidCount ?? 0,
        a.startedAt,
        a.closedAt,
      ];
    }),
  );
}

export function lotsCsv(shows: ReadonlyArray<{ show: Show; auctions: Record<string, Auction> }>): string {
  const rows = shows.flatMap(({ show, auctions }) =>
    show.lots.map((lot: ShowLot): Row => {
      const auction = auctions[lot.lotId];
      return [
        show.showId,
        show.title,
        show.status,
        lot.lotId,
        lot.item,
        lot.builderName,
        lot.state,
        show.currency,
        plain(lot.startCents, show.currency),
        auction ? auctionResult(auction) : lot.skippedBecause,
        auction?.offer?.bidderName ?? auction?.winner?.bidderName,
        show.startedAt ?? show.createdAt,
      ];
    }),
  );
  return csvOf(['show_id', 'show', 'show_status', 'lot_id', 'item', 'builder', 'lot_state', 'currency', 'opening', 'result', 'winner', 'show_date'], rows);
}

export function cutsCsv(orders: ReadonlyArray<Counted<Order>>, payouts: ReadonlyMap<string, HostPayout>): string {
  return csvOf(
    [
      'order_id',
      'show_id',
      'lot',
      'builder',
      'currency',
      'price',
      'host_cut',
      'sent',
      'status',
      'transfer_id',
      'owed_by_hand',
      'paid_by_hand_at',
      'created_at',
      'released_at',
    ],
    orders.map((o): Row => {
      const payout = payouts.get(o.orderId);
      return [
        o.orderId,
        o.showId,
        o.title,
        o.builderName,
        o.currency,
        plain(o.amountCents, o.currency),
        plain(o.hostCutCents, o.currency),
        plain(hostSentCents(o), o.currency),
        cutStatusOf(o, payout),
        o.payouts.host?.transferId,
        payout ? plain(payout.amountCents, payout.currency) : undefined,
        payout?.paidByHand?.at,
        o.createdAt,
        o.payouts.host?.releasedAt,
      ];
    }),
  );
}

export function ledgerCsv(entries: readonly RacerLine[]): string {
  return csvOf(
    ['entry_id', 'guild_id', 'kind', 'race_id', 'currency', 'amount', 'at', 'sale', 'payout_id'],
    entries.map((e): Row => [e.entryId, e.guildId, e.kind, e.lobbyId, e.currency, plain(e.amountCents, e.currency), e.at, e.saleKey, e.payoutId]),
  );
}

export function payoutsCsv(payouts: readonly Payout[]): string {
  return csvOf(
    ['payout_id', 'guild_id', 'currency', 'amount', 'method', 'status', 'at', 'note'],
    payouts.map((p): Row => [p.payoutId, p.guildId, p.currency, plain(p.amountCents, p.currency), p.method, p.status, p.at, p.note]),
  );
}

export function salesCsv(sales: ReadonlyArray<SaleRecord & { raceTitle?: string }>): string {
  return csvOf(
    ['sale', 'shop', 'description', 'currency', 'amount', 'paid_at', 'attributed_to', 'race_id', 'race', 'rate', 'pool', 'refunded', 'reversed'],
    sales.map((s): Row => [
      s.saleKey,
      s.shop,
      s.description,
      s.currency,
      plain(s.amountCents, s.currency),
      s.paidAt,
      s.attributedTo,
      s.lobbyId,
      s.raceTitle,
      s.commissionBps === undefined ? undefined : percentOf(s.commissionBps),
      plain(s.poolCents, s.currency),
      plain(s.refundedCents, s.currency),
      plain(s.reversedCents, s.currency),
    ]),
  );
}

export function balancesCsv(balances: ReadonlyArray<{ racerId: string; name: string; wallet: Wallet }>): string {
  return csvOf(
    ['racer_id', 'racer', 'currency', 'pending', 'paid_out', 'earned'],
    balances.map(({ racerId, name, wallet: w }): Row => [
      racerId,
      w.racerName ?? name,
      w.currency,
      plain(w.pendingCents, w.currency),
      plain(w.paidCents, w.currency),
      plain(w.earnedCents, w.currency),
    ]),
  );
}

export function hostPayoutsCsv(payouts: readonly HostPayout[]): string {
  return csvOf(
    ['order_id', 'show_id', 'host_id', 'host', 'currency', 'owed', 'reason', 'status', 'since', 'paid_by', 'paid_at', 'paid_amount', 'note'],
    payouts.map((p): Row => [
      p.orderId,
      p.showId,
      p.hostId,
      p.hostName,
      p.currency,
      plain(p.amountCents, p.currency),
      p.reason,
      payoutStandingOf(p),
      p.createdAt,
      p.paidByHand?.byName,
      p.paidByHand?.at,
      p.paidByHand ? plain(p.paidByHand.amountCents, p.currency) : undefined,
      p.paidByHand?.note,
    ]),
  );
}

export function waitingCsv(orders: readonly Order[]): string {
  return csvOf(
    ['order_id', 'title', 'builder_id', 'builder', 'buyer', 'currency', 'amount', 'paid_at'],
    orders.map((o): Row => [o.orderId, o.title, o.builderId, o.builderName, o.buyerName, o.currency, plain(o.amountCents, o.currency), o.paidAt]),
  );
}

export function strikesCsv(strikes: readonly Strike[]): string {
  return csvOf(
    ['bidder_id', 'bidder', 'order_id', 'item', 'currency', 'amount', 'lapsed_at', 'strikes_all_servers', 'banned'],
    strikes.flatMap((s) =>
      s.orders.map((o): Row => [
        s.bidderId,
        s.bidderName,
        o.orderId,
        o.title,
        o.currency,
        plain(o.amountCents, o.currency),
        o.expiredAt,
        s.record?.strikes ?? s.orders.length,
        s.record?.banned ? 'yes' : 'no',
      ]),
    ),
  );
}

/** One line per blocked bidder: a Discord member by id or a Twitch chatter by login, the admin who blocked them (by id: the list keeps no names) and when. */
export function blockedCsv(blocked: readonly BlockedBidder[]): string {
  return csvOf(
    ['kind', 'member_id', 'twitch_login', 'blocked_by_id', 'blocked_at'],
    blocked.map((b): Row => {
      const who = blockedWho(b);
      return who.kind === 'member'
        ? ['discord-member', who.memberId, undefined, b.blockedBy, b.blockedAt]
        : ['twitch', undefined, who.login, b.blockedBy, b.blockedAt];
    }),
  );
}
