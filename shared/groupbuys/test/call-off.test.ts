/**
 * A group buy funded below its MOQ after pay links lapsed proceeds (its MOQ was met at the
 * close), and says so: the builder is told the shortfall and that they may call it off, and the
 * post says the count funded with the minimum. `/groupbuy cancel`: before the close every
 * pledge is let go and nobody is charged; once funded and before any milestone is proved,
 * every order is refunded in full through payments' refund path, a batch at a time, each buyer
 * told once, the journal balanced; after a milestone, or while charging, it is refused.
 */
import { journalOfGuild, refundedOfOrder, unbalanced } from '../../journal';
import { orderPath, chargedCents, type Order } from '../../orders';
import { groupBuyPath } from '../rules/group-buy';
import { reconcileAll, reconcileGuild } from '../../payments';
import { command, useInteractionClock } from '../../../test/support/interactions';
import { closeTaskOf } from '../rules/charge-tasks';
import { closeGroupBuy } from '../use-cases/close-group-buy';
import { cancelGroupBuy } from '../use-cases/cancel-group-buy';
import { BUILDER, GUILD, buyer, closeWorld, type CloseWorld, type SeededPledge } from './close-world';

const ID = 'gb65call';
const cancel = (w: CloseWorld, userId = BUILDER) =>
  cancelGroupBuy(w.deps, command({ name: 'groupbuy', path: ['cancel'], options: { id: ID }, userId, guildId: GUILD }));

async function funded(pledges: SeededPledge[], moq: number) {
  const w = await closeWorld({ groupBuyId: ID });
  useInteractionClock({ now: w.now });
  const groupBuy = await w.seed({ moq, pledges });
  await closeGroupBuy(w.deps, closeTaskOf(groupBuy).payload);
  await w.runCharging();
  return w;
}

/** Lets a pay window run out: each link's expiry at its time, Stripe's event delivered, until the pledge lapses. */
async function letLapse(w: CloseWorld, buyerId: string): Promise<void> {
  for (let links = 0; (await w.pledge(buyerId)).status === 'needs-buyer'; links++) {
    if (links > 10) throw new Error('the pay window never ends');
    const due = w.scheduled.filter((t) => t.queue === 'checkout-expiry').map((t) => t.runAt.getTime());
    w.advance(Math.max(0, Math.max(...due) - w.now().getTime()));
    await w.runExpiries();
    await w.deliver();
  }
}

/** The call-off's batches run as the queue runs them, and Stripe's refund events delivered. */
async function runCallOff(w: CloseWorld): Promise<void> {
  await w.runCharging();
  await w.deliver();
}

describe('a group buy funded below its minimum after pay links lapsed', () => {
  it('goes ahead, tells the builder the shortfall and that they may call it off, and says the count with the minimum on its post', async () => {
    const w = await funded([{ buyerId: buyer(1) }, { buyerId: buyer(2) }, { buyerId: buyer(3), card: 'authentication_required' }], 3);
    await letLapse(w, buyer(3));
    expect(await w.groupBuy()).toMatchObject({ status: 'funded', fundedUnits: 2, lapsedUnits: 1 });
    const [result] = w.dmsTo(BUILDER).filter((m) => m.includes('is funded'));
    expect(result).toContain('That is **2 units of the minimum 3 units**');
    expect(result).toContain(`\`/groupbuy cancel id:${ID}\` before you prove any milestone: every buyer is refunded in full`);
    const post = w.discord.entries.filter((e) => e.kind === 'edit').at(-1)?.message.embeds?.[0]?.description ?? '';
    expect(post).toContain('**Funded: 2 units (minimum 3 units).** Its minimum was met at the close');
  });

  it('does not speak of a shortfall when the funded units reach the minimum', async () => {
    const w = await funded([{ buyerId: buyer(1) }, { buyerId: buyer(2) }], 2);
    const [result] = w.dmsTo(BUILDER).filter((m) => m.includes('is funded'));
    expect(result).not.toContain('of the minimum');
  });
});

describe('calling a funded group buy off', () => {
  it('refunds every order in full (shipping too) through payments’ refund path, tells each buyer and then the builder once, and balances', async () => {
    const w = await funded(
      [
        { buyerId: buyer(1), shippingCents: 800 },
        { buyerId: buyer(2), quantity: 2 },
        { buyerId: buyer(3), card: 'authentication_required' },
      ],
      3,
    );
    await letLapse(w, buyer(3));
    const answer = await cancel(w);
    expect(answer.content).toContain('Called off: the 2 orders of **Tofu65 case** are being refunded in full');
    expect(await w.groupBuy()).toMatchObject({ status: 'cancelled', cancelled: { afterClose: true } });
    await runCallOff(w);
    // Delivered again: the queue's redelivery of the last batch and Stripe's of its events change nothing.
    await runCallOff(w);

    const orders = await w.orders();
    const paid = orders.filter((o) => o.buyerId !== buyer(3));
    for (const order of paid) {
      expect(order).toMatchObject({ status: 'refunded', commission: { ended: 'cancelled' } });
      expect(await refundedOfOrder(w.store, order)).toBe(chargedCents(order));
      expect(order.givenRefunds).toHaveLength(1);
    }
    expect((await w.stripe.listRefunds()).map((r) => r.amount).sort((a, b) => a - b)).toEqual([13_300, 25_000]);
    expect((await w.pledges()).map((p) => [p.buyerId, p.status]).sort()).toEqual(
      [
        [buyer(1), 'refunded'],
        [buyer(2), 'refunded'],
        [buyer(3), 'lapsed'],
      ].sort(),
    );
    expect(w.dmsTo(buyer(1)).filter((m) => m.includes('called off'))).toEqual([expect.stringContaining(`is refunded in full, $133.00 back to your card`)]);
    expect(w.dmsTo(buyer(3)).filter((m) => m.includes('called off'))).toEqual([]);
    expect(w.dmsTo(BUILDER).filter((m) => m.includes('was refunded in full'))).toEqual([
      'Every buyer of **Tofu65 case** was refunded in full (2 orders). It is called off.',
    ]);
    const post = w.discord.entries.filter((e) => e.kind === 'edit').at(-1)?.message.embeds?.[0]?.description ?? '';
    expect(post).toContain('Called off by the builder after its close: every buyer is refunded in full.');

    const entries = await journalOfGuild(w.store, GUILD);
    expect(unbalanced(entries)).toEqual([]);
    await reconcileAll(w.deps, new Date(0));
    expect(await reconcileGuild(w.deps, GUILD)).toMatchObject({ unexplained: [] });
  });

  it('asks Stripe once per order, under the key written down first, when a batch dies after Stripe answered', async () => {
    const w = await funded([{ buyerId: buyer(1) }, { buyerId: buyer(2) }], 2);
    await cancel(w);
    const refund = w.deps.payments.refund.bind(w.deps.payments);
    const keys: string[] = [];
    let killed = false;
    w.deps.payments.refund = async (request) => {
      keys.push(request.idempotencyKey);
      const made = await refund(request);
      if (!killed) {
        killed = true;
        throw new Error('the process died after Stripe answered');
      }
      return made;
    };
    await expect(w.runTasks()).rejects.toThrow('the process died');
    w.advance(1_000);
    await runCallOff(w);
    const orders = await w.orders();
    expect(orders.every((o) => o.status === 'refunded')).toBe(true);
    // The order whose answer was lost was asked again under the very same key: Stripe made one refund of each.
    expect(keys).toHaveLength(3);
    expect(new Set(keys).size).toBe(2);
    expect(await w.stripe.listRefunds()).toHaveLength(2);
    for (const order of orders) expect(order.givenRefunds?.map((r) => r.idempotencyKey)).toEqual([`refund:${order.orderId}:1`]);
  });

  it('is refused once a milestone was proved live, while the pledges are charged, and to anyone but its builder', async () => {
    const w = await funded([{ buyerId: buyer(1) }, { buyerId: buyer(2) }], 2);
    const order = (await w.orders())[0] as Order;
    const commission = order.commission as NonNullable<Order['commission']>;
    // The builder proved the first step live (as `/c500 live` records it on the order).
    await w.store.update(orderPath(order.orderId), { commission: { ...commission, milestone: 'parts-in' } });
    expect((await cancel(w)).content).toContain(`was already proved live or shipped (order \`${order.orderId}\`)`);
    expect((await cancel(w, buyer(1))).content).toContain(`There is no group buy \`${ID}\` of yours in this server`);
    await w.store.update(groupBuyPath(ID), { status: 'charging' });
    expect((await cancel(w)).content).toContain('is charging its pledges now');
    expect((await w.orders()).every((o) => o.status === 'paid')).toBe(true);
  });
  it('is refused once a milestone was proved for the whole group buy, before its fan-out reached any order', async () => {
    const w = await funded([{ buyerId: buyer(1) }, { buyerId: buyer(2) }], 2);
    const provedAt = w.now().toISOString();
    const proof = {
      milestone: 'parts-in',
      url: 'https://twitch.tv/keebfan',
      kind: 'channel',
      provedAt,
      byInteraction: '1',
      broadcasterId: '9',
      channelLogin: 'keebfan',
    } as const;
    await w.store.update(groupBuyPath(ID), { milestones: [proof] });
    expect((await cancel(w)).content).toContain('was already proved live (parts-in), so it can’t be called off as a whole');
    expect(await w.groupBuy()).toMatchObject({ status: 'funded' });
    expect((await w.orders()).every((o) => o.status === 'paid')).toBe(true);
  });
});

describe('calling a group buy off before its close', () => {
  it('lets every pledge go with nobody charged, tells each who joined once, and its close then does nothing', async () => {
    const w = await closeWorld({ groupBuyId: ID });
    useInteractionClock({ now: w.now });
    const groupBuy = await w.seed({ moq: 5, cap: 2, pledges: [{ buyerId: buyer(1) }, { buyerId: buyer(2) }, { buyerId: buyer(3), status: 'waitlisted' }] });
    const answer = await cancel(w);
    expect(answer.content).toContain('Called off: **Tofu65 case** takes no more pledges and nobody is charged. The 3 people who joined are being told.');
    await w.runTasks();
    await w.runTasks();
    await closeGroupBuy(w.deps, closeTaskOf(groupBuy).payload);
    expect((await w.pledges()).map((p) => p.status)).toEqual(['released', 'released', 'released']);
    for (const n of [1, 2, 3])
      expect(w.dmsTo(buyer(n))).toEqual([expect.stringContaining('was called off by its builder before its close. Nobody was charged')]);
    expect(await w.paymentIntents()).toEqual([]);
    expect(await w.groupBuy()).toMatchObject({ status: 'cancelled', cancelled: { afterClose: false } });
    expect((await cancel(w)).content).toContain('was already called off');
  });
});
