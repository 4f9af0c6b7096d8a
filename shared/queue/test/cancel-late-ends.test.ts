/**
 * What a late cancel leaves: the order is `closed` (refunded in part, never to be shipped),
 * so it leaves the builder's to-ship list and CSV and its address is erased after
 * `C500_ADDRESS_DAYS`; and a tranche fixed but not yet answered by Stripe is not counted as
 * the builder's: the cancel waits for Stripe's answer, and the buyer is told to press again.
 */
import { LocalDocumentStore } from '../../local/firestore/document-store';
import { DiscordOutbox } from '../../local/discord/discord-outbox';
import { LocalPayments } from '../../local/stripe/payments';
import { orderPath, type Order } from '../../orders';
import { isToShip } from '../../dashboard/rules/shipping-views';
import { addressErasableAtMs } from '../../marketplace/rules/delivery';
import { cancelLate } from '../use-cases/cancel-late';
import { placed } from './queue-fixtures';
import { paidCharge } from '../../../test/support/payment-deps';
import { dmButtonPress } from '../../../test/support/interactions';

let nowIso = '2026-11-22T12:00:00Z';
const clock = { now: () => new Date(nowIso) };
const buyer = '830000000000000001';
const address = { name: 'B', line1: '1 Main St', city: 'Springfield', postalCode: '12345', country: 'US' };

async function world(fields: Partial<Order> = {}) {
  const store = new LocalDocumentStore();
  const discord = new DiscordOutbox();
  const payments = new LocalPayments({ store, baseUrl: 'http://local', clock, sendEvent: async () => undefined });
  nowIso = '2026-11-22T12:00:00Z';
  const { paymentIntentId, chargeId } = await paidCharge(payments, 'order1');
  nowIso = '2026-12-20T12:00:00Z';
  const order: Order = placed(1, {
    buyerId: buyer,
    amountCents: 25_000,
    platformFeeCents: 2_500,
    builderShareCents: 22_500,
    paymentIntentId,
    chargeId,
    shippingAddress: address as Order['shippingAddress'],
    ...fields,
  });
  await store.set(orderPath('order1'), order);
  const deps = { store, discord, payments, clock, freeSlot: async () => undefined };
  return { deps, payments, order: async () => (await store.get(orderPath('order1'))) as Order };
}

describe('a commission cancelled late', () => {
  it('is closed: out of the builder’s to-ship list, its address erased after the address period', async () => {
    const w = await world();
    await cancelLate(w.deps, dmButtonPress('qcancel:order1', buyer));
    const order = await w.order();
    expect(order.status).toBe('closed');
    expect(isToShip(order)).toBe(false);
    expect(addressErasableAtMs(order, 30)).toBe(Date.parse('2026-12-20T12:00:00Z') + 30 * 86_400_000);
  });

  it('with a tranche fixed and not yet answered by Stripe, waits: nothing is refunded or cancelled, and the buyer is told to press again', async () => {
    const inFlight = { milestone: 'parts-in' as const, idempotencyKey: 'tranche:order1:parts-in', amountCents: 6_750 };
    const w = await world();
    await w.deps.store.update(orderPath('order1'), { commission: { ...(await w.order()).commission!, advances: [inFlight] } });
    const answer = await cancelLate(w.deps, dmButtonPress('qcancel:order1', buyer));
    expect(answer.content).toMatch(/being sent to the builder.*press \*\*Cancel and refund\*\* again/);
    const order = await w.order();
    expect(order.commission?.ended).toBeUndefined();
    expect(order.givenRefunds ?? []).toEqual([]);
    expect(order.status).toBe('paid');
  });
});
