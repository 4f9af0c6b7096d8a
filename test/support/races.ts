/**
 * Race lobbies as the people in them take part, against the local runtime: hosts run
 * `/race`, racers press Join, buyers pay through Stripe, Ko-fi and Shopify (each really
 * signed by the local simulators), admins run `/payout`. The clock is the test's.
 */
import type { DiscordMessage } from '../../shared/ports';
import { joinButtonId, leaveButtonId, raceLobbiesCollection, type RaceLobby } from '../../shared/races/rules/race';
import type { RacerLine } from '../../shared/races/rules/wallet';
import { racerLineOf } from '../../shared/races/rules/race-journal';
import { journalCollection } from '../../shared/journal';
import { lobbyWithPot, readWallet } from '../../shared/races/use-cases/race-balances';
import { ADMIN, buttonPress, command, snowflake, useInteractionClock, type CommandSpec } from './interactions';
import { answerOf } from './marketplace';
import { startTestRuntime, type TestRuntime } from './local-runtime';
import { TestClock } from './auctions';

export const GUILD = '900000000000000001';
export const RACE_CHANNEL = '910000000000000001';

export async function raceWorld(options: { env?: Record<string, string | undefined> } = {}): Promise<{ rt: TestRuntime; clock: TestClock; host: string }> {
  const clock = new TestClock();
  // Discord stamps interactions with its own time, which is the test's: a command made after the
  // clock moved has a token of that time (tokens expire 15 minutes after it).
  useInteractionClock(clock);
  const rt = await startTestRuntime({ clock, ...(options.env ? { env: options.env } : {}) });
  return { rt, clock, host: snowflake() };
}

/** `/race <sub> …` as an admin unless told otherwise. */
export const race = (rt: TestRuntime, userId: string, sub: string, options: CommandSpec['options'] = {}, permissions = ADMIN) =>
  answerOf(rt, command({ name: 'race', path: [sub], options, userId, permissions }));

export const wallet = (rt: TestRuntime, userId: string) => answerOf(rt, command({ name: 'wallet', userId }));

export const payout = (rt: TestRuntime, adminId: string, racerId: string, amount: number | string, extra: Record<string, string> = {}, permissions = ADMIN) =>
  answerOf(rt, command({ name: 'payout', options: { user: racerId, amount, ...extra }, userId: adminId, permissions }));

export const join = (rt: TestRuntime, userId: string, lobbyId: string): Promise<DiscordMessage> =>
  answerOf(rt, buttonPress(joinButtonId(lobbyId), userId, { channelId: RACE_CHANNEL }));
export const leave = (rt: TestRuntime, userId: string, lobbyId: string): Promise<DiscordMessage> =>
  answerOf(rt, buttonPress(leaveButtonId(lobbyId), userId, { channelId: RACE_CHANNEL }));

export async function lobbyOf(rt: TestRuntime, hostId: string): Promise<RaceLobby> {
  // Newest first, sorted here: a test's look into the store must not need an index production lacks (the store refuses it).
  const [found] = (await rt.store.query(raceLobbiesCollection, { where: [['hostId', '==', hostId]] })).sort((a, b) =>
    a.data.createdAt < b.data.createdAt ? 1 : -1,
  );
  if (!found) throw new Error(`no lobby by ${hostId}`);
  return found.data;
}

/** The lobby with its pot summed over its shards, as the overlay and the lobby message read it. */
export const lobby = async (rt: TestRuntime, lobbyId: string): Promise<RaceLobby> => (await lobbyWithPot(rt.store, lobbyId)) as RaceLobby;

/** Opens a lobby, has `racers` join it and starts the window. */
export async function racing(rt: TestRuntime, host: string, racers: string[], title = 'Friday Mario Kart'): Promise<RaceLobby> {
  await race(rt, host, 'open', { title });
  const opened = await lobbyOf(rt, host);
  for (const racer of racers) await join(rt, racer, opened.lobbyId);
  await race(rt, host, 'start');
  return lobby(rt, opened.lobbyId);
}

/** The wallet summed over its shards, as `/wallet` and `/payout` read it. */
export const walletOf = (rt: TestRuntime, racerId: string, guildId = GUILD) => readWallet(rt.store, guildId, racerId);

/** The racer's moves (credits, reversals, payouts) as the journal keeps them. */
export async function ledgerOf(rt: TestRuntime, racerId: string): Promise<RacerLine[]> {
  return (await rt.store.query(journalCollection, { where: [['personId', '==', racerId]] })).flatMap((d) => racerLineOf(d.data) ?? []);
}

type Delivery = { status: number; body: { webhook?: { status: number; text: string }; session?: { id: string } } };

async function post(rt: TestRuntime, path: string, params: Record<string, string | number> = {}): Promise<Delivery> {
  const query = new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)]));
  const res = await fetch(`${rt.url}${path}?${query}`, { method: 'POST' });
  return { status: res.status, body: (await res.json()) as Delivery['body'] };
}

/** A Ko-fi payment, delivered as Ko-fi would; `transaction` and `message` name a redelivery. */
export const kofiPayment = (rt: TestRuntime, amount: string, params: Record<string, string> = {}, guildId = GUILD) =>
  post(rt, `/_local/kofi/${guildId}/payments`, { amount, ...params });

export const shopifyPaid = (rt: TestRuntime, orderId: number, amount: string, params: Record<string, string> = {}, guildId = GUILD) =>
  post(rt, `/_local/shopify/${guildId}/orders/${orderId}/paid`, { amount, ...params });

export const shopifyRefunded = (rt: TestRuntime, orderId: number, amount: string, params: Record<string, string> = {}, guildId = GUILD) =>
  post(rt, `/_local/shopify/${guildId}/orders/${orderId}/refunds`, { amount, ...params });

/** A buyer pays a guild's merch Payment Link on Stripe; answers the session id. */
export async function stripeMerchSale(rt: TestRuntime, amount: string, params: Record<string, string> = {}, guildId = GUILD): Promise<string> {
  const opened = await post(rt, `/_local/stripe/payment-links/${guildId}`, { amount, ...params });
  const sessionId = opened.body.session?.id as string;
  const paid = await fetch(`${rt.url}/_local/stripe/sessions/${sessionId}/pay`, { method: 'POST' });
  if (!paid.ok) throw new Error(`paying the merch session answered ${paid.status}`);
  return sessionId;
}

export const stripeRefund = (rt: TestRuntime, sessionId: string, amountCents?: number) =>
  post(rt, `/_local/stripe/sessions/${sessionId}/refund`, amountCents === undefined ? {} : { amount: amountCents });

/** Every post and edit of the lobby's message, in order. */
export function lobbyMessages(rt: TestRuntime, lobbyToShow: Pick<RaceLobby, 'channelId' | 'messageId'>): DiscordMessage[] {
  return rt.outbox.entries.filter((e) => e.channelId === lobbyToShow.channelId && e.messageId === lobbyToShow.messageId).map((e) => e.message);
}

/** Lets the lobby message's edit (due at the next whole second) run now. */
export async function flushLobbyMessage(rt: TestRuntime, clock: TestClock): Promise<void> {
  await rt.settle();
  clock.advance(1_000);
  await rt.tasks.runDueNow();
  await rt.settle();
}

/** A lobby whose commission window opened at `openedAtMs` (20 %, usd, three hours), for tests that write straight to a store. */
export function racingLobby(over: { guildId: string; racers: readonly string[]; openedAtMs: number; title?: string }): RaceLobby {
  const opened = new Date(over.openedAtMs).toISOString();
  return {
    lobbyId: 'lobby001',
    guildId: over.guildId,
    channelId: '910000000000000001',
    hostId: '800000000000000001',
    title: over.title ?? 'Property race',
    status: 'racing',
    racers: over.racers.map((userId, i) => ({ userId, name: `Racer ${i + 1}` })),
    maxRacers: 8,
    createdAt: opened,
    commissionBps: 2000,
    currency: 'usd',
    windowOpenedAt: opened,
    closesBy: new Date(over.openedAtMs + 3 * 3600_000).toISOString(),
    poolCents: 0,
    salesCount: 0,
    shares: {},
  };
}
