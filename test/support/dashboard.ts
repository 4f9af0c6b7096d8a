/**
 * The web dashboard as a browser meets it, against the local runtime: signing in through the
 * local Discord's authorize page by following redirects only (as the checks do), a
 * jar of one cookie, pages and CSVs fetched as that browser, forms posted with the CSRF
 * token the page gave. And a world to look at: a builder's orders made through really signed
 * interactions and Stripe's stand-in, a race with sales, a member and a Twitch login blocked
 * by the server's admin, and what shows and lapsed auctions leave in the store (written as the
 * code writes them).
 */
import { docPath, type DocumentData } from '../../shared/ports';
import { hostPayoutPath, type HostPayout } from '../../shared/payments';
import { chargeEntry, transferEntry } from '../../shared/orders';
import { journalPath } from '../../shared/journal';
import { orderPath, ordersCollection, type Order } from '../../shared/orders';
import { auctionPath, bidderPath, type Auction } from '../../shared/auctions';
import { showPath, type Show } from '../../shared/shows';
import { answerOf, linkTwitch, onboard, paidOrder, postDrop, pressBuyNow, say, setUpGuild, streamEvent, textOf } from './marketplace';
import { ADMIN, command } from './interactions';
import { kofiPayment, racing, stripeMerchSale } from './races';
import type { TestRuntime } from './local-runtime';
import { anOrder } from './orders';

export interface DiscordPerson {
  userId: string;
  username?: string;
  adminGuilds?: string[];
  memberGuilds?: string[];
}

export interface SignedIn {
  /** `__session=…`, to send as the Cookie header. */
  cookie: string;
  /** Every Set-Cookie the sign-in answered with, in order. */
  setCookies: string[];
  /** Where the first page sent the browser, and the callback link Discord sent it to. */
  authorizeUrl: string;
  callbackUrl: string;
  /** The cookie the browser held while it was away at Discord (the sign-in's nonce). */
  signInCookie: string;
  landedOn: string;
}

const cookiePart = (setCookie: string) => setCookie.split(';')[0] as string;

export async function get(rt: TestRuntime, path: string, cookie?: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(path.startsWith('http') ? path : `${rt.url}${path}`, { redirect: 'manual', headers: { ...(cookie ? { cookie } : {}), ...headers } });
}

export async function post(
  rt: TestRuntime,
  path: string,
  cookie: string | undefined,
  form: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${rt.url}${path}`, {
    method: 'POST',
    redirect: 'manual',
    body: new URLSearchParams(form).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}), ...headers },
  });
}

/** Opens `path` signed out, goes through the local Discord's authorize page as `who`, and comes back signed in. */
export async function signIn(rt: TestRuntime, who: DiscordPerson, path = '/dashboard'): Promise<SignedIn> {
  const first = await get(rt, path);
  if (first.status !== 302 && first.status !== 303) throw new Error(`${path} signed out answered ${first.status}`);
  const authorizeUrl = new URL(first.headers.get('location') as string, rt.url).toString();
  const signInSetCookie = first.headers.get('set-cookie') as string;
  const authorize = new URL(authorizeUrl);
  authorize.searchParams.set('user_id', who.userId);
  authorize.searchParams.set('username', who.username ?? `user${who.userId.slice(-4)}`);
  authorize.searchParams.set('admin_guilds', (who.adminGuilds ?? []).join(','));
  if (who.memberGuilds) authorize.searchParams.set('member_guilds', who.memberGuilds.join(','));
  const atDiscord = await get(rt, authorize.toString());
  if (atDiscord.status !== 302) throw new Error(`the authorize page answered ${atDiscord.status}: ${await atDiscord.text()}`);
  const callbackUrl = atDiscord.headers.get('location') as string;
  const back = await get(rt, callbackUrl, cookiePart(signInSetCookie));
  if (back.status !== 303) throw new Error(`the callback answered ${back.status}: ${await back.text()}`);
  const sessionSetCookie = back.headers.get('set-cookie') as string;
  return {
    cookie: cookiePart(sessionSetCookie),
    setCookies: [signInSetCookie, sessionSetCookie],
    authorizeUrl,
    callbackUrl,
    signInCookie: cookiePart(signInSetCookie),
    landedOn: back.headers.get('location') as string,
  };
}

/** The CSRF token a page's forms carry. */
export function csrfOf(html: string): string {
  const token = /name="csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!token) throw new Error('the page has no form with a CSRF token');
  return token;
}

/** A CSV split into rows of cells (quoted cells kept whole), the header first. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const endCell = () => {
    row.push(cell);
    cell = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted && c === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (c === '"') quoted = !quoted;
    else if (quoted || (c !== ',' && c !== '\n' && c !== '\r')) cell += c;
    else if (c === ',') endCell();
    else if (c === '\n') {
      endCell();
      rows.push(row);
      row = [];
    }
  }
  if (cell !== '' || row.length > 0) {
    endCell();
    rows.push(row);
  }
  return rows;
}

export const GUILD = '900000000000000001';
export const OTHER_GUILD = '900000000000000077';

export interface DashboardWorld {
  builder: string;
  otherBuilder: string;
  buyer: string;
  host: string;
  racers: string[];
  striker: string;
  /** Blocked from the server's auctions by its admin: the striker by member, and this Twitch login. */
  blockedLogin: string;
  orders: { released: Order; awaiting: string; old: Order; lot: Order };
  /** Secrets that must never show: a buyer's e-mail, a bidder's max. */
  secrets: { email: string; maxAmount: string };
}

const at = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString();

/** A builder with released, waiting and unpaid orders; a race with sales; a host's show with a cut owed by hand; a lapsed win; an overdue proof. */
export async function dashboardWorld(rt: TestRuntime): Promise<DashboardWorld> {
  const w = {
    builder: '810000000000000101',
    otherBuilder: '810000000000000102',
    buyer: '820000000000000101',
    host: '810000000000000103',
    striker: '820000000000000199',
  };
  const racers = ['830000000000000101', '830000000000000102'];
  await setUpGuild(rt);
  await onboard(rt, w.builder);
  await onboard(rt, w.otherBuilder);
  await linkTwitch(rt, w.builder, 'dashkeebs');
  const released = await paidOrder(rt, w.builder, w.buyer, { title: 'Lavender 65%' });
  await paidOrder(rt, w.builder, w.buyer, { title: 'Brass TKL', price: '310' });
  await streamEvent(rt, 'dashkeebs', 'online');
  await say(rt, w.builder, { path: ['live'], options: { mode: `order:${released.orderId}` } });
  const { drop } = await postDrop(rt, w.builder, { title: 'Seafoam 60%', price: '180' });
  await pressBuyNow(rt, w.buyer, drop?.dropId as string);
  await racing(rt, '800000000000000001', racers, 'Dashboard Cup');
  await kofiPayment(rt, '40.00');
  await stripeMerchSale(rt, '25.00');
  await rt.settle();
  const blockedLogin = 'sniper_bot99';
  await blockBidder(rt, 'block', { member: w.striker });
  await blockBidder(rt, 'block', { twitch: blockedLogin });
  const seeded = await seedStore(rt, w);
  const mine = (await rt.store.query(ordersCollection, { where: [['buyerId', '==', w.buyer]] })).map((d) => d.data);
  return {
    ...w,
    racers,
    blockedLogin,
    orders: {
      released: mine.find((o) => o.orderId === released.orderId) ?? released,
      awaiting: mine.find((o) => o.status === 'awaiting-payment')?.orderId as string,
      old: seeded.old,
      lot: seeded.lot,
    },
    secrets: { email: 'buyer.secret@example.com', maxAmount: '7,777.77' },
  };
}

/** `/c500 block` or `unblock` by the server's admin, as Discord sends it (a member is a USER option, type 6); answers what the admin read. */
export async function blockBidder(
  rt: TestRuntime,
  sub: 'block' | 'unblock',
  who: { member: string } | { twitch: string },
  adminId = '800000000000000001',
): Promise<string> {
  const interaction = command({ name: 'c500', path: [sub], options: who, userId: adminId, permissions: ADMIN });
  const leaf = interaction.data?.options?.[0]?.options?.[0];
  if (leaf && 'member' in who) leaf.type = 6;
  const answer = textOf(await answerOf(rt, interaction));
  if (!/blocked|unblocked/i.test(answer)) throw new Error(`/c500 ${sub} answered: ${answer}`);
  return answer;
}

/** The people the seeded store names. */
type SeededPeople = { builder: string; otherBuilder: string; buyer: string; host: string; striker: string };

/** What a show, a lapsed auction and an old unproven order leave in the store. */
async function seedStore(rt: TestRuntime, w: SeededPeople) {
  const old = seededOrder(w, { orderId: 'old-proof-0001', title: 'Overdue Alice 40%' });
  const auction = showLotAuction(w);
  const lot = showLotOrder(w, auction);
  const show = endedShow(w, auction);
  const payout = hostCutOwed(w, lot, show);
  const lapsed = seededOrder(w, {
    orderId: 'lapsed-0001',
    source: 'auction',
    sourceId: 'lapsedauct1',
    dropKind: 'auction',
    buyerId: w.striker,
    buyerName: 'Sly Striker',
    title: 'Lapsed lot',
    status: 'expired',
    expiredAt: at(1),
    paidAt: undefined,
  });
  await rt.store.set(orderPath(old.orderId), old);
  await rt.store.set(orderPath(lot.orderId), lot);
  await rt.store.set(orderPath(lapsed.orderId), lapsed);
  // Their money as the payments module journals it: every figure a page shows is folded from these.
  const entries = [chargeEntry(old, at(10)), chargeEntry(lot, at(3)), transferEntry(lot, 'tr_seeded', 9_000, at(2), 'builder')];
  for (const entry of entries) if (entry) await rt.store.set(journalPath(entry.entryId), entry);
  // What must never show: a buyer's e-mail on an order, a bidder's max in the bid history.
  await rt.store.set(docPath<DocumentData>(`orders/${old.orderId}`), { ...old, buyerEmail: 'buyer.secret@example.com' });
  await rt.store.set(docPath<DocumentData>(`auctions/${auction.auctionId}/history/0000`), {
    auctionId: auction.auctionId,
    chunk: 0,
    bids: [{ bidderId: w.striker, amountCents: 11_000, maxCents: 777_777 }],
  });
  await rt.store.set(auctionPath(auction.auctionId), auction);
  await rt.store.set(showPath(show.showId), show);
  await rt.store.set(hostPayoutPath(payout.orderId), payout);
  await rt.store.set(bidderPath(w.striker), { bidderId: w.striker, strikes: 2, strikeOrders: ['lapsed-0001', 'elsewhere'], banned: true, bannedAt: at(1) });
  return { old, lot };
}

/** A paid commission of the other builder's, bought ten days ago, unless `over` says otherwise. */
function seededOrder(w: SeededPeople, over: Partial<Order> & Pick<Order, 'orderId'>): Order {
  return anOrder({
    sourceId: 'drop-seeded',
    dropKind: 'commission',
    guildId: GUILD,
    title: 'Seeded board',
    buyerId: w.buyer,
    buyerName: 'Bo Buyer',
    builderId: w.otherBuilder,
    builderName: 'Other Builder',
    amountCents: 10_000,
    platformFeeCents: 1_000,
    builderShareCents: 9_000,
    status: 'paid',
    createdAt: at(10),
    paidAt: at(10),
    ...over,
  });
}

/** The show's first lot, sold to the buyer and paid, the striker runner-up. */
function showLotAuction(w: SeededPeople): Auction {
  return {
    auctionId: 'lotauction01',
    guildId: GUILD,
    channelId: '910000000000000001',
    builderId: w.builder,
    builderName: 'Dash Builder',
    item: 'Show lot: Jade keycaps',
    currency: 'usd',
    startCents: 5_000,
    reserveCents: 0,
    counterBidSeconds: 10,
    suddenDeath: false,
    settleMs: 2_000,
    ladder: [],
    startedAt: at(3),
    endsAt: at(3),
    status: 'paid',
    bidCount: 7,
    winner: { bidderId: w.buyer, bidderName: 'Bo Buyer', priceCents: 12_000 },
    runnerUps: [{ bidderId: w.striker, bidderName: 'Sly Striker', topCents: 11_000, atMs: 1 }],
    show: { showId: 'showdash01', lotId: 'lot1', hostId: w.host, hostName: 'Hana Host', hostCutBps: 1_500 },
  };
}

/** The lot's order, being built: the builder paid by transfer, the host's cut released by hand. */
function showLotOrder(w: SeededPeople, auction: Auction): Order {
  return seededOrder(w, {
    orderId: 'lot-order-0001',
    source: 'auction',
    sourceId: auction.auctionId,
    dropKind: 'auction',
    builderId: w.builder,
    builderName: 'Dash Builder',
    title: auction.item,
    amountCents: 12_000,
    platformFeeCents: 1_200,
    hostCutCents: 1_800,
    builderShareCents: 9_000,
    status: 'building',
    showId: 'showdash01',
    hostId: w.host,
    hostName: 'Hana Host',
    createdAt: at(3),
    paidAt: at(3),
    payouts: {
      builder: { transferId: 'tr_seeded', releasedAt: at(2) },
      host: { via: 'manual', releasedAt: at(2) },
    },
  });
}

/** The host's ended show: the auctioned lot done, a deskmat skipped. */
function endedShow(w: SeededPeople, auction: Auction): Show {
  return {
    showId: 'showdash01',
    guildId: GUILD,
    channelId: '910000000000000001',
    hostId: w.host,
    hostName: 'Hana Host',
    title: 'Friday night keebs',
    currency: 'usd',
    status: 'ended',
    lots: [
      {
        lotId: 'lot1',
        builderId: w.builder,
        builderName: 'Dash Builder',
        item: auction.item,
        startCents: 5_000,
        durationSeconds: 60,
        reserveCents: 0,
        suddenDeath: false,
        addedAt: at(4),
        state: 'done',
        auctionId: auction.auctionId,
      },
      {
        lotId: 'lot2',
        builderId: w.builder,
        builderName: 'Dash Builder',
        item: 'Unsold deskmat',
        startCents: 3_000,
        durationSeconds: 60,
        reserveCents: 0,
        suddenDeath: false,
        addedAt: at(4),
        state: 'skipped',
        skippedBecause: 'the show ended first',
      },
    ],
    hostCutBps: 1_500,
    gapSeconds: 10,
    createdAt: at(4),
    startedAt: at(3),
    step: 3,
  };
}

/** The host's cut of the lot, owed by hand: the host has no account to transfer to. */
function hostCutOwed(w: SeededPeople, lot: Order, show: Show): HostPayout {
  return {
    orderId: lot.orderId,
    showId: show.showId,
    guildId: GUILD,
    hostId: w.host,
    hostName: 'Hana Host',
    amountCents: 1_800,
    currency: 'usd',
    status: 'owed',
    reason: 'no-account',
    releasedCents: 1_800,
    createdAt: at(2),
  };
}
