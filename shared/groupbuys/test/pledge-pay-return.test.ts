/**
 * Back on the pledge's pay page from the bank's page: Stripe redirects to the return URL with
 * `payment_intent`, `payment_intent_client_secret` and `redirect_status` appended. The page
 * says what Stripe and the order say, never what the query says, and opening it again (a
 * refresh, Discord's preview) or pressing Pay again charges nobody twice.
 */
import { closeTaskOf } from '../rules/charge-tasks';
import { closeGroupBuy } from '../use-cases/close-group-buy';
import { answerPledgePay, pledgePayRequest } from '../use-cases/pledge-pay';
import { buyer, closeWorld, type CloseWorld } from './close-world';

const base = 'https://c500.example';

/** A group buy closed with one card that needs its buyer to authenticate; its pledge's pay page, as a browser asks it. */
async function waitingOnBank() {
  const w = await closeWorld({ groupBuyId: 'tofu6565' });
  const [one, three] = [buyer(1), buyer(3)];
  const groupBuy = await w.seed({ moq: 1, pledges: [{ buyerId: one }, { buyerId: three, card: 'authentication_required' }] });
  await closeGroupBuy(w.deps, closeTaskOf(groupBuy).payload);
  await w.runCharging();
  const pledge = await w.pledge(three);
  const page = (method: 'GET' | 'POST', url: string) => {
    const query = Object.fromEntries(new URL(url, base).searchParams);
    return answerPledgePay({ store: w.store, clock: w.deps.clock, payments: w.stripe, publicBaseUrl: base }, pledgePayRequest('tofu6565', method, query));
  };
  const link = `${base}/groupbuy/tofu6565?pay=${pledge.orderId as string}&key=${pledge.payKey as string}`;
  return { w, three, pledge, page, link, paymentIntentId: pledge.paymentIntentId as string };
}

const chargesOf = async (w: CloseWorld, paymentIntentId: string) =>
  (await w.stripe.listPaymentIntents()).filter((p) => p.id === paymentIntentId && p.status === 'succeeded').length;

describe('the pledge’s pay page after the bank’s step', () => {
  it('is sent back to with Stripe’s payment_intent, its client secret and redirect_status appended to the return URL', async () => {
    const { w, page, link, paymentIntentId } = await waitingOnBank();
    expect(await page('POST', link)).toMatchObject({ status: 303 });
    const back = await w.stripe.authenticate(paymentIntentId, 'complete');
    const returned = new URL(back?.returnUrl as string);
    expect(returned.searchParams.get('payment_intent')).toBe(paymentIntentId);
    expect(returned.searchParams.get('payment_intent_client_secret')).toMatch(new RegExp(`^${paymentIntentId}_secret_`));
    expect(returned.searchParams.get('redirect_status')).toBe('succeeded');
    expect(returned.searchParams.get('key')).toBe(new URL(link).searchParams.get('key'));
  });

  it('says paid from Stripe’s own word before the payment’s event reaches the order, and a refresh and a second press charge nothing more', async () => {
    const { w, three, page, link, paymentIntentId } = await waitingOnBank();
    await page('POST', link);
    const back = (await w.stripe.authenticate(paymentIntentId, 'complete'))?.returnUrl as string;
    // The event is not delivered yet: the order still waits, Stripe has charged.
    expect((await w.orders()).find((o) => o.buyerId === three)?.status).toBe('awaiting-payment');
    expect(await page('GET', back)).toMatchObject({ status: 200, html: expect.stringContaining('Paid, thank you') });
    expect(await page('GET', back)).toMatchObject({ status: 200, html: expect.stringContaining('Paid, thank you') });
    expect(await page('POST', back)).toMatchObject({ status: 200, html: expect.stringContaining('Paid, thank you') });
    await w.deliver();
    expect(await page('GET', back)).toMatchObject({ status: 200, html: expect.stringContaining('Paid, thank you') });
    expect(await chargesOf(w, paymentIntentId)).toBe(1);
    const { customerId } = await w.pledge(three);
    expect((await w.stripe.listPaymentIntents()).filter((p) => p.customer === customerId)).toHaveLength(1);
  });

  it('believes no query: a failed step, or a forged succeeded status and intent, shows the Pay page again with nothing charged', async () => {
    const { w, page, link, paymentIntentId } = await waitingOnBank();
    const forged = `${link}&returned=1&payment_intent=${paymentIntentId}&payment_intent_client_secret=x&redirect_status=succeeded`;
    const opened = await page('GET', forged);
    expect(opened.status).toBe(200);
    expect(opened.html).toContain('Pay $125.00');
    expect(opened.html).not.toContain('Paid, thank you');
    await page('POST', link);
    const back = (await w.stripe.authenticate(paymentIntentId, 'fail'))?.returnUrl as string;
    expect(new URL(back).searchParams.get('redirect_status')).toBe('failed');
    const failed = await page('GET', back);
    expect(failed.html).toContain('Pay $125.00');
    expect(failed.html).not.toContain('Paid, thank you');
    expect(await chargesOf(w, paymentIntentId)).toBe(0);
  });
});
