/**
 * `/c500 order release order:<id>`: a server's admin lets a proved order's held last payout go
 * without its delivery. The admin's word is recorded on the order before the release is asked
 * for; anyone else, another server's order, and an order with nothing held are refused with
 * words and change nothing.
 */
import { LocalDocumentStore } from '../../local/firestore/document-store';
import { DiscordOutbox } from '../../local/discord/discord-outbox';
import { orderPath, type Order } from '../../orders';
import { releaseByHand } from '../use-cases/release-by-hand';
import { ADMIN, command } from '../../../test/support/interactions';
import { anOrder } from '../../../test/support/orders';

const guildId = '900000000000000001';
const adminId = '800000000000000001';
const proof = { kind: 'clip' as const, url: 'https://clips.twitch.tv/C1', provedAt: '2026-11-21T12:00:00.000Z' };

async function world(over: Partial<Order> = {}) {
  const store = new LocalDocumentStore();
  const discord = new DiscordOutbox();
  const clock = { now: () => new Date('2026-11-22T12:00:00.000Z') };
  const asked: string[] = [];
  await store.set(orderPath('gate0001'), anOrder({ orderId: 'gate0001', guildId, status: 'shipped', lastPayoutAt: 'delivery', proof, ...over }));
  const deps = { store, discord, clock, releaseWaiting: async (orderId: string) => void asked.push(orderId) };
  const release = (orderId = 'gate0001', permissions = ADMIN, userId = adminId) =>
    command({ name: 'order', path: ['release'], options: { order: orderId }, permissions, userId });
  return {
    asked,
    release,
    run: (interaction = release()) => releaseByHand(deps, interaction),
    order: async () => (await store.get(orderPath('gate0001'))) as Order,
    dmsTo: (userId: string) => discord.entries.filter((e) => e.kind === 'dm' && e.userId === userId).map((e) => String(e.message.content)),
  };
}

describe('an admin releasing a held payout by hand', () => {
  it('records who released it and when, asks for the release, and tells the builder once', async () => {
    const w = await world();
    const answer = await w.run();
    expect((await w.order()).payoutFreed).toMatchObject({ byUserId: adminId, at: '2026-11-22T12:00:00.000Z' });
    expect(w.asked).toEqual(['gate0001']);
    expect(answer.content).toContain('no longer waits for its delivery, recorded with your name');
    expect(w.dmsTo('builder')).toEqual([expect.stringContaining('A server admin released the last payout of')]);
  });

  it('asks for the release again when the same command is delivered again, and tells the builder nothing more', async () => {
    const w = await world();
    const once = w.release();
    await w.run(once);
    const again = await w.run(once);
    expect(again.content).toContain('recorded with your name');
    expect(w.asked).toEqual(['gate0001', 'gate0001']);
    expect(w.dmsTo('builder')).toHaveLength(1);
  });

  it('says who released it already when another admin asks again', async () => {
    const w = await world();
    await w.run();
    const answer = await w.run(w.release('gate0001', ADMIN, '800000000000000002'));
    expect(answer.content).toContain(`was released by hand by <@${adminId}>`);
    expect(w.asked).toEqual(['gate0001']);
  });

  it('refuses a member who is not an admin, and changes nothing', async () => {
    const w = await world();
    const answer = await w.run(w.release('gate0001', '0', 'builder'));
    expect(answer.content).toContain('Only server admins can release a held payout');
    expect((await w.order()).payoutFreed).toBeUndefined();
    expect(w.asked).toEqual([]);
  });

  it('answers an order of another server as no such order', async () => {
    const w = await world({ guildId: '900000000000000099' });
    expect((await w.run()).content).toBe('There is no order `gate0001` in this server.');
    expect((await w.order()).payoutFreed).toBeUndefined();
  });

  it('refuses an order not yet proved on stream, one sold before the gate, and one already paid out', async () => {
    expect((await (await world({ status: 'paid', proof: null })).run()).content).toContain(
      'only an order its builder proved on stream has a last payout waiting',
    );
    const soldBefore = await world({ lastPayoutAt: undefined });
    expect((await soldBefore.run()).content).toContain('was sold before payouts waited for delivery');
    const paidOut = await world({ payouts: { builder: { transferId: 'tr_1' } } });
    expect((await paidOut.run()).content).toContain('last payout has left already');
    expect(paidOut.asked).toEqual([]);
    expect(soldBefore.asked).toEqual([]);
  });

  it('refuses what is not an order id', async () => {
    const w = await world();
    expect((await w.run(w.release('no such thing!'))).content).toContain('is not an order id');
  });
});
