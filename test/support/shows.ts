/**
 * A show as the people in it run it: an admin hosts, partner builders add lots, viewers bid,
 * and the run goes on by itself or by the host's buttons. Every interaction is really
 * signed; the clock is the test's, so hammers and gaps come when the test says.
 */
import type { DiscordMessage } from '../../shared/ports';
import type { Interaction } from '../../shared/discord';
import { auctionPath, type Auction } from '../../shared/auctions';
import { lotButtonId, runSheetButtonId, showChannelPath, showPath, type LotAction, type RunSheetAction, type Show } from '../../shared/shows/rules/show';
import { ADMIN, buttonPress, snowflake, useInteractionClock } from './interactions';
import { answerOf, onboard, say, setUpGuild } from './marketplace';
import { AUCTION_CHANNEL, runToHammer, TestClock } from './auctions';
import { startTestRuntime, type TestRuntime } from './local-runtime';

/** Shows run in the channel commands come from by default. */
export const SHOW_CHANNEL = AUCTION_CHANNEL;

export interface ShowWorld {
  rt: TestRuntime;
  clock: TestClock;
  /** A server admin, who hosts. */
  host: string;
  /** Two onboarded partner builders. */
  builders: [string, string];
}

export async function showWorld(options: { env?: Record<string, string | undefined> } = {}): Promise<ShowWorld> {
  const clock = new TestClock();
  useInteractionClock(clock);
  const rt = await startTestRuntime({ clock, ...(options.env ? { env: options.env } : {}) });
  const host = snowflake();
  const builders: [string, string] = [snowflake(), snowflake()];
  await setUpGuild(rt);
  for (const builder of builders) await onboard(rt, builder);
  return { rt, clock, host, builders };
}

export const createShow = (rt: TestRuntime, host: string, title = 'Friday night keebs') =>
  say(rt, host, { path: ['show', 'create'], options: { title }, permissions: ADMIN });

export const addLot = (rt: TestRuntime, builder: string, options: Record<string, string | number | boolean> = {}) =>
  say(rt, builder, { path: ['show', 'add'], options: { item: 'Tofu65 in e-white', price: 25, duration: '45s', ...options } });

export const startShow = (rt: TestRuntime, host: string) => say(rt, host, { path: ['show', 'start'], permissions: ADMIN });

/** A press on the run sheet (or a lot's button) in the show's channel; an admin's when `admin`. */
export function showPress(customId: string, userId: string, admin = false): Interaction {
  const press = buttonPress(customId, userId, { channelId: SHOW_CHANNEL });
  return admin && press.member ? { ...press, member: { ...press.member, permissions: ADMIN } } : press;
}

export const pressRunSheet = (rt: TestRuntime, userId: string, show: Show, action: RunSheetAction, admin = false) =>
  answerOf(rt, showPress(runSheetButtonId(show.showId, action), userId, admin));

export const pressLot = (rt: TestRuntime, userId: string, show: Show, action: LotAction, lotId: string, admin = false) =>
  answerOf(rt, showPress(lotButtonId(show.showId, action, lotId), userId, admin));

/** The channel's show as the store holds it now. */
export async function theShow(rt: TestRuntime, channelId = SHOW_CHANNEL): Promise<Show> {
  const pointer = await rt.store.get(showChannelPath(channelId));
  const show = pointer && (await rt.store.get(showPath(pointer.showId)));
  if (!show) throw new Error(`no show in ${channelId}`);
  return show;
}

/** The auction of the show's lot number `n` (from 1), once it went up. */
export async function lotAuction(rt: TestRuntime, n: number): Promise<Auction> {
  const lot = (await theShow(rt)).lots[n - 1];
  const auction = lot?.auctionId && (await rt.store.get(auctionPath(lot.auctionId)));
  if (!auction) throw new Error(`lot ${n} has not gone up`);
  return auction;
}

export const lotStates = async (rt: TestRuntime) => (await theShow(rt)).lots.map((l) => l.state);

/** Runs the live lot to its hammer. */
export async function hammerLot(rt: TestRuntime, clock: TestClock, n: number): Promise<Auction> {
  await runToHammer(rt, clock, (await lotAuction(rt, n)).auctionId);
  return rt.store.get(auctionPath((await lotAuction(rt, n)).auctionId)) as Promise<Auction>;
}

/** Waits out the show's gap (and a second more for the run sheet's edit), running what came due. */
export async function waitOutGap(rt: TestRuntime, clock: TestClock, seconds = 10): Promise<void> {
  clock.advance(seconds * 1000 + 1000);
  await rt.tasks.runDueNow();
  await rt.settle();
  await rt.tasks.runDueNow();
  await rt.settle();
}

/** Every post and edit of the run sheet, in order; the last is what the channel shows. */
export function runSheetNow(rt: TestRuntime, show: Pick<Show, 'channelId' | 'messageId'>): DiscordMessage {
  const entries = rt.outbox.entries.filter((e) => e.channelId === show.channelId && e.messageId === show.messageId);
  const last = entries.pop();
  if (!last) throw new Error('the run sheet was never posted');
  return last.message;
}
