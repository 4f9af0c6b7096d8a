/**
 * @module dashboard-reads
 * Each page and CSV of a signed-in person, read and rendered: the reads are always keyed by
 * the session's own user (builder, host, racer) or by a guild the caller has already checked
 * the session administers. A page reads one page of each list; a CSV reads every page.
 */
import { journalCsvHeader, journalCsvRows, journalOfGuild } from '../../journal';
import { readLine } from '../../queue';
import { everyPage, builderAuctions, builderOrders, builderOverview, chartWeeks, exportPageSize } from './builder-overview';
import { hostCuts, hostPayoutsOfHost, hostShows } from './host-overview';
import { racerLedger, racerPayouts, racerWallets } from './racer-overview';
import {
  guildBalances,
  guildBlockedBidders,
  guildHostPayouts,
  guildSales,
  guildStrikes,
  lateCommissions,
  lateGroupBuys,
  waitingForProof,
} from './guild-overview';
import { decodeCursor, encodeCursor, firstCursor } from '../rules/paging';
import { isOrderState, orderCsvHeader, orderCsvRow } from '../rules/order-views';
import { csvOf } from '../rules/csv';
import { toShipCsv } from '../rules/shipping-views';
import { mainCurrency, weeklyEarnings } from '../rules/earnings-chart';
import {
  auctionsCsv,
  balancesCsv,
  blockedCsv,
  cutsCsv,
  hostPayoutsCsv,
  ledgerCsv,
  lotsCsv,
  payoutsCsv,
  salesCsv,
  strikesCsv,
  waitingCsv,
} from '../rules/exports';
import { builderPage } from '../rules/pages/builder-page';
import { disputesCollection, type Dispute } from '../../disputes';
import { hostPage } from '../rules/pages/host-page';
import { racerPage } from '../rules/pages/racer-page';
import { guildPage } from '../rules/pages/guild-page';
import type { Frame } from '../rules/pages/layout';
import type { AdminGuild, DashboardSession } from '../rules/session';
import type { GuildExport, OwnExport } from '../routes';
import { guildResults } from './platform-result-read';
import { resultCsv } from '../rules/pages/result-page';
import { debtAccountsOfGuild, debtCsvHeader, debtCsvRows } from '../../debts';
import type { DashboardDeps } from './dashboard-deps';
import { moneyReader, withMoney } from './order-money';

type Query = Record<string, string | undefined>;
const next = (cursor: { next?: Parameters<typeof encodeCursor>[0] }) => (cursor.next ? encodeCursor(cursor.next) : undefined);

export async function builderPageHtml(deps: DashboardDeps, frame: Frame, session: DashboardSession, query: Query): Promise<string> {
  const state = isOrderState(query.state) ? query.state : 'all';
  const now = deps.clock.now();
  const [page, overview, disputes, queue] = await Promise.all([
    builderOrders(deps.store, session.userId, state, decodeCursor(query.after, 'desc')),
    builderOverview(deps.store, session.userId, now),
    disputesWhere(deps.store, 'builderId', session.userId),
    readLine(deps, session.userId),
  ]);
  const currency = mainCurrency(overview.recent.length > 0 ? overview.recent : overview.waiting, deps.settings.currency);
  const count = await moneyReader(deps.store, [...page.rows, ...overview.recent, ...overview.waiting]);
  return builderPage(frame, {
    state,
    orders: page.rows.map(count),
    nextCursor: next(page),
    weeks: weeklyEarnings(overview.recent.map(count), now, currency, chartWeeks),
    currency,
    waiting: overview.waiting.map(count),
    auctions: overview.auctions,
    hasStripeAccount: overview.builder?.stripeAccountId !== undefined,
    disputes,
    queue: { record: queue.record, inLine: queue.places.length, late: queue.places.filter((p) => p.late).length },
  });
}

export async function hostPageHtml(deps: DashboardDeps, frame: Frame, session: DashboardSession, query: Query): Promise<string> {
  const [shows, cuts, payouts] = await Promise.all([
    hostShows(deps.store, session.userId, decodeCursor(query.shows_after, 'desc')),
    hostCuts(deps.store, session.userId, decodeCursor(query.cuts_after, 'desc')),
    hostPayoutsOfHost(deps.store, session.userId, firstCursor('desc'), 100),
  ]);
  return hostPage(frame, {
    shows: shows.rows,
    showsNext: next(shows),
    cuts: await withMoney(deps.store, cuts.rows),
    cutsNext: next(cuts),
    payouts: payouts.rows,
  });
}

export async function racerPageHtml(deps: DashboardDeps, frame: Frame, session: DashboardSession, query: Query): Promise<string> {
  const [ledger, payouts] = await Promise.all([
    racerLedger(deps.store, session.userId, decodeCursor(query.after, 'desc')),
    racerPayouts(deps.store, session.userId, firstCursor('desc')),
  ]);
  const wallets = await racerWallets(deps.store, session.userId, [...ledger.rows.map((e) => e.guildId), ...payouts.rows.map((p) => p.guildId)]);
  return racerPage(frame, { wallets, ledger: ledger.rows, ledgerNext: next(ledger), payouts: payouts.rows });
}

export async function guildPageHtml(deps: DashboardDeps, frame: Frame, guild: AdminGuild, query: Query): Promise<string> {
  const now = deps.clock.now();
  const [sales, balances, payouts, waiting, strikes, blocked, disputes, late, lateBuys] = await Promise.all([
    guildSales(deps.store, guild.id, decodeCursor(query.after, 'desc')),
    guildBalances(deps.store, guild.id),
    guildHostPayouts(deps.store, guild.id, firstCursor('desc')),
    waitingForProof(deps.store, guild.id, now, firstCursor('asc')),
    guildStrikes(deps.store, guild.id),
    guildBlockedBidders(deps.store, guild.id),
    disputesWhere(deps.store, 'guildId', guild.id),
    lateCommissions(deps.store, guild.id, now),
    lateGroupBuys(deps.store, guild.id, now),
  ]);
  return guildPage(frame, {
    late,
    lateGroupBuys: lateBuys,
    guild,
    sales: sales.rows,
    salesNext: next(sales),
    balances,
    payouts: payouts.rows,
    waiting: waiting.rows,
    strikes,
    blocked,
    disputes,
  });
}

/** A CSV of the session's own: every page of it, up to the export cap. */
export async function ownCsv(deps: DashboardDeps, session: DashboardSession, which: OwnExport, query: Query): Promise<string> {
  const { store } = deps;
  const me = session.userId;
  const desc = (cursor: Parameters<typeof encodeCursor>[0] | undefined) => cursor ?? firstCursor('desc');
  switch (which) {
    case 'builder/orders': {
      const state = isOrderState(query.state) ? query.state : 'all';
      const orders = await everyPage((c) => builderOrders(store, me, state, desc(c), exportPageSize));
      return csvOf(orderCsvHeader, (await withMoney(store, orders)).map(orderCsvRow));
    }
    case 'builder/to-ship':
      // Paid and building: the orders of theirs still to send, each with its address.
      return toShipCsv(await everyPage((c) => builderOrders(store, me, ['paid', 'building'], desc(c), exportPageSize)));
    case 'builder/auctions':
      return auctionsCsv(await everyPage((c) => builderAuctions(store, me, desc(c), exportPageSize)));
    case 'host/lots':
      return lotsCsv(await everyPage((c) => hostShows(store, me, desc(c), 50)));
    case 'host/cuts': {
      const [orders, payouts] = await Promise.all([
        everyPage((c) => hostCuts(store, me, desc(c), exportPageSize)),
        everyPage((c) => hostPayoutsOfHost(store, me, desc(c), exportPageSize)),
      ]);
      return cutsCsv(await withMoney(store, orders), new Map(payouts.map((p) => [p.orderId, p])));
    }
    case 'racer/ledger':
      return ledgerCsv(await everyPage((c) => racerLedger(store, me, desc(c), exportPageSize)));
    case 'racer/payouts':
      return payoutsCsv(await everyPage((c) => racerPayouts(store, me, desc(c), exportPageSize)));
  }
}

/** A CSV of a guild the caller checked the session administers. */
export async function guildCsv(deps: DashboardDeps, guildId: string, which: GuildExport): Promise<string> {
  const { store } = deps;
  switch (which) {
    case 'sales':
      return salesCsv(await everyPage((c) => guildSales(store, guildId, c ?? firstCursor('desc'), exportPageSize)));
    case 'balances':
      return balancesCsv(await guildBalances(store, guildId));
    case 'host-payouts':
      return hostPayoutsCsv(await everyPage((c) => guildHostPayouts(store, guildId, c ?? firstCursor('desc'), exportPageSize)));
    case 'waiting-proof':
      return waitingCsv(await everyPage((c) => waitingForProof(store, guildId, deps.clock.now(), c ?? firstCursor('asc'), exportPageSize)));
    case 'strikes':
      return strikesCsv(await guildStrikes(store, guildId));
    case 'blocked':
      return blockedCsv(await guildBlockedBidders(store, guildId));
    case 'result':
      return resultCsv(await guildResults(deps, guildId));
    case 'debts':
      return csvOf(debtCsvHeader, debtCsvRows(await debtAccountsOfGuild(store, guildId)));
    case 'journal':
      return csvOf(journalCsvHeader, journalCsvRows(await journalOfGuild(store, guildId)));
  }
}

/** A builder's or a server's disputes: an equality filter alone (no composite index), at most the last 200. */
async function disputesWhere(store: DashboardDeps['store'], field: 'builderId' | 'guildId', id: string): Promise<Dispute[]> {
  const rows =
    field === 'builderId'
      ? await store.query(disputesCollection, { where: [['builderId', '==', id]], limit: 200 })
      : await store.query(disputesCollection, { where: [['guildId', '==', id]], limit: 200 });
  return rows.map((d) => d.data);
}
