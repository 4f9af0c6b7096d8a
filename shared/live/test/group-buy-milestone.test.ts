/**
 * A group buy's milestone proved once live reaches every order (issue 65, point 5): each order
 * gets the command's clip as its proof and its tranche by one transfer, a refunded one is
 * skipped by the order's own refusal, the journal balances, and a batch delivered twice, or
 * run twice side by side, sends no tranche twice. The builder gets one summary, in counts.
 */
import { journalOfGuild, unbalanced } from '../../journal';
import type { Order } from '../../orders';
import { milestoneFanOutPath } from '../rules/group-buy-fan-out';
import { BUILDER, GUILD, buyer, fundedWorld, type FundedWorld } from './group-buy-proof-world';

/** The builder's share of one $125.00 unit (10 % fee) is $112.50; 30 % at parts-in. */
const partsInCents = 3_375;

const transfersByOrder = async (w: FundedWorld) => {
  const byOrder = new Map<string, number[]>();
  for (const t of await w.stripe.listTransfers()) byOrder.set(t.transfer_group, [...(byOrder.get(t.transfer_group) ?? []), t.amount]);
  return byOrder;
};

async function refundOne(w: FundedWorld, buyerId: string): Promise<Order> {
  const order = (await w.orders()).find((o) => o.buyerId === buyerId) as Order;
  await w.stripe.refundCharge(order.chargeId as string);
  await w.deliver();
  return order;
}

describe('a group buy’s milestone proved once live', () => {
  it('proves every order with the one clip and sends each its tranche once, skipping the refunded one', async () => {
    const w = await fundedWorld(4);
    const refunded = await refundOne(w, buyer(2));
    const answer = await w.prove('parts-in', 'i-parts');
    expect(answer.content).toContain('✅ **parts-in** proved live for **Tofu65 case** (`gb65`).');
    expect(answer.content).toContain('a clip of the stream: https://clips.twitch.tv/Clip1');
    const provedAt = (await w.groupBuy()).milestones?.[0]?.provedAt;
    // The orders get the proof of the group buy's moment, however late their batch runs.
    w.advance(60_000);
    expect(await w.runBatches()).toBe(1);

    const orders = await w.orders();
    for (const order of orders.filter((o) => o.orderId !== refunded.orderId)) {
      expect(order.commission?.milestone).toBe('parts-in');
      expect(order.commission?.proofs).toEqual([
        { milestone: 'parts-in', url: 'https://clips.twitch.tv/Clip1', kind: 'clip', provedAt, byInteraction: 'i-parts' },
      ]);
      expect(w.dmsTo(order.buyerId).filter((m) => m.includes('parts-in'))).toHaveLength(1);
    }
    expect(orders.find((o) => o.orderId === refunded.orderId)?.commission?.proofs).toBeUndefined();
    const sent = await transfersByOrder(w);
    expect(sent.get(refunded.orderId)).toBeUndefined();
    expect([...sent.values()]).toEqual([[partsInCents], [partsInCents], [partsInCents]]);
    expect(unbalanced(await journalOfGuild(w.store, GUILD))).toEqual([]);

    const summaries = w.dmsTo(BUILDER).filter((m) => m.includes('reached every order'));
    expect(summaries).toEqual([
      '🎬 **parts-in** reached every order of **Tofu65 case** (`gb65`).\n3 orders proved; $101.25 released to you.\n1 skipped: 1 refunded or cancelled.',
    ]);
  });

  it('sends no tranche twice when a batch is delivered again, or runs twice side by side, and tells the builder once', async () => {
    const w = await fundedWorld(3);
    await w.prove('parts-in', 'i-parts');
    const [first] = w.milestoneTasks();
    await Promise.all([w.runBatch(first!.name), w.runBatch(first!.name)]);
    await w.runBatches();
    await w.runBatch(first!.name);
    expect([...(await transfersByOrder(w)).values()]).toEqual([[partsInCents], [partsInCents], [partsInCents]]);
    expect(unbalanced(await journalOfGuild(w.store, GUILD))).toEqual([]);
    const fanOut = await w.store.get(milestoneFanOutPath('gb65', 'parts-in'));
    expect(fanOut?.batches).toEqual({ '1': { proved: 3, releasedCents: 3 * partsInCents, waiting: {}, skipped: {} } });
    expect(w.dmsTo(BUILDER).filter((m) => m.includes('reached every order'))).toHaveLength(1);
    for (let i = 1; i <= 3; i++) expect(w.dmsTo(buyer(i)).filter((m) => m.includes('parts-in'))).toHaveLength(1);
  });

  it('resumes a batch whose process died after Stripe made a transfer, asking again under the same key and sending it once', async () => {
    const w = await fundedWorld(3);
    await w.prove('parts-in', 'i-parts');
    const payments = w.deps.payments;
    const transfer = payments.createTransfer.bind(payments);
    let dies = 1;
    payments.createTransfer = async (request) => {
      const made = await transfer(request);
      if (dies-- > 0) throw new Error('the process died after Stripe answered');
      return made;
    };
    const [first] = w.milestoneTasks();
    await expect(w.runBatch(first!.name)).rejects.toThrow('the process died after Stripe answered');
    expect(w.dmsTo(BUILDER).filter((m) => m.includes('reached every order'))).toEqual([]);
    await w.runBatches();
    expect([...(await transfersByOrder(w)).values()]).toEqual([[partsInCents], [partsInCents], [partsInCents]]);
    expect(unbalanced(await journalOfGuild(w.store, GUILD))).toEqual([]);
    expect(w.dmsTo(BUILDER).filter((m) => m.includes('reached every order'))).toEqual([
      '🎬 **parts-in** reached every order of **Tofu65 case** (`gb65`).\n3 orders proved; $101.25 released to you.',
    ]);
  });

  it('answers a redelivered command as the first, with the same clip and no second chain of batches', async () => {
    const w = await fundedWorld(2);
    const first = await w.prove('parts-in', 'i-parts');
    const again = await w.prove('parts-in', 'i-parts');
    expect(again).toEqual(first);
    expect(w.milestoneTasks()).toHaveLength(1);
    expect((await w.groupBuy()).milestones).toHaveLength(1);
  });

  it('takes the orders a batch at a time, by id after the last, and sums every batch in its one summary', async () => {
    const w = await fundedWorld(23);
    await w.prove('parts-in', 'i-parts');
    expect(await w.runBatches()).toBe(2);
    const [one, two] = w.milestoneTasks().map((t) => w.taskOf(t.name));
    const ids = (await w.orders()).map((o) => o.orderId).sort();
    expect(two).toEqual({ groupBuyId: 'gb65', milestone: 'parts-in', batch: 2, after: ids[19] });
    expect(one?.after).toBeUndefined();
    expect(w.milestoneTasks()[1]!.runAt.getTime() - w.milestoneTasks()[0]!.runAt.getTime()).toBeGreaterThanOrEqual(1_000);
    expect((await transfersByOrder(w)).size).toBe(23);
    expect(w.dmsTo(BUILDER).filter((m) => m.includes('reached every order'))).toEqual([
      '🎬 **parts-in** reached every order of **Tofu65 case** (`gb65`).\n23 orders proved; $776.25 released to you.',
    ]);
  });
});
