/**
 * @module guild-overview
 * What a guild admin's page reads, every query filtered by that one guild (whose id the
 * session's admin rights were checked against before any of this runs): the race sales
 * ledger a page at a time, each racer's pending balance, the host cuts owed by hand, the
 * orders paid more than a week ago and still waiting for proof, the commissions and group buys
 * past their promised date, the strikes and bans of
 * bidders who let a win in this guild lapse, and the bidders its admins blocked.
 */
import type { DocumentStore, StoredDocument } from '../../ports';
import { hostPayoutsCollection, type HostPayout } from '../../payments';
import { ordersCollection, type Order } from '../../orders';
import { raceLobbiesCollection, raceLobbyPath, salesCollection, type SaleRecord, type Wallet } from '../../races';
import { walletOf } from './racer-overview';
import { bidderPath, guildAuctionsPath, type BlockedBidder } from '../../auctions';
import type { Strike } from '../rules/pages/guild-page';
import { pageOf, rowsToAsk, type Page, type PageCursor } from '../rules/paging';
import { isLate, isPlaced } from '../../queue';
import { groupBuysCollection, promisedAtOf, type GroupBuy } from '../../groupbuys';

export const salesPageSize = 50;
/** Orders paid this long ago and still unproven are the admin's to chase. */
export const proofOverdueDays = 7;
const listLimit = 100;
const maxRacers = 60;

export async function guildSales(
  store: DocumentStore,
  guildId: string,
  cursor: PageCursor,
  size = salesPageSize,
): Promise<Page<SaleRecord & { raceTitle?: string }>> {
  const answered = await store.query(salesCollection, {
    where: [
      ['guildId', '==', guildId],
      ['paidAt', '<=', cursor.at],
    ],
    orderBy: [['paidAt', 'desc']],
    limit: rowsToAsk(cursor, size),
  });
  const page = pageOf(answered, cursor, size, (d: StoredDocument<SaleRecord>) => ({ id: d.id, at: d.data.paidAt }));
  const lobbyIds = [...new Set(page.rows.flatMap((d) => (d.data.lobbyId ? [d.data.lobbyId] : [])))];
  const titles = new Map(await Promise.all(lobbyIds.map(async (id) => [id, (await store.get(raceLobbyPath(id)))?.title] as const)));
  const rows = page.rows.map(({ data }) => {
    const raceTitle = data.lobbyId ? titles.get(data.lobbyId) : undefined;
    return raceTitle ? { ...data, raceTitle } : data;
  });
  return { rows, ...(page.next ? { next: page.next } : {}) };
}

/** Each racer of the guild's recent races with their wallet (pending, paid, earned), most pending first. */
export async function guildBalances(store: DocumentStore, guildId: string): Promise<Array<{ racerId: string; name: string; wallet: Wallet }>> {
  const lobbies = await store.query(raceLobbiesCollection, { where: [['guildId', '==', guildId]], orderBy: [['windowOpenedAt', 'desc']], limit: 50 });
  const racers = new Map<string, string>();
  for (const { data } of lobbies) for (const racer of data.racers) if (!racers.has(racer.userId)) racers.set(racer.userId, racer.name);
  const picked = [...racers].slice(0, maxRacers);
  const wallets = await Promise.all(
    picked.map(async ([racerId, name]) => ({ racerId, name, wallet: await walletOf(store, guildId, racerId, { races: false }) })),
  );
  return wallets
    .filter((w): w is { racerId: string; name: string; wallet: Wallet } => w.wallet !== undefined)
    .sort((a, b) => b.wallet.pendingCents - a.wallet.pendingCents || a.name.localeCompare(b.name));
}

export async function guildHostPayouts(store: DocumentStore, guildId: string, cursor: PageCursor, size = listLimit): Promise<Page<HostPayout>> {
  const answered = await store.query(hostPayoutsCollection, {
    where: [
      ['guildId', '==', guildId],
      ['createdAt', '<=', cursor.at],
    ],
    orderBy: [['createdAt', 'desc']],
    limit: rowsToAsk(cursor, size),
  });
  const page = pageOf(answered, cursor, size, (d: StoredDocument<HostPayout>) => ({ id: d.id, at: d.data.createdAt }));
  return { rows: page.rows.map((d) => d.data), ...(page.next ? { next: page.next } : {}) };
}

/** Paid more than a week before `now` and not yet proven, oldest first. */
export async function waitingForProof(store: DocumentStore, guildId: string, now: Date, cursor: PageCursor, size = listLimit): Promise<Page<Order>> {
  const before = new Date(now.getTime() - proofOverdueDays * 86_400_000).toISOString();
  // The cursor walks up from the oldest; the week's edge caps it.
  const from = cursor.at;
  const answered = await store.query(ordersCollection, {
    where: [
      ['guildId', '==', guildId],
      ['status', '==', 'paid'],
      ['paidAt', '>=', from],
      ['paidAt', '<=', before],
    ],
    orderBy: [['paidAt', 'asc']],
    limit: rowsToAsk(cursor, size),
  });
  const page = pageOf(answered, cursor, size, (d: StoredDocument<Order>) => ({ id: d.id, at: d.data.paidAt ?? '' }));
  return { rows: page.rows.map((d) => d.data), ...(page.next ? { next: page.next } : {}) };
}

/** Commissions of this server past their promised date and not done, the longest late first. */
export async function lateCommissions(store: DocumentStore, guildId: string, now: Date): Promise<Order[]> {
  // Equality filters only (Firestore merges single-field indexes): the late ones are picked here.
  const orders = await store.query(ordersCollection, {
    where: [
      ['guildId', '==', guildId],
      ['dropKind', '==', 'commission'],
    ],
  });
  return orders
    .map((d) => d.data)
    .filter((o) => isPlaced(o) && isLate(o, now))
    .sort((a, b) => Date.parse(a.commission?.promisedAt ?? '') - Date.parse(b.commission?.promisedAt ?? ''))
    .slice(0, listLimit);
}

/**
 * Funded group buys of this server past the end of their ship month and not yet proved done,
 * the longest late first: one line a group buy, where each of its orders is late with it (its
 * buyers may cancel for a refund of what the builder was not yet sent).
 */
export async function lateGroupBuys(store: DocumentStore, guildId: string, now: Date): Promise<GroupBuy[]> {
  // Equality filters only, as above: the late ones are picked here.
  const funded = await store.query(groupBuysCollection, {
    where: [
      ['guildId', '==', guildId],
      ['status', '==', 'funded'],
    ],
  });
  return funded
    .map((d) => d.data)
    .filter((g) => Date.parse(promisedAtOf(g.shipsMonth)) < now.getTime() && !(g.milestones ?? []).some((m) => m.milestone === 'done'))
    .sort((a, b) => a.shipsMonth.localeCompare(b.shipsMonth))
    .slice(0, listLimit);
}

/** Bidders whose won auction here lapsed unpaid (each a strike, unless Discord refused the offer's DM), with their record. */
export async function guildStrikes(store: DocumentStore, guildId: string): Promise<Strike[]> {
  const lapsed = await store.query(ordersCollection, {
    where: [
      ['guildId', '==', guildId],
      ['source', '==', 'auction'],
      ['status', '==', 'expired'],
    ],
    orderBy: [['expiredAt', 'desc']],
    limit: listLimit,
  });
  const byBidder = new Map<string, Strike>();
  for (const { data } of lapsed) {
    if (data.offerDmRefused === true) continue;
    const strike = byBidder.get(data.buyerId) ?? { bidderId: data.buyerId, bidderName: data.buyerName, orders: [], record: undefined };
    strike.orders.push({ orderId: data.orderId, title: data.title, expiredAt: data.expiredAt, amountCents: data.amountCents, currency: data.currency });
    byBidder.set(data.buyerId, strike);
  }
  const strikes = [...byBidder.values()];
  await Promise.all(strikes.map(async (s) => (s.record = await store.get(bidderPath(s.bidderId)))));
  return strikes;
}

/**
 * The bidders this guild's admins blocked (`/c500 block`), as the auctions keep them on the
 * guild's document (`guilds/<id>.auctions.blocked`, at most 200): one read, newest first.
 */
export async function guildBlockedBidders(store: DocumentStore, guildId: string): Promise<BlockedBidder[]> {
  const blocked = (await store.get(guildAuctionsPath(guildId)))?.auctions?.blocked ?? [];
  return [...blocked].sort((a, b) => b.blockedAt.localeCompare(a.blockedAt));
}
