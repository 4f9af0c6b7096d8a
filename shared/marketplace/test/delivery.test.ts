/**
 * After `/c500 ship`: the buyer's Received button (only the buyer's press counts, a press
 * delivered again is answered as the first), the delivery window after which nobody's
 * confirmation is needed, and the erasure of the address once the order is done with.
 */
import { LocalDocumentStore } from '../../local/firestore/document-store';
import { DiscordOutbox } from '../../local/discord/discord-outbox';
import { orderPath, type Order } from '../../orders';
import { confirmReceived } from '../use-cases/confirm-received';
import { sweepOrders } from '../use-cases/sweep-orders';
import { addressErasableAtMs, deliveryTimedOut, judgeReceivedPress, orderIdFromReceived, receivedButtonId } from '../rules/delivery';
import { buttonPress, dmButtonPress } from '../../../test/support/interactions';
import { giveOrderAnAddress, sampleAddress } from '../../../test/support/shipping-address';
import { anOrder } from '../../../test/support/orders';

const day = 86_400_000;
const shippedAt = Date.parse('2026-10-01T12:00:00Z');
const GUILD = '900000000000000001';
const buyer = '820000000000000001';
const builder = '810000000000000001';
const delivery = { deliveryDays: 30, addressDays: 90 };

const shippedOrder = (over: Partial<Order> = {}): Order =>
  anOrder({
    orderId: 'ship-0001',
    sourceId: 'drop-1',
    dropKind: 'commission',
    guildId: GUILD,
    title: 'Lavender 65%',
    buyerId: buyer,
    buyerName: 'Bo Buyer',
    builderId: builder,
    builderName: 'Dee Builder',
    amountCents: 24_000,
    platformFeeCents: 2_400,
    builderShareCents: 21_600,
    status: 'shipped',
    createdAt: new Date(shippedAt - 5 * day).toISOString(),
    shippedAt: new Date(shippedAt).toISOString(),
    tracking: '1Z999AA10123456784',
    carrier: 'ups',
    awaitingReceipt: true,
    ...over,
  });

async function world(order = shippedOrder(), nowMs = shippedAt + day) {
  const store = new LocalDocumentStore();
  await store.set(orderPath(order.orderId), order);
  await giveOrderAnAddress(store, order.orderId);
  const clock = { ms: nowMs, now: () => new Date(clock.ms) };
  const released: string[] = [];
  return { store, discord: new DiscordOutbox(), clock, released, releaseWaiting: async (orderId: string) => void released.push(orderId) };
}

describe('the Received button', () => {
  it('reads only custom ids that are exactly received:<order id>', () => {
    expect(orderIdFromReceived(receivedButtonId('ship-0001'))).toBe('ship-0001');
    for (const bad of ['received:', 'received:AB', 'received:ship 0001', 'received:../x', 'buy:ship-0001', `received:${'a'.repeat(41)}`, 'xreceived:ship-0001'])
      expect(orderIdFromReceived(bad)).toBeUndefined();
  });

  it('GIVEN the buyer presses it in their DM THEN the order is received now, by the buyer, and the builder is told once', async () => {
    const deps = await world();
    const answer = await confirmReceived(deps, dmButtonPress(receivedButtonId('ship-0001'), buyer));
    expect(answer.content).toMatch(/marked received/);
    expect(answer.flags).toBe(64);
    const order = await deps.store.get(orderPath('ship-0001'));
    expect(order).toMatchObject({ receivedAt: new Date(shippedAt + day).toISOString(), receivedBy: 'buyer', awaitingReceipt: false });
    expect(deps.discord.entries.filter((e) => e.kind === 'dm' && e.userId === builder)).toHaveLength(1);
  });

  it('GIVEN another member presses it THEN they are refused privately, the order is unchanged and nobody is told', async () => {
    const deps = await world();
    for (const press of [dmButtonPress(receivedButtonId('ship-0001'), '820000000000000077'), buttonPress(receivedButtonId('ship-0001'), builder)]) {
      const answer = await confirmReceived(deps, press);
      expect(answer.content).toMatch(/Only the buyer of this order/);
      expect(answer.flags).toBe(64);
    }
    expect((await deps.store.get(orderPath('ship-0001')))?.receivedAt).toBeUndefined();
    expect(deps.discord.entries).toEqual([]);
  });

  it('refuses an unknown order as it refuses someone else’s: the answer tells nothing about whose it is', async () => {
    const deps = await world();
    const unknown = await confirmReceived(deps, dmButtonPress(receivedButtonId('nope-0001'), buyer));
    const other = await confirmReceived(deps, dmButtonPress(receivedButtonId('ship-0001'), '820000000000000077'));
    expect(unknown).toEqual(other);
  });

  it('GIVEN the same press delivered again, or pressed twice THEN the order is received once and the builder told once', async () => {
    const deps = await world();
    const press = dmButtonPress(receivedButtonId('ship-0001'), buyer);
    const first = await confirmReceived(deps, press);
    deps.clock.ms += 60_000;
    expect(await confirmReceived(deps, press)).toEqual(first);
    const again = await confirmReceived(deps, dmButtonPress(receivedButtonId('ship-0001'), buyer));
    expect(again.content).toMatch(/is marked received/);
    expect((await deps.store.get(orderPath('ship-0001')))?.receivedAt).toBe(new Date(shippedAt + day).toISOString());
    expect(deps.discord.entries.filter((e) => e.kind === 'dm')).toHaveLength(1);
  });

  it('GIVEN an order not shipped yet THEN its buyer is told there is nothing to confirm', async () => {
    const deps = await world(shippedOrder({ status: 'building', shippedAt: undefined, awaitingReceipt: undefined }));
    expect((await confirmReceived(deps, dmButtonPress(receivedButtonId('ship-0001'), buyer))).content).toMatch(/not shipped/);
  });

  it('GIVEN a press from a server channel THEN only the order’s own server counts', () => {
    expect(judgeReceivedPress(shippedOrder(), buyer, '900000000000000077')).toEqual({ kind: 'refused', reason: 'not-found' });
    expect(judgeReceivedPress(shippedOrder(), buyer, GUILD)).toEqual({ kind: 'confirm' });
  });
});

describe('the delivery window', () => {
  it('counts a shipped, unconfirmed order received once C500_DELIVERY_DAYS have passed, not a millisecond before', () => {
    expect(deliveryTimedOut(shippedOrder(), shippedAt + 30 * day - 1, 30)).toBe(false);
    expect(deliveryTimedOut(shippedOrder(), shippedAt + 30 * day, 30)).toBe(true);
    expect(deliveryTimedOut(shippedOrder({ receivedAt: new Date(shippedAt).toISOString() }), shippedAt + 40 * day, 30)).toBe(false);
    expect(deliveryTimedOut(shippedOrder({ status: 'refunded' }), shippedAt + 40 * day, 30)).toBe(false);
  });

  it('GIVEN the sweep after 30 days THEN an unconfirmed order is received by timeout, once, however often it runs', async () => {
    const deps = await world(shippedOrder(), shippedAt + 30 * day);
    expect((await sweepOrders({ ...deps, delivery })).received).toEqual(['ship-0001']);
    expect(await deps.store.get(orderPath('ship-0001'))).toMatchObject({
      receivedBy: 'timeout',
      receivedAt: new Date(shippedAt + 30 * day).toISOString(),
      awaitingReceipt: false,
    });
    deps.clock.ms += day;
    expect((await sweepOrders({ ...deps, delivery })).received).toEqual([]);
    expect((await deps.store.get(orderPath('ship-0001')))?.receivedAt).toBe(new Date(shippedAt + 30 * day).toISOString());
  });

  it('GIVEN a sweep before the window ends THEN nothing changes', async () => {
    const deps = await world(shippedOrder(), shippedAt + 29 * day);
    expect(await sweepOrders({ ...deps, delivery })).toEqual({ received: [], erased: [], released: [], paidOut: [], failed: [] });
    expect((await deps.store.get(orderPath('ship-0001')))?.awaitingReceipt).toBe(true);
  });
});

describe('the address’s erasure', () => {
  const receivedAt = shippedAt + 3 * day;

  it('is due C500_ADDRESS_DAYS after receipt, or after a full refund, and never while the order is still on its way', () => {
    const address = { shippingAddress: sampleAddress };
    expect(addressErasableAtMs({ ...shippedOrder(), ...address, receivedAt: new Date(receivedAt).toISOString() }, 90)).toBe(receivedAt + 90 * day);
    expect(addressErasableAtMs({ ...shippedOrder({ status: 'refunded', refundedAt: new Date(receivedAt).toISOString() }), ...address }, 90)).toBe(
      receivedAt + 90 * day,
    );
    expect(addressErasableAtMs({ ...shippedOrder(), ...address }, 90)).toBeUndefined();
    expect(addressErasableAtMs({ ...shippedOrder({ receivedAt: new Date(receivedAt).toISOString() }), shippingAddress: null }, 90)).toBeUndefined();
  });

  it('waits while a dispute on the order is open (its evidence is built from the address), and is due again once it closes', () => {
    const received = { ...shippedOrder({ receivedAt: new Date(receivedAt).toISOString() }), shippingAddress: sampleAddress };
    const dispute = { disputeId: 'dp_1', amountCents: 100, reason: 'product_not_received', openedAt: new Date(receivedAt).toISOString() };
    expect(addressErasableAtMs({ ...received, dispute: { ...dispute, state: 'open' } }, 90)).toBeUndefined();
    expect(addressErasableAtMs({ ...received, dispute: { ...dispute, state: 'won' } }, 90)).toBe(receivedAt + 90 * day);
    expect(addressErasableAtMs({ ...received, dispute: { ...dispute, state: 'lost' } }, 90)).toBe(receivedAt + 90 * day);
  });

  it('GIVEN 90 days after receipt THEN the sweep erases the address (null, with when), once; a day before, it is kept', async () => {
    const deps = await world(
      shippedOrder({ receivedAt: new Date(receivedAt).toISOString(), receivedBy: 'buyer', awaitingReceipt: false }),
      receivedAt + 90 * day - 1,
    );
    expect((await sweepOrders({ ...deps, delivery })).erased).toEqual([]);
    expect((await deps.store.get(orderPath('ship-0001')))?.shippingAddress).toEqual(sampleAddress);
    deps.clock.ms += 1;
    expect((await sweepOrders({ ...deps, delivery })).erased).toEqual(['ship-0001']);
    const erased = await deps.store.get(orderPath('ship-0001'));
    expect(erased).toMatchObject({ shippingAddress: null, addressErasedAt: new Date(receivedAt + 90 * day).toISOString() });
    deps.clock.ms += day;
    expect((await sweepOrders({ ...deps, delivery })).erased).toEqual([]);
    expect((await deps.store.get(orderPath('ship-0001')))?.addressErasedAt).toBe(erased?.addressErasedAt);
  });

  it('GIVEN an order refunded on its way 90 days ago THEN its address is erased and it leaves the delivery sweep', async () => {
    const refundedAt = new Date(shippedAt + day).toISOString();
    const deps = await world(shippedOrder({ status: 'refunded', refundedAt }), shippedAt + 91 * day);
    expect(await sweepOrders({ ...deps, delivery })).toEqual({ received: [], erased: ['ship-0001'], released: [], paidOut: [], failed: [] });
    expect(await deps.store.get(orderPath('ship-0001'))).toMatchObject({ shippingAddress: null, awaitingReceipt: false });
  });
});
