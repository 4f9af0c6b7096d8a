/**
 * `/c500 refund` end to end, through really signed interactions, the local Stripe (which
 * makes each refund and sends a signed `charge.refunded` back through the webhook) and the
 * outbox.
 */
import { journalMoneyOf } from '../support/orders';
import type { Drop } from '../../shared/marketplace';
import { dropWithStock } from '../../shared/marketplace/use-cases/drop-stock';
import { builderPartOfRefund } from '../../shared/orders';
import { ADMIN, command } from '../support/interactions';
import { startTestRuntime, type TestRuntime } from '../support/local-runtime';
import {
  answerOf,
  dmsTo,
  linkIn,
  linkTwitch,
  onboard,
  order,
  ordersOf,
  paidOrder,
  pay,
  postDrop,
  pressBuyNow,
  say,
  setUpGuild,
  streamEvent,
  textOf,
  shipAndReceive,
} from '../support/marketplace';

let rt: TestRuntime;
const builder = '812000000000000001';
const buyer = '822000000000000001';
const admin = '802000000000000001';

beforeAll(async () => {
  rt = await startTestRuntime();
  await setUpGuild(rt, admin);
  await onboard(rt, builder);
  await linkTwitch(rt, builder, 'refundkeebs');
  await streamEvent(rt, 'refundkeebs', 'online');
});
afterAll(() => rt.close());

const refund = (userId: string, options: Record<string, string | number>, extra: { permissions?: string; guildId?: string } = {}) =>
  say(rt, userId, { path: ['refund'], options, ...extra });

async function localRefunds(): Promise<Array<{ amount: number; metadata: Record<string, string> }>> {
  return ((await (await fetch(`${rt.url}/_local/stripe/refunds`)).json()) as { refunds: [] }).refunds;
}

async function transferOf(orderId: string): Promise<{ amount: number; amount_reversed: number }> {
  const { transfers } = (await (await fetch(`${rt.url}/_local/stripe/transfers`)).json()) as {
    transfers: Array<{ amount: number; amount_reversed: number; metadata: Record<string, string> }>;
  };
  const found = transfers.find((t) => t.metadata.order_id === orderId);
  if (!found) throw new Error(`no transfer for ${orderId}`);
  return found;
}

describe('/c500 refund before the release', () => {
  it('lets the builder refund part and then the rest: two refunds at Stripe, the unit back on sale, the buyer told each time', async () => {
    const { drop } = await postDrop(rt, builder, { kind: 'ready-to-ship 1', title: 'Refundable board' });
    await pay(rt, linkIn(await pressBuyNow(rt, buyer, drop!.dropId)));
    const [paid] = (await ordersOf(rt, buyer)).filter((o) => o.sourceId === drop!.dropId);
    expect((await dropWithStock(rt.store, drop!.dropId))?.stockAvailable).toBe(0);

    expect(textOf(await refund(builder, { order: paid!.orderId, amount: 40, reason: 'Two keycaps were <@1> scratched @everyone' }))).toContain(
      'Refunded $40.00',
    );
    expect(await order(rt, paid!.orderId)).toMatchObject({ status: 'paid', refundedCents: 4_000 });
    const rest = textOf(await refund(builder, { order: paid!.orderId }));
    expect(rest).toContain('Refunded $200.00');
    expect(rest).toContain('Its unit goes back on sale');

    const made = (await localRefunds()).filter((r) => r.metadata.order_id === paid!.orderId);
    expect(made.map((r) => r.amount).reverse()).toEqual([4_000, 20_000]);
    expect(await order(rt, paid!.orderId)).toMatchObject({ status: 'refunded', refundedCents: 24_000, stockReturned: true });
    expect(((await dropWithStock(rt.store, drop!.dropId)) as Drop).stockAvailable).toBe(1);
    const told = dmsTo(rt, buyer)
      .map(textOf)
      .filter((t) => t.includes(paid!.orderId) && t.includes('refunded'));
    expect(told).toEqual([expect.stringContaining('$40.00'), expect.stringContaining('$200.00')]);
    expect(told[0]).toContain('“Two keycaps were 1 scratched everyone”');
    expect(textOf(await refund(builder, { order: paid!.orderId }))).toContain('already refunded in full');
  });

  it('refunds once when Discord delivers the same interaction twice', async () => {
    const paid = await paidOrder(rt, builder, buyer, { title: 'Twice-sent refund' });
    const interaction = command({ name: 'c500', path: ['refund'], options: { order: paid.orderId, amount: 10 }, userId: builder });
    expect(textOf(await answerOf(rt, interaction))).toContain('Refunded $10.00');
    await rt.sendInteraction(interaction);
    await rt.settle();
    expect((await localRefunds()).filter((r) => r.metadata.order_id === paid.orderId).map((r) => r.amount)).toEqual([1_000]);
    expect(await order(rt, paid.orderId)).toMatchObject({ refundedCents: 1_000 });
    expect(dmsTo(rt, buyer).filter((m) => textOf(m).includes(paid.orderId) && textOf(m).includes('refunded'))).toHaveLength(1);
  });

  it('refuses another member, and the builder in another server, and refunds nothing', async () => {
    const paid = await paidOrder(rt, builder, buyer, { title: 'Not yours' });
    expect(textOf(await refund('832000000000000001', { order: paid.orderId }))).toContain('only its builder or an admin');
    expect(textOf(await refund(builder, { order: paid.orderId }, { guildId: '900000000000000777' }))).toContain('no order');
    expect(textOf(await refund(admin, { order: paid.orderId }, { guildId: '900000000000000777', permissions: ADMIN }))).toContain('no order');
    expect((await localRefunds()).filter((r) => r.metadata.order_id === paid.orderId)).toEqual([]);
  });

  it('refuses a zero, negative or three-decimal amount, or more than is left, saying what to type', async () => {
    const paid = await paidOrder(rt, builder, buyer, { title: 'Bad amounts' });
    for (const amount of [0, -5, 12.345]) {
      const answer = await refund(builder, { order: paid.orderId, amount });
      expect(textOf(answer)).toMatch(/Type an amount like `25` or `25\.50`/);
      expect(answer.flags).toBe(64);
    }
    expect(textOf(await refund(builder, { order: paid.orderId, amount: 240.01 }))).toContain('At most $240.00 is left');
    expect((await localRefunds()).filter((r) => r.metadata.order_id === paid.orderId)).toEqual([]);
  });
});

describe('/c500 refund after the release', () => {
  it('tells the builder to ask an admin; an admin’s refund takes the builder’s part back from their transfer', async () => {
    const paid = await paidOrder(rt, builder, buyer, { title: 'Released board' });
    expect(textOf(await say(rt, builder, { path: ['live'], options: { mode: `order:${paid.orderId}` } }))).toContain(paid.orderId);
    await shipAndReceive(rt, builder, buyer, paid.orderId);
    const released = await order(rt, paid.orderId);
    expect(released?.payouts.builder.transferId).toBeDefined();

    expect(textOf(await refund(builder, { order: paid.orderId, amount: 100 }))).toContain('ask one to run `/c500 refund');
    expect((await localRefunds()).filter((r) => r.metadata.order_id === paid.orderId)).toEqual([]);

    expect(textOf(await refund(admin, { order: paid.orderId, amount: 100, reason: 'Arrived late' }, { permissions: ADMIN }))).toContain('Refunded $100.00');
    expect((await localRefunds()).filter((r) => r.metadata.order_id === paid.orderId).map((r) => r.amount)).toEqual([10_000]);
    const part = builderPartOfRefund(released!, 10_000);
    expect(part).toBe(9_000);
    expect(await transferOf(paid.orderId)).toMatchObject({ amount: 21_600, amount_reversed: part });
    expect(await order(rt, paid.orderId)).toMatchObject({
      refundedCents: 10_000,
      payouts: { builder: { refundCoveredCents: 10_000 } },
    });
    expect((await journalMoneyOf(rt.store, paid.orderId)).builder.reversedCents).toBe(part);
  });
});
