/**
 * @module guild-page
 * A guild admin's page: the race sales ledger (each sale attributed to its race, or the
 * house), racers' pending balances, host cuts owed by hand (with the "paid by hand" action),
 * orders paid more than a week ago and still waiting for proof, commissions and group buys
 * past their promised date, bidders' strikes and bans,
 * and the bidders its admins blocked with `/c500 block`.
 */
import type { Dispute } from '../../../disputes';
import { disputesInOrder, disputesTable } from './disputes-panel';
import { formatMoney, percentOf } from '../../../common';
import type { HostPayout } from '../../../payments';
import type { Order } from '../../../orders';
import type { GroupBuy } from '../../../groupbuys';
import type { SaleRecord, Wallet } from '../../../races';
import { loginOfAlias, type BlockedBidder } from '../../../auctions';
import type { AdminGuild } from '../session';
import { payoutStandingOf } from '../host-views';
import { csrfField, csvLink, dashboardPage, dateCell, esc, idCell, panel, pager, pill, table, textCell, type Column, type Frame } from './layout';

/** A bidder who let a win in this guild lapse unpaid. */
export interface Strike {
  bidderId: string;
  bidderName: string;
  /** The lapsed orders of this guild that struck them, newest first. */
  orders: Array<Pick<Order, 'orderId' | 'title' | 'expiredAt' | 'amountCents' | 'currency'>>;
  /** Across every server, as the bidder's record keeps it. */
  record: { strikes: number; banned: boolean; bannedAt?: string } | undefined;
}

export interface GuildPageData {
  guild: AdminGuild;
  sales: Array<SaleRecord & { raceTitle?: string }>;
  salesNext: string | undefined;
  balances: Array<{ racerId: string; name: string; wallet: Wallet }>;
  payouts: HostPayout[];
  waiting: Order[];
  strikes: Strike[];
  blocked: BlockedBidder[];
  /** The server's disputes (part 6 of issue 32). */
  disputes?: Dispute[];
  /** Commissions past their promised date and not done (issue 34). */
  late?: Order[];
  /** Funded group buys past their ship month and not proved done (issue 65): one line each, not one an order. */
  lateGroupBuys?: GroupBuy[];
}

/** Who a block names, read from its key: a Discord member's id, or a Twitch login (the auctions' alias for a chatter). */
export type BlockedWho = { kind: 'member'; memberId: string } | { kind: 'twitch'; login: string };

export function blockedWho(entry: Pick<BlockedBidder, 'key'>): BlockedWho {
  const login = loginOfAlias(entry.key);
  return login !== undefined ? { kind: 'twitch', login } : { kind: 'member', memberId: entry.key };
}

export const attributionLabels: Record<SaleRecord['attributedTo'], string> = {
  race: 'Race',
  house: 'House',
  'currency-mismatch': 'House (other currency)',
  'not-merch': 'Not merch',
};

export function guildPage(frame: Frame, data: GuildPageData): string {
  const base = `/dashboard/guild/${data.guild.id}`;
  const csrf = frame.who?.csrf ?? '';
  return dashboardPage(
    frame,
    `<h1>${esc(data.guild.name)}</h1><p class="hint">Server <code class="id">${esc(data.guild.id)}</code> · you administer it on Discord</p>
    <p class="actions"><a class="button secondary" href="${base}/show">The last hour of the show</a> <a class="button secondary" href="${base}/result">What the platform kept, from Stripe’s ledger</a> <a class="button secondary" href="${base}/debts">What people owe C500</a></p>
    ${panel('sales', 'Race sales ledger', `${salesTable(data.sales)}${pager(base, {}, data.salesNext)}`, csvLink(`${base}/sales.csv`, 'Download CSV'))}
    ${panel('balances', 'Racers’ pending balances', balancesTable(data.balances), csvLink(`${base}/balances.csv`, 'Download CSV'))}
    ${panel('host-payouts', 'Host cuts owed by hand', payoutsTable(data.payouts, base, csrf), csvLink(`${base}/host-payouts.csv`, 'Download CSV'))}
    ${panel('waiting', 'Waiting for proof for more than a week', waitingTable(data.waiting), csvLink(`${base}/waiting-proof.csv`, 'Download CSV'))}
    ${panel('late', 'Commissions past their promised date', lateTable(data.late ?? []))}
    ${panel('late-group-buys', 'Group buys past their ship month', lateGroupBuysTable(data.lateGroupBuys ?? []))}
    ${panel('disputes', 'Disputes', disputesTable(disputesInOrder(data.disputes ?? []), 'admin'))}
    ${panel('strikes', 'Strikes and bans', strikesTable(data.strikes), csvLink(`${base}/strikes.csv`, 'Download CSV'))}
    ${panel('blocked', 'Blocked bidders', blockedTable(data.blocked, namesOnThePage(data)), csvLink(`${base}/blocked.csv`, 'Download CSV'))}`,
  );
}

function salesTable(sales: ReadonlyArray<SaleRecord & { raceTitle?: string }>): string {
  const money = (s: SaleRecord, cents: number) => esc(formatMoney({ cents, currency: s.currency }));
  const columns: ReadonlyArray<Column<SaleRecord & { raceTitle?: string }>> = [
    { label: 'Paid', cell: (s) => dateCell(s.paidAt) },
    { label: 'Shop', cell: (s) => esc(s.shop) },
    { label: 'Sale', cell: (s) => esc(s.description) },
    { label: 'Amount', cell: (s) => money(s, s.amountCents), numeric: true },
    { label: 'Went to', cell: (s) => esc(s.attributedTo === 'race' ? `Race: ${s.raceTitle ?? s.lobbyId ?? ''}` : attributionLabels[s.attributedTo]) },
    { label: 'Rate', cell: (s) => textCell(s.commissionBps !== undefined ? percentOf(s.commissionBps) : undefined), numeric: true },
    { label: 'Pool', cell: (s) => money(s, s.poolCents), numeric: true },
    { label: 'Refunded', cell: (s) => (s.refundedCents ? money(s, s.refundedCents) : '<span class="hint">–</span>'), numeric: true },
  ];
  return table('Race sales', columns, sales, 'No merch sales recorded in this server yet.');
}

function balancesTable(balances: GuildPageData['balances']): string {
  const money = (w: Wallet, cents: number) => esc(formatMoney({ cents, currency: w.currency }));
  const columns: ReadonlyArray<Column<GuildPageData['balances'][number]>> = [
    { label: 'Racer', cell: (b) => esc(b.wallet.racerName ?? b.name) },
    { label: 'Pending', cell: (b) => money(b.wallet, b.wallet.pendingCents), numeric: true },
    { label: 'Paid out', cell: (b) => money(b.wallet, b.wallet.paidCents), numeric: true },
    { label: 'Earned', cell: (b) => money(b.wallet, b.wallet.earnedCents), numeric: true },
  ];
  return table('Racers’ balances', columns, balances, 'No racer has earned anything here yet.');
}

function payoutsTable(payouts: readonly HostPayout[], base: string, csrf: string): string {
  const columns: ReadonlyArray<Column<HostPayout>> = [
    { label: 'Order', cell: (p) => idCell(p.orderId) },
    { label: 'Host', cell: (p) => esc(p.hostName) },
    { label: 'Owed', cell: (p) => esc(formatMoney({ cents: p.amountCents, currency: p.currency })), numeric: true },
    { label: 'Since', cell: (p) => dateCell(p.createdAt) },
    {
      label: 'Paid by hand',
      cell: (p) =>
        p.status === 'paid-by-hand' && p.paidByHand
          ? `${pill('paid', 'Paid')} by ${esc(p.paidByHand.byName)} ${dateCell(p.paidByHand.at)}${p.paidByHand.note ? `<br><span class="hint">${esc(p.paidByHand.note)}</span>` : ''}`
          : payoutStandingOf(p) === 'nothing-owed'
            ? `${pill('refunded', 'Nothing owed')}<br><span class="hint">Refunds brought it to nothing</span>`
            : `<form method="post" action="${esc(`${base}/host-payouts/${p.orderId}/paid`)}" class="paid-form">${csrfField(csrf)}<label class="visually-hidden" for="note-${esc(p.orderId)}">Note</label><input id="note-${esc(p.orderId)}" name="note" maxlength="500" placeholder="How it was paid"><button class="button" type="submit">Mark paid by hand</button></form>`,
    },
  ];
  return table('Host cuts owed by hand', columns, payouts, 'No host cut is owed by hand.');
}

function waitingTable(orders: readonly Order[]): string {
  const columns: ReadonlyArray<Column<Order>> = [
    { label: 'Order', cell: (o) => `<a href="/dashboard/orders/${esc(o.orderId)}">${idCell(o.orderId)}</a>` },
    { label: 'Item', cell: (o) => esc(o.title) },
    { label: 'Builder', cell: (o) => esc(o.builderName) },
    { label: 'Buyer', cell: (o) => esc(o.buyerName) },
    { label: 'Price', cell: (o) => esc(formatMoney({ cents: o.amountCents, currency: o.currency })), numeric: true },
    { label: 'Paid', cell: (o) => dateCell(o.paidAt) },
  ];
  return table('Orders waiting for proof', columns, orders, 'Every order paid more than a week ago has its proof.');
}

function lateTable(orders: readonly Order[]): string {
  const columns: ReadonlyArray<Column<Order>> = [
    { label: 'Order', cell: (o) => `<a href="/dashboard/orders/${esc(o.orderId)}">${idCell(o.orderId)}</a>` },
    { label: 'Item', cell: (o) => esc(o.title) },
    { label: 'Builder', cell: (o) => esc(o.builderName) },
    { label: 'Buyer', cell: (o) => esc(o.buyerName) },
    { label: 'Step proved', cell: (o) => esc(o.commission?.milestone ?? 'none yet') },
    { label: 'Promised', cell: (o) => `${dateCell(o.commission?.promisedAt)}${o.commission?.delay ? '<br><span class="hint">moved once</span>' : ''}` },
  ];
  return table('Late commissions', columns, orders, 'No commission is past its promised date.');
}

function lateGroupBuysTable(groupBuys: readonly GroupBuy[]): string {
  const columns: ReadonlyArray<Column<GroupBuy>> = [
    { label: 'Group buy', cell: (g) => `<a href="/groupbuy/${esc(g.groupBuyId)}">${esc(g.title)}</a>` },
    { label: 'Builder', cell: (g) => esc(g.builderName) },
    { label: 'Units funded', cell: (g) => String(g.fundedUnits ?? g.pledgedUnits), numeric: true },
    { label: 'Step proved', cell: (g) => esc(g.milestones?.at(-1)?.milestone ?? 'none yet') },
    { label: 'Ships', cell: (g) => esc(shipsMonthText(g.shipsMonth)) },
  ];
  return table('Late group buys', columns, groupBuys, 'No funded group buy is past its ship month.');
}

/** `2027-03` as `March 2027`, in UTC as the ship month is. */
const shipsMonthText = (shipsMonth: string) =>
  new Date(`${shipsMonth}-01T00:00:00Z`).toLocaleString('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' });

function strikesTable(strikes: readonly Strike[]): string {
  const columns: ReadonlyArray<Column<Strike>> = [
    { label: 'Bidder', cell: (s) => esc(s.bidderName) },
    { label: 'Unpaid wins here', cell: (s) => s.orders.map((o) => `${esc(o.title)} ${dateCell(o.expiredAt)}`).join('<br>') },
    { label: 'Strikes (all servers)', cell: (s) => String(s.record?.strikes ?? s.orders.length), numeric: true },
    { label: 'Bidding', cell: (s) => (s.record?.banned ? `${pill('expired', 'Banned')} ${dateCell(s.record.bannedAt)}` : pill('paid', 'Allowed')) },
  ];
  return table('Strikes and bans', columns, strikes, 'No bidder has let a win lapse here.');
}

const discordProfile = (id: string) => `<a href="${esc(`https://discord.com/users/${id}`)}" rel="noopener noreferrer">${idCell(id)}</a>`;

/** The names this page already holds, by Discord id: the block list keeps ids only, and a blocked member has often struck here. */
function namesOnThePage(data: GuildPageData): ReadonlyMap<string, string> {
  return new Map([
    ...data.balances.map((b) => [b.racerId, b.wallet.racerName ?? b.name] as const),
    ...data.strikes.map((s) => [s.bidderId, s.bidderName] as const),
  ]);
}

function blockedTable(blocked: readonly BlockedBidder[], names: ReadonlyMap<string, string>): string {
  const member = (id: string) => `${esc(names.get(id) ?? 'Discord member')} ${discordProfile(id)}`;
  const columns: ReadonlyArray<Column<BlockedBidder>> = [
    {
      label: 'Bidder',
      cell: (b) => {
        const who = blockedWho(b);
        return who.kind === 'member'
          ? member(who.memberId)
          : `Twitch <a href="${esc(`https://www.twitch.tv/${who.login}`)}" rel="noopener noreferrer">${esc(`twitch.tv/${who.login}`)}</a>`;
      },
    },
    { label: 'Blocked by', cell: (b) => (b.disputeId ? `C500: they disputed a payment (${esc(b.disputeId)})` : member(b.blockedBy)) },
    { label: 'Since', cell: (b) => dateCell(b.blockedAt) },
  ];
  const hint =
    '<p class="hint">The block list keeps Discord ids, not names: a name shows where this page knows one. <code>/c500 unblock</code> in Discord lets one bid again.</p>';
  return `${table('Blocked bidders', columns, blocked, 'Nobody is blocked from this server’s auctions. Block a bidder with /c500 block in Discord.')}${blocked.length > 0 ? hint : ''}`;
}
