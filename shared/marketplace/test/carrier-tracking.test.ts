/**
 * The carrier's tracking moving a shipped order, end to end in process: the carrier stand-in
 * signs its webhook, the ingress checks it through the official client's `validateWebhook` and
 * publishes, and the subscriber moves the parcel. Redelivered, reordered and forged events
 * change nothing twice, as the other webhooks' tests hold.
 */
import { LocalDocumentStore } from '../../local/firestore/document-store';
import { DiscordOutbox } from '../../local/discord/discord-outbox';
import { LocalCarrier } from '../../local/carrier/world';
import { easyPostBody, easyPostSignature } from '../../local/carrier/webhook-sender';
import type { EpEvent } from '../../local/carrier/objects';
import { createEasyPostCarrier } from '../../adapters/easypost/easypost-carrier';
import { orderPath, type Order } from '../../orders';
import { guildFraudSettingsPath } from '../../payments';
import type { EventPublisher, TrackingStatus } from '../../ports';
import { acceptCarrierWebhook, parseCarrierEventMessage } from '../use-cases/accept-carrier-webhook';
import { trackParcel } from '../use-cases/track-parcel';
import { anOrder } from '../../../test/support/orders';
import { currentStripeWork, type StripeWork } from '../../stripe-work';

const webhookSecret = 'carrier-webhook-secret';
const admin = '830000000000000001';
const trackingCode = 'EZ5000000042';

function setup() {
  let now = new Date('2026-11-22T12:00:00Z');
  const clock = { now: () => now };
  const store = new LocalDocumentStore();
  const discord = new DiscordOutbox();
  const world = new LocalCarrier({ clock, labelBaseUrl: () => 'http://127.0.0.1:1/labels', sendEvent: () => undefined });
  // Only readWebhook is used: no request reaches the client's base URL.
  const carrier = createEasyPostCarrier({ apiKey: 'unused', webhookSecret, baseUrl: 'http://127.0.0.1:1/v2/' });
  const published: unknown[] = [];
  const publisher: EventPublisher = { publish: async (_topic, data) => (published.push(data), `m${published.length}`) };
  const freed: string[] = [];
  const works: StripeWork[] = [];
  const deps = { store, discord, clock, releaseWaiting: async (orderId: string) => void (freed.push(orderId), works.push(currentStripeWork())) };
  const deliver = async (event: EpEvent, secret = webhookSecret) => {
    const body = easyPostBody(event);
    const answer = await acceptCarrierWebhook(
      { headers: { 'x-hmac-signature': easyPostSignature(body, secret) }, body: Buffer.from(body) },
      { readWebhook: carrier.readWebhook, publisher },
    );
    const message = published.pop();
    return { answer, outcome: message === undefined ? undefined : await trackParcel(deps, parseCarrierEventMessage(JSON.parse(JSON.stringify(message)))!) };
  };
  const move = (status: TrackingStatus) => {
    now = new Date(now.getTime() + 60 * 60 * 1000);
    return world.advance(trackingCode, status);
  };
  const order = async () => (await store.get(orderPath('o1'))) as Order;
  const dmsTo = (userId: string) => discord.entries.filter((e) => e.kind === 'dm' && e.userId === userId).map((e) => String(e.message.content));
  world.createTracker({ tracking_code: trackingCode, carrier: 'USPS' });
  return { store, world, deliver, move, order, dmsTo, published, freed, works };
}

async function shippedOrder(store: LocalDocumentStore, over: Partial<Order> = {}) {
  await store.set(
    orderPath('o1'),
    anOrder({ status: 'shipped', tracking: trackingCode, carrier: 'usps', shippedAt: '2026-11-22T12:00:00Z', awaitingReceipt: true, ...over }),
  );
  await store.set(guildFraudSettingsPath('g1'), { configuredBy: admin });
}

describe('the carrier’s tracking on a shipped order', () => {
  it('moves the parcel to in transit, out for delivery and delivered, telling the buyer at the last two', async () => {
    const t = setup();
    await shippedOrder(t.store);
    for (const status of ['in_transit', 'out_for_delivery', 'delivered'] as const) expect((await t.deliver(t.move(status))).outcome).toBe('moved');
    expect((await t.order()).parcel).toEqual({ status: 'delivered', at: '2026-11-22T15:00:00.000Z', deliveredAt: '2026-11-22T15:00:00.000Z' });
    expect(t.dmsTo('buyer')).toEqual([expect.stringContaining('is out for delivery today'), expect.stringContaining('was delivered')]);
  });

  it('changes nothing twice when the same event is delivered again', async () => {
    const t = setup();
    await shippedOrder(t.store);
    const delivered = t.move('delivered');
    await t.deliver(delivered);
    const before = await t.order();
    expect((await t.deliver(delivered)).outcome).toBe('stale');
    expect(await t.order()).toEqual(before);
    expect(t.dmsTo('buyer')).toHaveLength(1);
  });

  it('takes no older event that arrives after a newer one', async () => {
    const t = setup();
    await shippedOrder(t.store);
    const outForDelivery = t.move('out_for_delivery');
    const delivered = t.move('delivered');
    await t.deliver(delivered);
    expect((await t.deliver(outForDelivery)).outcome).toBe('stale');
    expect((await t.order()).parcel?.status).toBe('delivered');
    expect(t.dmsTo('buyer')).toEqual([expect.stringContaining('was delivered')]);
  });

  it('refuses a forged webhook with 401 and publishes nothing', async () => {
    const t = setup();
    await shippedOrder(t.store);
    const { answer, outcome } = await t.deliver(t.move('delivered'), 'not-the-secret');
    expect(answer).toEqual({ status: 401, text: 'invalid X-Hmac-Signature' });
    expect(outcome).toBeUndefined();
    expect((await t.order()).parcel).toBeUndefined();
  });

  it('ignores a tracker for no order, and an order not shipped', async () => {
    const t = setup();
    expect((await t.deliver(t.move('in_transit'))).outcome).toBe('no-order');
    await shippedOrder(t.store, { status: 'refunded' });
    expect((await t.deliver(t.move('delivered'))).outcome).toBe('no-order');
    expect((await t.order()).parcel).toBeUndefined();
  });

  it('tells the builder and the server’s admin, once each, when the parcel goes back to the sender', async () => {
    const t = setup();
    await shippedOrder(t.store);
    const returned = t.move('return_to_sender');
    await t.deliver(returned);
    await t.deliver(returned);
    expect((await t.order()).parcel?.status).toBe('returned');
    expect(t.dmsTo('builder')).toEqual([expect.stringContaining('is being returned to the sender')]);
    expect(t.dmsTo(admin)).toEqual([expect.stringContaining('press **Reship** to buy a new label for the same order')]);
    expect(t.dmsTo('buyer')).toEqual([]);
  });

  it('answers 200 to an event it does not follow, publishing nothing', async () => {
    const t = setup();
    const tracker = t.world.trackerByCode(trackingCode)!;
    const { answer, outcome } = await t.deliver({ ...t.world.sentEvents()[0]!, description: 'batch.updated' as 'tracker.updated', result: tracker });
    expect(answer).toEqual({ status: 200, text: 'ignored' });
    expect(outcome).toBeUndefined();
  });
});

describe('a delivered parcel and the order’s held last payout', () => {
  const proved = { lastPayoutAt: 'delivery' as const, proof: { kind: 'clip' as const, url: 'https://clips.twitch.tv/C1', provedAt: '2026-11-21T12:00:00Z' } };

  it('asks for the held last payout when the carrier says delivered, as the buyer’s Received does', async () => {
    const t = setup();
    await shippedOrder(t.store, proved);
    await t.deliver(t.move('in_transit'));
    expect(t.freed).toEqual([]);
    await t.deliver(t.move('delivered'));
    expect(t.freed).toEqual(['o1']);
  });

  it('GIVEN a delivered scan frees the held last payout THEN its transfer goes as batch work, leaving the Stripe budget’s reserve to a person’s press', async () => {
    const t = setup();
    await shippedOrder(t.store, proved);
    const delivered = t.move('delivered');
    await t.deliver(delivered);
    await t.deliver(delivered);
    expect(t.freed).toEqual(['o1', 'o1']);
    expect(t.works).toEqual(['batch', 'batch']);
  });

  it('asks again on a redelivered delivered event, so a release a crash cut short is finished (the release itself goes once)', async () => {
    const t = setup();
    await shippedOrder(t.store, proved);
    const delivered = t.move('delivered');
    await t.deliver(delivered);
    expect((await t.deliver(delivered)).outcome).toBe('stale');
    expect(t.freed).toEqual(['o1', 'o1']);
  });

  it('asks nothing once the builder’s release has gone', async () => {
    const t = setup();
    await shippedOrder(t.store, { ...proved, payouts: { builder: { transferId: 'tr_1' } } });
    await t.deliver(t.move('delivered'));
    expect(t.freed).toEqual([]);
  });

  it('frees nothing for a parcel returned to its sender or lost', async () => {
    const t = setup();
    await shippedOrder(t.store, proved);
    await t.deliver(t.move('in_transit'));
    await t.deliver(t.move('return_to_sender'));
    expect((await t.order()).parcel?.status).toBe('returned');
    expect(t.freed).toEqual([]);
  });

  it('frees nothing for an order sold before the gate, which its proof released', async () => {
    const t = setup();
    await shippedOrder(t.store, { proof: proved.proof });
    await t.deliver(t.move('delivered'));
    expect(t.freed).toEqual([]);
  });
});
