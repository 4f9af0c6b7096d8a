/**
 * Issue 77's stall: the funding's end let every charged pledge's saved card go inside the
 * delivery that ended it (the last pay-link payment's Stripe event), before the builder was told
 * and before that buyer's receipt: 2,000 pledges were up to 4,000 of Stripe's writes in one
 * delivery, minutes at the budget's batch rate, far past Pub/Sub's 60 s ack deadline. The
 * funding's end now tells at once, and the cards go a batch of tasks at a time.
 */
import { closeTaskOf, cardReleasePace, parseGroupBuyTask } from '../rules/charge-tasks';
import { closeGroupBuy } from '../use-cases/close-group-buy';
import { answerPledgePay, pledgePayRequest } from '../use-cases/pledge-pay';
import { runGroupBuyTask } from '../use-cases/run-group-buy-task';
import { groupBuyPath, pledgePath } from '../rules/group-buy';
import { BUILDER, buyer, closeWorld } from './close-world';

const payPageBase = 'https://c500.example';
const pledgers = 22;

/**
 * A funded close of `pledgers` pledges whose last `needBuyer` cards wanted their buyers, who
 * have paid on their pay pages: Stripe's events of it not yet delivered.
 */
async function lastBuyersPaid(needBuyer = 1) {
  const w = await closeWorld({ groupBuyId: 'tofu6565' });
  const members = Array.from({ length: pledgers }, (_, i) => buyer(i + 1));
  const asked = members.slice(pledgers - needBuyer);
  const pledges = members.map((buyerId) => (asked.includes(buyerId) ? { buyerId, card: 'authentication_required' as const } : { buyerId }));
  const groupBuy = await w.seed({ moq: 1, pledges });
  await closeGroupBuy(w.deps, closeTaskOf(groupBuy).payload);
  await w.runCharging();
  await w.deliver();
  for (const member of asked) {
    const pledge = await w.pledge(member);
    const query = { pay: pledge.orderId as string, key: pledge.payKey as string };
    await answerPledgePay({ store: w.store, clock: w.deps.clock, payments: w.stripe, publicBaseUrl: payPageBase }, pledgePayRequest('tofu6565', 'POST', query));
    await w.stripe.authenticate(pledge.paymentIntentId as string, 'complete');
  }
  return { w, last: asked.at(-1) as string };
}

/** Every card and customer Stripe is asked to let go, in the order asked. */
function releasesAsked(w: Awaited<ReturnType<typeof closeWorld>>): string[] {
  const released: string[] = [];
  const { detachPaymentMethod, deleteCustomer } = w.deps.payments;
  w.deps.payments.detachPaymentMethod = (id) => (released.push(id), detachPaymentMethod.call(w.deps.payments, id));
  w.deps.payments.deleteCustomer = (id) => (released.push(id), deleteCustomer.call(w.deps.payments, id));
  return released;
}

describe('the end of a funding with many pledges', () => {
  it('tells the builder and the last buyer inside the delivery that ended it, letting go no card but that buyer’s own there', async () => {
    const { w, last } = await lastBuyersPaid();
    const released = releasesAsked(w);
    await w.deliver();
    expect(w.dmsTo(BUILDER)).toEqual([expect.stringContaining('is funded')]);
    expect(w.dmsTo(last)).toContainEqual(expect.stringContaining('your card was charged'));
    const own = await w.pledge(last);
    // Its card and its customer, whatever the group buy's size; the 21 charged cards wait for their tasks.
    expect(released.sort()).toEqual([own.customerId, own.paymentMethodId].sort());
    expect((await w.pledges()).filter((p) => p.cardReleasedAt === undefined)).toHaveLength(pledgers - 1);
  });

  it('then lets every other card go, 20 a task, each task naming the next, the owed flags its cursor', async () => {
    const { w } = await lastBuyersPaid();
    await w.deliver();
    await w.runCharging();
    const pledges = await w.pledges();
    expect(pledges.filter((p) => p.cardReleasedAt === undefined)).toEqual([]);
    expect(pledges.filter((p) => p.cardReleaseOwed)).toEqual([]);
    const batches = w.scheduled.map((t) => parseGroupBuyTask(t.payload)).filter((t) => t !== undefined && 'cardBatch' in t);
    // 21 cards: a batch of 20, one of 1, and the one that found none owed.
    expect(batches).toHaveLength(Math.ceil((pledgers - 1) / cardReleasePace.batchSize) + 1);
  });

  it('lets go too the cards of pledges charged before the owed flag existed, looking for them once', async () => {
    const { w } = await lastBuyersPaid();
    // Charged by the code before the flag: the same pledges, without it.
    const older = (await w.pledges()).filter((p) => p.status === 'charged').slice(0, 5);
    for (const { cardReleaseOwed: _flag, ...pledge } of older) await w.store.set(pledgePath('tofu6565', pledge.buyerId), pledge);
    await w.deliver();
    await w.runCharging();
    const pledges = await w.pledges();
    expect(pledges.filter((p) => p.cardReleasedAt === undefined).map((p) => p.buyerId)).toEqual([]);
    expect((await w.store.get(groupBuyPath('tofu6565')))?.olderCardsFoundAt).toEqual(expect.any(String));
  });

  it('run again, a batch that armed its successor leaves the rest to it', async () => {
    const { w } = await lastBuyersPaid();
    await w.deliver();
    await w.runTasks();
    const first = w.scheduled.find((t) => t.name === 'groupbuy-cards-tofu6565-1');
    const owedBefore = (await w.pledges()).filter((p) => p.cardReleaseOwed).length;
    expect(owedBefore).toBe(pledgers - 1 - cardReleasePace.batchSize);
    await runGroupBuyTask(w.deps, parseGroupBuyTask(first?.payload) ?? { groupBuyId: 'none', cardBatch: 1 });
    expect((await w.pledges()).filter((p) => p.cardReleaseOwed)).toHaveLength(owedBefore);
  });
});
