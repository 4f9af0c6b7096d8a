/**
 * `/c500 ship` with a tracking number typed by hand starts the carrier's tracker, so the
 * carrier's webhooks move the order; `other` starts none, and a carrier that refuses leaves the
 * order shipped and the buyer told all the same.
 */
import { LocalDocumentStore } from '../../local/firestore/document-store';
import { DiscordOutbox } from '../../local/discord/discord-outbox';
import { orderPath, type Order } from '../../orders';
import type { Carrier } from '../../ports';
import { shipOrder } from '../use-cases/ship-order';
import { anOrder } from '../../../test/support/orders';
import { command } from '../../../test/support/interactions';

const builder = '810000000000000077';
const buyer = '820000000000000077';

async function world(track: Carrier['track']) {
  const store = new LocalDocumentStore();
  const discord = new DiscordOutbox();
  const asked: Array<[string, string]> = [];
  const carrier = {
    track: async (code: string, name: string) => {
      asked.push([code, name]);
      return track(code, name);
    },
  };
  await store.set(orderPath('ship-0077'), anOrder({ orderId: 'ship-0077', guildId: '900000000000000001', builderId: builder, buyerId: buyer, status: 'paid' }));
  const ship = (options: Record<string, string>, userId = builder) =>
    shipOrder({ store, discord, clock: { now: () => new Date('2026-11-23T10:00:00Z') }, carrier }, command({ name: 'c500', path: ['ship'], options, userId }));
  const order = async () => (await store.get(orderPath('ship-0077'))) as Order;
  const buyerDms = () => discord.entries.filter((e) => e.kind === 'dm' && e.userId === buyer);
  return { ship, order, asked, buyerDms };
}

const tracker = async (code: string, carrier: string) => ({ id: 'trk_1', trackingCode: code, carrier, status: 'pre_transit' as const });

it('GIVEN a known carrier’s number THEN the carrier is asked to follow it, under its EasyPost name', async () => {
  const w = await world(tracker);
  await w.ship({ order: 'ship-0077', tracking: '1Z999AA1 0123456784', carrier: 'ups' });
  expect(w.asked).toEqual([['1Z999AA10123456784', 'UPS']]);
  expect((await w.order()).status).toBe('shipped');
});

it('GIVEN another carrier’s reference THEN no tracker is started', async () => {
  const w = await world(tracker);
  await w.ship({ order: 'ship-0077', tracking: 'Local courier 42', carrier: 'other' });
  expect(w.asked).toEqual([]);
  expect((await w.order()).status).toBe('shipped');
});

it('GIVEN a carrier that refuses THEN the order is shipped and the buyer told all the same', async () => {
  const w = await world(async () => {
    throw Object.assign(new Error('TRACKER.TRACKING_CODE.INVALID'), { statusCode: 422 });
  });
  const answer = await w.ship({ order: 'ship-0077', tracking: '1Z999AA10123456784', carrier: 'ups' });
  expect(String(answer.content)).toContain('marked shipped');
  expect((await w.order()).status).toBe('shipped');
  expect(w.buyerDms()).toHaveLength(1);
});

it('GIVEN someone not the order’s builder THEN nothing ships and no tracker is started', async () => {
  const w = await world(tracker);
  const answer = await w.ship({ order: 'ship-0077', tracking: '1Z999AA10123456784', carrier: 'ups' }, '810000000000000099');
  expect(String(answer.content)).not.toContain('marked shipped');
  expect(w.asked).toEqual([]);
  expect((await w.order()).status).toBe('paid');
});
