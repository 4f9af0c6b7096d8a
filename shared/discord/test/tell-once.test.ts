/**
 * A fact is told once: when a later step of the same event fails (Discord answers 429 to the
 * next DM, and the event comes back), the people already told hear nothing twice.
 */
import { LocalDocumentStore } from '../../local/firestore/document-store';
import { DiscordOutbox, DiscordRefusal } from '../../local/discord/discord-outbox';
import { handleStripeEvent, type StripeEvent } from '../../payments';
import { orderPath, type Order } from '../../orders';
import { InMemoryAuctionBook } from '../../local/upstash/in-memory-auction-book';
import { tellOnce } from '../use-cases/direct-messages';
import { dropPath } from '../../marketplace/rules/drop';
import type { DiscordMessage, DiscordMessenger, Payments, TaskQueue } from '../../ports';
import { withPaymentModules } from '../../router/payment-wiring';
import { discordMembersOnly } from '../../../test/support/bidders';
import { anOrder } from '../../../test/support/orders';

const clock = { now: () => new Date('2026-11-23T12:00:00Z') };
const tasks: TaskQueue = { schedule: async () => 'scheduled', cancel: async () => false };
const payments = { chargeOfPayment: async (pi: string) => ({ chargeId: `ch_${pi}` }) } as unknown as Payments;

/** Discord's outbox, refusing the first DM to `userId` as a rate limit would, then taking every message. */
function rateLimitedOnce(outbox: DiscordOutbox, userId: string): DiscordMessenger {
  let refused = false;
  return {
    sendDm: async (to, message) => {
      if (to === userId && !refused) {
        refused = true;
        throw Object.assign(new Error('You are being rate limited.'), { name: 'RateLimitError', retryAfter: 3_000 });
      }
      return outbox.sendDm(to, message);
    },
    postToChannel: (channelId, message) => outbox.postToChannel(channelId, message),
    editChannelMessage: (channelId, messageId, message) => outbox.editChannelMessage(channelId, messageId, message),
    editOriginalResponse: (reply, message) => outbox.editOriginalResponse(reply, message),
    sendFollowup: (reply, message) => outbox.sendFollowup(reply, message),
  };
}

async function paidDropWorld() {
  const store = new LocalDocumentStore();
  const order: Order = anOrder({
    orderId: 'ord00001',
    sourceId: 'drop0001',
    dropKind: 'commission',
    guildId: '900000000000000001',
    title: 'Board',
    buyerId: '820000000000000001',
    builderId: '810000000000000009',
    builderName: 'B',
    amountCents: 24_000,
    platformFeeCents: 2_400,
    builderShareCents: 21_600,
    createdAt: clock.now().toISOString(),
    checkoutSessionId: 'cs_test_1',
  });
  await store.set(orderPath(order.orderId), order);
  await store.set(dropPath('drop0001'), {
    dropId: 'drop0001',
    guildId: order.guildId,
    builderId: order.builderId,
    builderName: 'B',
    title: 'Board',
    description: 'd',
    priceCents: 24_000,
    currency: 'usd',
    kind: 'commission',
    channelId: '910000000000000002',
    createdAt: order.createdAt,
  });
  const outbox = new DiscordOutbox(() => undefined, { clock });
  return { store, outbox, order };
}

const paid: StripeEvent = {
  id: 'evt_paid',
  type: 'checkout.session.completed',
  created: 1,
  data: {
    object: {
      id: 'cs_test_1',
      object: 'checkout.session',
      payment_status: 'paid',
      payment_intent: 'pi_1',
      amount_total: 24_000,
      currency: 'usd',
      metadata: { order_id: 'ord00001' },
    } as StripeEvent['data']['object'],
  },
};

describe('telling each person a fact once', () => {
  it('DMs the buyer’s receipt once when the builder’s DM is rate limited and the payment event comes back', async () => {
    const { store, outbox, order } = await paidDropWorld();
    const deps = withPaymentModules({
      bidders: discordMembersOnly,
      store,
      discord: rateLimitedOnce(outbox, order.builderId),
      tasks,
      clock,
      currency: 'usd',
      payments,
      publicBaseUrl: 'http://local',
      book: new InMemoryAuctionBook(),
      marketplace: { platformFeeBps: 1000, checkoutMinutes: 30, currency: 'usd' },
      auctions: { payMinutes: 60, secondChanceDepth: 2, strikesToBan: 2, counterBidSeconds: 10, settleMs: 2_000 },
    });
    await expect(handleStripeEvent(deps, paid)).rejects.toThrow(/rate limited/);
    await handleStripeEvent(deps, paid);
    const dms = outbox.entries.filter((e) => e.kind === 'dm');
    expect(dms.filter((e) => e.userId === order.buyerId)).toHaveLength(1);
    expect(dms.filter((e) => e.userId === order.builderId)).toHaveLength(1);
  });

  it('answers how the first telling went, so a closed-DM fallback is not lost on a redelivery', async () => {
    const { store, outbox } = await paidDropWorld();
    outbox.closeDms('820000000000000001');
    const deps = { store, discord: outbox, clock };
    const fallback = { channelId: '910000000000000002', notice: { content: '<@820000000000000001> open your DMs' } };
    expect(await tellOnce(deps, 'receipt:o1', '820000000000000001', { content: 'Receipt' }, fallback)).toBe('dms-closed');
    expect(await tellOnce(deps, 'receipt:o1', '820000000000000001', { content: 'Receipt' }, fallback)).toBe('dms-closed');
    expect(outbox.entries.filter((e) => e.kind === 'channel')).toHaveLength(1);
    expect(outbox.refused).toHaveLength(1);
  });

  it('tells a refusal that is not Discord’s 50007 as a failure to retry, and tells nothing as done', async () => {
    const { store } = await paidDropWorld();
    const failing = rateLimitedOnce(new DiscordOutbox(), 'nobody');
    failing.sendDm = async () => Promise.reject(new DiscordRefusal(500, 0, 'Internal Server Error'));
    await expect(tellOnce({ store, discord: failing, clock }, 'receipt:o2', 'u1', { content: 'Receipt' })).rejects.toThrow('Internal Server Error');
    const outbox = new DiscordOutbox();
    expect(await tellOnce({ store, discord: outbox, clock }, 'receipt:o2', 'u1', { content: 'Receipt' })).toBe('sent');
    expect(outbox.entries).toHaveLength(1);
  });
});

describe('a fact told when the process dies before it records the telling', () => {
  it('is not told twice: the retry names the same nonce, and Discord answers with the message it made', async () => {
    const { store, outbox } = await paidDropWorld();
    let now = Date.parse('2026-11-23T12:00:00Z');
    const movingClock = { now: () => new Date(now) };
    // The process dies right after Discord made the DM: the record of the telling is never written.
    let dies = true;
    const dying = new Proxy(store, {
      get(target, name, receiver) {
        if (name !== 'runTransaction') return Reflect.get(target, name, receiver) as unknown;
        return async (work: Parameters<LocalDocumentStore['runTransaction']>[0]) => {
          if (dies && outbox.entries.length > 0) {
            dies = false;
            throw new Error('the process died');
          }
          return target.runTransaction(work);
        };
      },
    });
    await expect(tellOnce({ store: dying, discord: outbox, clock: movingClock }, 'receipt:o9', 'u9', { content: 'Receipt' })).rejects.toThrow('died');
    // Its lease runs out and the redelivery tells it again, as far as it knows.
    now += 61_000;
    expect(await tellOnce({ store, discord: outbox, clock: movingClock }, 'receipt:o9', 'u9', { content: 'Receipt' })).toBe('sent');
    expect(outbox.entries.filter((e) => e.kind === 'dm')).toHaveLength(1);
  });
});

describe('a fact whose try was cut off mid-send longer ago than Discord remembers its nonce', () => {
  /** A telling cut off after Discord made the DM (its holder never hears back), then a redelivery half an hour later. */
  async function cutOffThenRetried(options: { mustArrive?: boolean }) {
    const { store } = await paidDropWorld();
    let now = Date.parse('2026-11-23T12:00:00Z');
    const movingClock = { now: () => new Date(now) };
    // Discord's nonce memory runs on the same clock: half an hour later it has forgotten.
    const outbox = new DiscordOutbox(() => undefined, { clock: movingClock });
    const cutOff: DiscordMessenger = Object.assign(Object.create(outbox) as DiscordOutbox, {
      sendDm: async (to: string, message: DiscordMessage) => {
        await outbox.sendDm(to, message);
        return new Promise<never>(() => undefined);
      },
    });
    void tellOnce({ store, discord: cutOff, clock: movingClock }, 'groupbuy-pay-link:g1:1', 'u7', { content: 'Pay here' }, undefined, options);
    for (let turn = 0; turn < 1_000 && outbox.entries.length === 0; turn += 1) await new Promise<void>((resolve) => setImmediate(resolve));
    expect(outbox.entries).toHaveLength(1);
    now += 30 * 60_000;
    const outcome = await tellOnce({ store, discord: outbox, clock: movingClock }, 'groupbuy-pay-link:g1:1', 'u7', { content: 'Pay here' }, undefined, options);
    return { outcome, dms: outbox.entries.filter((e) => e.kind === 'dm') };
  }

  it('is not sent again when a repeat costs more than a miss', async () => {
    const { outcome, dms } = await cutOffThenRetried({});
    expect(outcome).toBe('sent');
    expect(dms).toHaveLength(1);
  });

  it('is sent again when it must arrive (a pay link): a repeat costs a second look, a miss costs the buyer their place', async () => {
    const { outcome, dms } = await cutOffThenRetried({ mustArrive: true });
    expect(outcome).toBe('sent');
    expect(dms).toHaveLength(2);
  });
});

describe('where a DM went, kept to edit it later', () => {
  it('failing to be kept leaves the DM told, so a redelivery does not send a second one', async () => {
    const { store, outbox } = await paidDropWorld();
    const deps = { store, discord: outbox, clock };
    const failingKeep = async () => Promise.reject(new Error('Firestore unavailable'));
    expect(await tellOnce(deps, 'groupbuy-pay-link:g2:1', 'u8', { content: 'Pay here' }, undefined, { onSent: failingKeep })).toBe('sent');
    expect(await tellOnce(deps, 'groupbuy-pay-link:g2:1', 'u8', { content: 'Pay here' }, undefined, { onSent: failingKeep })).toBe('sent');
    expect(outbox.entries.filter((e) => e.kind === 'dm')).toHaveLength(1);
  });
});
