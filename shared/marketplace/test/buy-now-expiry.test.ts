/**
 * A Buy Now press opens a checkout and arms the task that expires it: without that task a
 * checkout Stripe never expires (or whose expiry is lost) holds its unit for good. A press
 * delivered again after the process died between the two finds the session recorded.
 */
import { LocalDocumentStore } from '../../local/firestore/document-store';
import { buyNow } from '../use-cases/buy-now';
import { shortIdFrom } from '../../common';
import { orderPath } from '../../orders';
import type { ScheduledTask, TaskQueue } from '../../ports';
import { CHANNEL, buyNowDeps, builderWithDrop, orderOnTheDrop } from './buy-now-fixtures';
import { buttonPress } from '../../../test/support/interactions';

const BUYER = '800000000000000002';

async function world() {
  const store = new LocalDocumentStore();
  await builderWithDrop(store, 'commission');
  const scheduled: ScheduledTask[] = [];
  const tasks: TaskQueue = { schedule: async (task) => (scheduled.push(task), 'scheduled'), cancel: async () => false };
  return { store, scheduled, deps: buyNowDeps(store, tasks) };
}

describe('a Buy Now press delivered again', () => {
  it('arms the expiry of the checkout its first delivery recorded before dying, and opens no other', async () => {
    const { store, scheduled, deps } = await world();
    const press = buttonPress('buy:drop1', BUYER, { channelId: CHANNEL });
    const orderId = shortIdFrom(`order:${press.id}`);
    // The first delivery reserved, opened and recorded the session; the process died before its expiry task was made.
    const recorded = orderOnTheDrop(orderId, BUYER, {
      dropKind: 'commission',
      checkoutSessionId: 'cs_1',
      checkoutUrl: 'https://checkout.stripe.com/c/pay/cs_1',
      checkoutExpiresAt: '2026-11-22T12:30:00Z',
    });
    await store.set(orderPath(orderId), recorded);

    const answer = await buyNow(deps, press);
    expect(JSON.stringify(answer)).toContain(orderId);
    // Armed before reserving and again from the recorded session: one named task (Cloud Tasks keeps the first of a name).
    expect(new Set(scheduled.map((t) => t.name))).toEqual(new Set([`expire-${orderId}`]));
    expect(scheduled.map((t) => t.runAt.toISOString())).toContain('2026-11-22T12:30:00.000Z');
  });
});
