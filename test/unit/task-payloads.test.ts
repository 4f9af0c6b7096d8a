/**
 * A task is written by the use case that schedules it and read by the function its queue
 * calls. The two must agree on every id the product makes, or the hammer, the race close
 * and the checkout expiry would be refused (and, a malformed task never being retried,
 * lost). Each pair is checked here over the ids as they are really made.
 */
import fc from 'fast-check';
import type { ScheduledTask, TaskQueue } from '../../shared/ports';
import { shortIdFrom } from '../../shared/common';
import { parseEmbedTask, parseHammerTask, scheduleEmbedEdit, scheduleHammer } from '../../shared/auctions/use-cases/auction-tasks';
import { parseLobbyTask, parseRaceMessageTask, scheduleRaceClose, scheduleRaceMessage } from '../../shared/races/use-cases/race-tasks';
import { parseChatRepliesTask, scheduleChatReplies } from '../../shared/chatbids/use-cases/chat-replies-task';
import { parseCheckoutExpiry, scheduleCheckoutExpiry } from '../../shared/payments/use-cases/expire-checkout';
import { showCheckoutId as showCheckoutIdOf, showCheckoutKind } from '../../shared/shows/rules/show-checkout';
import { taskTarget } from '../../shared/registry';

class RecordingQueue implements TaskQueue {
  readonly tasks: ScheduledTask[] = [];
  async schedule(task: ScheduledTask): Promise<'scheduled'> {
    this.tasks.push(task);
    return 'scheduled';
  }
  async cancel(): Promise<boolean> {
    return false;
  }
}

/** A payload as it crosses the queue: JSON, then parsed by the function its route belongs to. */
const delivered = (task: ScheduledTask): unknown => JSON.parse(JSON.stringify(task.payload));
const interactionIds = fc.bigInt({ min: 10n ** 17n, max: 2n ** 63n - 1n }).map(String);
const routeOf = (name: string) => taskTarget(name).route;

describe('task payloads', () => {
  it('reads back every hammer and trailing embed edit an auction schedules', async () => {
    await fc.assert(
      fc.asyncProperty(interactionIds, fc.nat({ max: 10_000 }), fc.nat({ max: 60_000 }), async (interactionId, version, behindMs) => {
        const queue = new RecordingQueue();
        const auctionId = shortIdFrom(`auction:${interactionId}`);
        await scheduleHammer(queue, { auctionId, version }, { endsAtMs: Date.now(), finalCallMs: 10_000, settleMs: 2_000 });
        await scheduleEmbedEdit(queue, { auctionId, behindMs }, Date.now());
        const [hammer, finalCall, embed] = queue.tasks as [ScheduledTask, ScheduledTask, ScheduledTask];
        expect(parseHammerTask(delivered(hammer))).toEqual({ auctionId, version });
        expect(parseHammerTask(delivered(finalCall))).toEqual({ auctionId, version, call: 'final-call' });
        expect(parseEmbedTask(delivered(embed))).toEqual({ auctionId, behindMs });
        expect([hammer.target, finalCall.target, embed.target]).toEqual([routeOf('auctionClose'), routeOf('auctionClose'), routeOf('auctionEmbed')]);
      }),
      { numRuns: 200 },
    );
  });

  it('reads back every race close and lobby message edit a race schedules', async () => {
    await fc.assert(
      fc.asyncProperty(interactionIds, async (interactionId) => {
        const queue = new RecordingQueue();
        const lobbyId = shortIdFrom(`race:${interactionId}`);
        await scheduleRaceClose(queue, lobbyId, Date.now() + 60_000);
        await scheduleRaceMessage({ tasks: queue, clock: { now: () => new Date() } }, lobbyId);
        const [close, message] = queue.tasks as [ScheduledTask, ScheduledTask];
        expect(parseLobbyTask(delivered(close))).toEqual({ lobbyId });
        expect(parseRaceMessageTask(delivered(message))).toEqual({ lobbyId, dueAtMs: message.runAt.getTime() });
        expect(queue.tasks.map((t) => t.target)).toEqual([routeOf('raceClose'), routeOf('raceMessage')]);
      }),
      { numRuns: 200 },
    );
  });

  it('reads back every chat reply a channel schedules, with the second it is due', async () => {
    await fc.assert(
      fc.asyncProperty(fc.bigInt({ min: 1n, max: 10n ** 20n - 1n }).map(String), fc.nat({ max: 10 ** 9 }), async (broadcasterId, atMs) => {
        const queue = new RecordingQueue();
        await scheduleChatReplies(queue, broadcasterId, Date.now() + atMs);
        const [task] = queue.tasks as [ScheduledTask];
        expect(parseChatRepliesTask(delivered(task))).toEqual({ broadcasterId, dueAtMs: task.runAt.getTime() });
        expect(task.target).toBe(routeOf('chatReplies'));
      }),
      { numRuns: 200 },
    );
  });

  it('reads back the expiry of every Buy Now and auction order checkout', async () => {
    await fc.assert(
      fc.asyncProperty(interactionIds, fc.nat({ max: 8 }), async (interactionId, rank) => {
        const queue = new RecordingQueue();
        for (const orderId of [shortIdFrom(`order:${interactionId}`), shortIdFrom(`auction-order:${shortIdFrom(`auction:${interactionId}`)}:${rank}`)]) {
          const expiresAt = new Date(Date.now() + 1_800_000).toISOString();
          await scheduleCheckoutExpiry(queue, { orderId }, expiresAt);
          expect(parseCheckoutExpiry(delivered(queue.tasks.at(-1) as ScheduledTask))).toEqual({ orderId, dueAtMs: Date.parse(expiresAt) });
        }
        expect(queue.tasks.every((t) => t.target === routeOf('checkoutExpiry'))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('reads back the expiry of every show winner’s checkout', async () => {
    await fc.assert(
      fc.asyncProperty(interactionIds, interactionIds, fc.nat({ max: 20 }), async (showSeed, buyerId, round) => {
        const queue = new RecordingQueue();
        const showCheckoutId = showCheckoutIdOf(shortIdFrom(`show:${showSeed}`), buyerId, '800000000000000021', round);
        const expiresAt = new Date(Date.now() + 1_800_000).toISOString();
        await scheduleCheckoutExpiry(queue, { checkoutKind: showCheckoutKind, checkoutId: showCheckoutId }, expiresAt);
        const [task] = queue.tasks as [ScheduledTask];
        expect(parseCheckoutExpiry(delivered(task))).toEqual({ checkoutKind: showCheckoutKind, checkoutId: showCheckoutId, dueAtMs: Date.parse(expiresAt) });
        expect(task.name).toBe(`expire-show-checkout-${showCheckoutId}`);
        expect(task.target).toBe(routeOf('checkoutExpiry'));
      }),
      { numRuns: 200 },
    );
  });

  it.each([
    ['a hammer task', parseHammerTask, { auctionId: '../x', version: 1 }],
    ['an embed edit', parseEmbedTask, { auctionId: 'abcd1234', behindMs: 'soon' }],
    ['a lobby task', parseLobbyTask, { lobbyId: 'ABCD1234' }],
    ['a checkout expiry', parseCheckoutExpiry, { orderId: 'a/b' }],
    ['a show checkout expiry', parseCheckoutExpiry, { showCheckoutId: 'ABCD1234' }],
    ['a checkout expiry naming both kinds', parseCheckoutExpiry, { orderId: 'abcd1234', showCheckoutId: 'abcd1234' }],
    ['a checkout expiry naming an order and a checkout', parseCheckoutExpiry, { orderId: 'abcd1234', checkoutKind: 'show-checkout', checkoutId: 'abcd1234' }],
    ['a checkout expiry of a kind no module could name', parseCheckoutExpiry, { checkoutKind: 'Show Checkout', checkoutId: 'abcd1234' }],
    ['a checkout expiry due at no time', parseCheckoutExpiry, { orderId: 'abcd1234', dueAtMs: 'at the deadline' }],
    ['a checkout expiry due before 1970', parseCheckoutExpiry, { orderId: 'abcd1234', dueAtMs: -1 }],
  ] as const)('refuses %s no use case would write', (_what, parse, payload) => {
    expect(parse(payload)).toBeUndefined();
  });
});
