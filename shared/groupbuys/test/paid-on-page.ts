/**
 * A closed group buy whose second pledge's card wanted its buyer, and the buyer who then paid
 * on the pledge's pay page and passed the bank's step: Stripe has charged, and its events wait
 * in `w.events` for the test to deliver (or hold back). Shared by the lapse race's tests.
 */
import { closeTaskOf } from '../rules/charge-tasks';
import { closeGroupBuy } from '../use-cases/close-group-buy';
import { answerPledgePay, pledgePayRequest } from '../use-cases/pledge-pay';
import { buyer, closeWorld } from './close-world';

export const payPageBase = 'https://c500.example';

export async function paidOnThePayPage() {
  const w = await closeWorld({ groupBuyId: 'tofu6565' });
  const [one, three] = [buyer(1), buyer(3)];
  const groupBuy = await w.seed({ moq: 1, pledges: [{ buyerId: one }, { buyerId: three, card: 'authentication_required' }] });
  await closeGroupBuy(w.deps, closeTaskOf(groupBuy).payload);
  await w.runCharging();
  await w.deliver();
  const pledge = await w.pledge(three);
  const link = `${payPageBase}/groupbuy/tofu6565?pay=${pledge.orderId as string}&key=${pledge.payKey as string}`;
  const query = Object.fromEntries(new URL(link).searchParams);
  await answerPledgePay({ store: w.store, clock: w.deps.clock, payments: w.stripe, publicBaseUrl: payPageBase }, pledgePayRequest('tofu6565', 'POST', query));
  await w.stripe.authenticate(pledge.paymentIntentId as string, 'complete');
  return { w, three, pledge };
}
