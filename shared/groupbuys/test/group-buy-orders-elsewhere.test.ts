/**
 * A group buy's order is typed a commission (its tranches and its promise), yet came from no
 * drop and has no place in a queue: everywhere a commission's order is looked up by its
 * `sourceId` (a drop's slot given back at a late cancel, a drop's channel for a buyer whose DMs
 * are closed) or by its place (`/c500 queue delay`), it is handled as the group buy's.
 */
import type { Drop } from '../../marketplace';
import { freeSlot } from '../../marketplace';
import { cancelLate, checkLate, delayPlace, parseLateCheck } from '../../queue';
import { orderPath, type Order } from '../../orders';
import { docPath } from '../../ports';
import { orderChannelOf } from '../../router/marketplace-wiring';
import { buttonPress, command, useInteractionClock } from '../../../test/support/interactions';
import { closeTaskOf } from '../rules/charge-tasks';
import { closeGroupBuy } from '../use-cases/close-group-buy';
import { BUILDER, CHANNEL, GUILD, buyer, closeWorld, type CloseWorld } from './close-world';

/** A drop that happens to bear the group buy's id (drops and group buys draw ids apart): nothing of a group buy may touch it. */
const sameIdDrop = docPath<Drop>('drops/gb65');

async function charged(): Promise<{ w: CloseWorld; order: Order }> {
  const w = await closeWorld();
  useInteractionClock({ now: w.now });
  const groupBuy = await w.seed({ moq: 1, pledges: [{ buyerId: buyer(1) }] });
  await closeGroupBuy(w.deps, closeTaskOf(groupBuy).payload);
  await w.runCharging();
  const [order] = await w.orders();
  return { w, order: order as Order };
}

/** The end of the ship month passed: the late check run as its task would. */
async function pastShipMonth(w: CloseWorld): Promise<void> {
  const check = parseLateCheck(w.scheduled.find((t) => t.queue === 'commission-late')?.payload);
  w.advance(Date.parse('2027-07-01T00:00:00Z') - w.now().getTime());
  await checkLate({ ...w.deps, orderChannel: orderChannelOf(w.store) }, check as NonNullable<typeof check>);
}

describe('a group buy’s order where a commission’s is looked up by its source', () => {
  it('gives no slot back to a drop at the buyer’s late cancel, though one bears the group buy’s id', async () => {
    const { w, order } = await charged();
    const drop = {
      dropId: 'gb65',
      guildId: GUILD,
      builderId: BUILDER,
      builderName: 'Maker',
      title: 'Another board',
      description: '',
      priceCents: 10_000,
      currency: 'usd',
      kind: 'commission',
      commission: { slots: 2, leadWeeks: 4, oneAtATime: false, tranches: [] },
      stock: 2,
      stockAvailable: 0,
      channelId: CHANNEL,
      createdAt: '2026-11-01T00:00:00.000Z',
    } satisfies Drop;
    await w.store.set(sameIdDrop, drop);
    await pastShipMonth(w);
    const answer = await cancelLate(
      { ...w.deps, freeSlot: (orderId) => freeSlot(w.deps, orderId) },
      buttonPress(`qcancel:${order.orderId}`, buyer(1), { guildId: GUILD }),
    );
    expect(answer.content).toContain(`Cancelled: your order **Tofu65 case** (\`${order.orderId}\`) from Maker’s group buy`);
    expect(await w.store.get(sameIdDrop)).toEqual(drop);
    expect((await w.store.get(orderPath(order.orderId)))?.stockReturned).toBeUndefined();
    expect(w.dmsTo(BUILDER).at(-1)).toBe(`member 1 cancelled their late group buy order \`${order.orderId}\` (**Tofu65 case**): $125.00 was refunded.`);
  });

  it('tells a buyer whose DMs are closed in the group buy’s channel, and its builder without a queue command', async () => {
    const { w, order } = await charged();
    w.discord.closeDms(buyer(1));
    await pastShipMonth(w);
    const notice = w.discord.entries.find((e) => e.kind === 'channel' && e.message.content?.includes('passed the end of its ship month'));
    expect(notice).toMatchObject({ channelId: CHANNEL });
    expect(notice?.message.content).toContain(`your group buy order \`${order.orderId}\``);
    const [builderNotice] = w.dmsTo(BUILDER).filter((m) => m.includes('without `done`'));
    expect(builderNotice).toContain('from your group buy passed the end of its ship month');
    expect(builderNotice).not.toContain('/c500 queue');
  });

  it('is refused by /c500 queue delay with why, its ship month’s end kept', async () => {
    const { w, order } = await charged();
    const answer = await delayPlace(
      { ...w.deps, orderChannel: orderChannelOf(w.store) },
      command({ name: 'c500', path: ['queue', 'delay'], options: { order: order.orderId, weeks: 2, reason: 'parts late' }, userId: BUILDER, guildId: GUILD }),
    );
    expect(answer.content).toContain(`Order \`${order.orderId}\` is from your group buy`);
    expect((await w.store.get(orderPath(order.orderId)))?.commission).toMatchObject({ promisedAt: '2027-06-30T23:59:59.999Z' });
    expect((await w.store.get(orderPath(order.orderId)))?.commission?.delay).toBeUndefined();
  });
});
