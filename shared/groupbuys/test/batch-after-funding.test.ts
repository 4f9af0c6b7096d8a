/**
 * A batch of charges that failed after its work was recorded (Discord's 429 on a DM, a process
 * killed) is run again by the queue, and the group buy may be `funded` by then: by the batch
 * itself (the chain's last, which ends the funding) or by a buyer paying their link meanwhile.
 * What that batch owed is still owed: a charged buyer's receipt and the builder's "is funded"
 * DM. The batch run again after the funding tells them (issue 77: a close of 2,000 pledges,
 * its workers killed, stalled `funded` with receipts owed and the builder untold).
 */
import { closeTaskOf } from '../rules/charge-tasks';
import { closeGroupBuy } from '../use-cases/close-group-buy';
import { answerPledgePay, pledgePayRequest } from '../use-cases/pledge-pay';
import { BUILDER, buyer, closeWorld, type CloseWorld } from './close-world';

const payPageBase = 'https://c500.example';

/** Discord answers 429 to the first DM to `userId` whose words hold `words`; every other DM goes. */
function rateLimitedOnce(w: CloseWorld, userId: string, words: string): void {
  const sendDm = w.discord.sendDm.bind(w.discord);
  let refused = false;
  w.discord.sendDm = async (to, message) => {
    if (!refused && to === userId && (message.content ?? '').includes(words)) {
      refused = true;
      throw new Error('429 Too Many Requests: You are being rate limited.');
    }
    return sendDm(to, message);
  };
}

/** The buyer presses Pay on their pledge's page and passes the bank's step; Stripe's events are delivered. */
async function paysOnThePage(w: CloseWorld, buyerId: string): Promise<void> {
  const pledge = await w.pledge(buyerId);
  const query = { pay: pledge.orderId as string, key: pledge.payKey as string };
  await answerPledgePay({ store: w.store, clock: w.deps.clock, payments: w.stripe, publicBaseUrl: payPageBase }, pledgePayRequest('tofu6565', 'POST', query));
  await w.stripe.authenticate(pledge.paymentIntentId as string, 'complete');
  await w.deliver();
}

describe('a charge batch run again after the group buy is funded', () => {
  it('GIVEN a batch that charged a buyer and failed on their receipt, WHEN the last link is paid before it runs again, THEN it sends that receipt once', async () => {
    const w = await closeWorld({ groupBuyId: 'tofu6565' });
    const [one, two] = [buyer(1), buyer(2)];
    const groupBuy = await w.seed({ moq: 1, pledges: [{ buyerId: one }, { buyerId: two, card: 'authentication_required' }] });
    rateLimitedOnce(w, one, 'your card was charged');
    await closeGroupBuy(w.deps, closeTaskOf(groupBuy).payload);
    await expect(w.runCharging()).rejects.toThrow('rate limited');
    expect(await w.pledge(one)).toMatchObject({ status: 'charged', receiptOwed: true });
    await w.deliver();
    // The last pledge open is paid on its link while the failed batch waits for its retry: the funding ends there.
    await paysOnThePage(w, two);
    expect((await w.groupBuy()).status).toBe('funded');
    w.advance(5_000);
    await w.runCharging();
    expect(w.dmsTo(one).filter((dm) => dm.includes('your card was charged'))).toHaveLength(1);
    expect(await w.pledge(one)).toMatchObject({ receiptOwed: false });
    expect(w.dmsTo(BUILDER).filter((dm) => dm.includes('is funded'))).toHaveLength(1);
  });

  it('GIVEN the chain’s last batch funded the group buy and Discord refused the builder’s DM, WHEN it runs again, THEN the builder is told once', async () => {
    const w = await closeWorld();
    const groupBuy = await w.seed({ moq: 2, pledges: [{ buyerId: buyer(1) }, { buyerId: buyer(2) }] });
    rateLimitedOnce(w, BUILDER, 'is funded');
    await closeGroupBuy(w.deps, closeTaskOf(groupBuy).payload);
    await expect(w.runCharging()).rejects.toThrow('rate limited');
    expect((await w.groupBuy()).status).toBe('funded');
    expect(w.dmsTo(BUILDER).filter((dm) => dm.includes('is funded'))).toHaveLength(0);
    w.advance(5_000);
    await w.runCharging();
    expect(w.dmsTo(BUILDER).filter((dm) => dm.includes('is funded'))).toHaveLength(1);
    for (const n of [1, 2]) expect(w.dmsTo(buyer(n)).filter((dm) => dm.includes('your card was charged'))).toHaveLength(1);
  });
});
