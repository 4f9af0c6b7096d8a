/**
 * A live auction as the people in it take part: the builder starts it, viewers bid by
 * command or button, the clock runs out and the hammer drops. Every interaction is
 * really signed; the clock is the test's, so an auction's end comes when the test says.
 */
import type { DiscordMessage } from '../../shared/ports';
import { auctionsCollection, type Auction } from '../../shared/auctions/rules/auction';
import type { OutboxEntry } from '../../shared/local/discord/discord-outbox';
import { buttonPress, command, snowflake, useInteractionClock } from './interactions';
import { answerOf, onboard, say, setUpGuild } from './marketplace';
import { startTestRuntime, type TestRuntime } from './local-runtime';

export const AUCTION_CHANNEL = '910000000000000001';

/** A clock the test moves by hand. */
export class TestClock {
  // Starts at the real time: Stripe and Twitch signatures are checked against it.
  constructor(public ms = Date.now()) {}
  now = (): Date => new Date(this.ms);
  advance(ms: number): void {
    this.ms += ms;
  }
}

export async function auctionWorld(
  options: { env?: Record<string, string | undefined> } = {},
): Promise<{ rt: TestRuntime; clock: TestClock; builder: string }> {
  const clock = new TestClock();
  useInteractionClock(clock);
  const rt = await startTestRuntime({ clock, ...(options.env ? { env: options.env } : {}) });
  const builder = snowflake();
  await setUpGuild(rt);
  await onboard(rt, builder);
  return { rt, clock, builder };
}

export const startAuction = (rt: TestRuntime, builderId: string, options: Record<string, string | number | boolean> = {}) =>
  say(rt, builderId, { path: ['auction', 'start'], options: { item: 'Tofu65 in e-white', price: 25, duration: '2m', ...options } });

export async function liveAuction(rt: TestRuntime, builderId: string): Promise<Auction> {
  // Newest first, sorted here: a test's look into the store must not need an index production lacks (the store refuses it).
  const [found] = (await rt.store.query(auctionsCollection, { where: [['builderId', '==', builderId]] })).sort((a, b) =>
    a.data.startedAt < b.data.startedAt ? 1 : -1,
  );
  if (!found) throw new Error(`no auction by ${builderId}`);
  return found.data;
}

export function bidCommand(userId: string, amount: number | string, extra: Record<string, string | number> = {}) {
  const interaction = command({ name: 'bid', options: { amount, ...extra }, userId });
  return interaction;
}

export const bid = (rt: TestRuntime, userId: string, amount: number | string, extra: Record<string, string | number> = {}) =>
  answerOf(rt, bidCommand(userId, amount, extra));

export const pressBid = (rt: TestRuntime, userId: string, customId: string) => answerOf(rt, buttonPress(customId, userId, { channelId: AUCTION_CHANNEL }));

/** Every post and edit of the auction's embed, in order. */
export function embedHistory(rt: TestRuntime, auction: Pick<Auction, 'channelId' | 'messageId'>): OutboxEntry[] {
  return rt.outbox.entries.filter((e) => e.channelId === auction.channelId && e.messageId === auction.messageId);
}

export function latestEmbed(rt: TestRuntime, auction: Pick<Auction, 'channelId' | 'messageId'>): DiscordMessage {
  const last = embedHistory(rt, auction).pop();
  if (!last) throw new Error('the auction embed was never posted');
  return last.message;
}

/** The custom ids of the embed's bid buttons: next minimum, +2 steps, +5 steps. */
export function bidButtons(message: DiscordMessage): Array<{ label: string; customId: string }> {
  const rows = (message.components ?? []) as Array<{ components: Array<{ label: string; custom_id?: string }> }>;
  return rows
    .flatMap((r) => r.components)
    .filter((c) => c.custom_id)
    .map((c) => ({ label: c.label, customId: c.custom_id as string }));
}

/** Runs the clock to the auction's hammer (its end as the book has it, plus the stream delay) and settle window, and lets the hammer task fire. */
export async function runToHammer(rt: TestRuntime, clock: TestClock, auctionId: string): Promise<void> {
  const board = (await (await fetch(`${rt.url}/overlay/auction/${auctionId}`)).json()) as { hammerAt: string };
  clock.ms = Math.max(clock.ms, Date.parse(board.hammerAt) + rt.config.auctions.settleMs);
  await rt.settle();
  await rt.tasks.runDueNow();
  await rt.settle();
}
