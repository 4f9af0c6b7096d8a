/**
 * The charging after a close that met its MOQ: at most 20 PaymentIntents a batch, each next
 * batch a second after the last, Stripe's 429 leaving a pledge for the next batch, and a
 * process killed anywhere (after Stripe answered and before the answer was recorded, or after
 * it was recorded and before the receipt went) charging nobody twice and skipping nobody.
 */
import { closeTaskOf, parseGroupBuyTask, type GroupBuyTask } from '../rules/charge-tasks';
import { runGroupBuyTask } from '../use-cases/run-group-buy-task';
import { chargeKeyOf } from '../rules/group-buy';
import { personPseudonym } from '../../log';
import { closeGroupBuy } from '../use-cases/close-group-buy';
import { buyer, closeWorld, type CloseWorld } from './close-world';

/** Dies as a killed process does: whatever it had done, nothing after this point. */
class Killed extends Error {}

async function closed(w: CloseWorld, count: number) {
  const groupBuy = await w.seed({ moq: count, pledges: Array.from({ length: count }, (_, i) => ({ buyerId: buyer(i + 1) })) });
  await closeGroupBuy(w.deps, closeTaskOf(groupBuy).payload);
  return groupBuy;
}

/** Every charge key Stripe made a PaymentIntent under, by how many it made: one each, or someone was charged twice. */
async function intentsPerKey(w: CloseWorld): Promise<number[]> {
  const byPledge = new Map<string, number>();
  for (const intent of await w.paymentIntents())
    byPledge.set(intent.metadata.buyer_pseudonym ?? '', (byPledge.get(intent.metadata.buyer_pseudonym ?? '') ?? 0) + 1);
  return [...byPledge.values()];
}

/** Runs the group buy tasks due now, as the queue runs a task: a run that dies is tried again later. */
async function runUntilKilled(w: CloseWorld): Promise<boolean> {
  try {
    await w.runTasks();
    return false;
  } catch (error) {
    if (error instanceof Killed) return true;
    throw error;
  }
}

describe('charging a group buy’s pledges', () => {
  it('sends Stripe every charge under a key naming the buyer by pseudonym, never by Discord id, the same key on every try', async () => {
    const w = await closeWorld();
    await closed(w, 2);
    const keys: string[] = [];
    w.setChargeHook(async (request, charge) => {
      keys.push(request.idempotencyKey);
      return charge();
    });
    await w.runCharging();
    expect(keys.sort()).toEqual([chargeKeyOf('gb65', personPseudonym(buyer(1))), chargeKeyOf('gb65', personPseudonym(buyer(2)))].sort());
    for (const key of keys) for (const id of [buyer(1), buyer(2)]) expect(key).not.toContain(id);
  });

  it('makes at most 20 PaymentIntents a batch, each batch a second after the one before, until every pledge is charged', async () => {
    const w = await closeWorld();
    await closed(w, 45);
    const seconds: number[] = [];
    w.setChargeHook(async (_request, charge) => {
      seconds.push(Math.floor(w.now().getTime() / 1000));
      return charge();
    });
    await w.runCharging();
    const perSecond = [...new Set(seconds)].map((s) => seconds.filter((t) => t === s).length);
    expect(perSecond).toEqual([20, 20, 5]);
    expect(await intentsPerKey(w)).toEqual(Array(45).fill(1));
    expect(await w.groupBuy()).toMatchObject({ status: 'funded', fundedUnits: 45 });
  });

  it('leaves a pledge Stripe answered 429 for the next batch, and charges it then', async () => {
    // The local Stripe's limiter at 2 a second, on a clock that moves only when the next batch is due.
    const w = await closeWorld({ writesPerSecond: 2 });
    await closed(w, 3);
    await w.runTasks();
    const first = await w.pledges();
    expect(first.map((p) => p.status).sort()).toEqual(['charged', 'charged', 'pledged']);
    expect(first.find((p) => p.status === 'pledged')).toMatchObject({ chargeKey: expect.stringMatching(/^groupbuy-charge:gb65:/) });
    await w.runCharging();
    expect((await w.pledges()).map((p) => p.status)).toEqual(['charged', 'charged', 'charged']);
    expect(await intentsPerKey(w)).toEqual([1, 1, 1]);
    expect((await w.groupBuy()).status).toBe('funded');
  });

  it('charges nobody twice and skips nobody when the process dies between Stripe’s answer and the store’s write', async () => {
    const w = await closeWorld();
    await closed(w, 25);
    let answered = 0;
    // Killed once, after Stripe made the 7th PaymentIntent and before anything of its answer was written.
    w.setChargeHook(async (_request, charge) => {
      const answer = await charge();
      if (++answered === 7) throw new Killed();
      return answer;
    });
    expect(await runUntilKilled(w)).toBe(true);
    const stranded = (await w.pledges()).filter((p) => p.status === 'pledged' && p.chargeKey !== undefined);
    expect(stranded.length).toBeGreaterThan(0);
    // The queue runs the batch again: the same keys, the same PaymentIntents for the charges made before the kill.
    w.advance(1_000);
    await w.runCharging();
    expect(await intentsPerKey(w)).toEqual(Array(25).fill(1));
    expect((await w.pledges()).every((p) => p.status === 'charged')).toBe(true);
    const orders = await w.orders();
    expect(orders).toHaveLength(25);
    expect(new Set(orders.map((o) => o.paymentIntentId)).size).toBe(25);
    expect(orders.every((o) => o.status === 'paid')).toBe(true);
    expect(await w.groupBuy()).toMatchObject({ status: 'funded', fundedUnits: 25 });
    for (const stray of stranded) expect(await w.pledge(stray.buyerId)).toMatchObject({ chargeKey: chargeKeyOf('gb65', personPseudonym(stray.buyerId)) });
  });

  it('leaves the charging to the next batch when a batch that armed it is delivered again, so no second sees two batches', async () => {
    const w = await closeWorld();
    await closed(w, 45);
    await w.runTasks();
    const first = w.scheduled.find((t) => t.name === 'groupbuy-charge-gb65-close-1');
    const asked = (await w.paymentIntents()).length;
    expect(asked).toBe(20);
    // Cloud Tasks delivers the first batch again (its answer was lost): it finds its successor armed and charges nothing.
    await runGroupBuyTask(w.deps, parseGroupBuyTask(first?.payload) as GroupBuyTask);
    expect(await w.paymentIntents()).toHaveLength(asked);
    await w.runCharging();
    expect(await intentsPerKey(w)).toEqual(Array(45).fill(1));
    expect((await w.groupBuy()).status).toBe('funded');
  });

  it('sends a receipt the process died before sending, once, and charges nobody again', async () => {
    const w = await closeWorld();
    await closed(w, 3);
    const send = w.discord.sendDm.bind(w.discord);
    let dms = 0;
    w.discord.sendDm = async (userId, message) => {
      if (++dms === 2) throw new Killed();
      return send(userId, message);
    };
    expect(await runUntilKilled(w)).toBe(true);
    w.discord.sendDm = send;
    w.advance(1_000);
    await w.runCharging();
    expect(await intentsPerKey(w)).toEqual([1, 1, 1]);
    for (const n of [1, 2, 3]) expect(w.dmsTo(buyer(n)).filter((dm) => dm.includes('your card was charged'))).toHaveLength(1);
    expect((await w.pledges()).every((p) => p.receiptOwed === false)).toBe(true);
  });
});
