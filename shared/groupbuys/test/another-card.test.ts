/**
 * A pledge whose card was declined at the close is paid with another card on its one
 * PaymentIntent: the pay page's "Use another card" opens Checkout in setup mode on the pledge's
 * customer, and that session's completion confirms the refused intent with the new card. The
 * local Stripe is read for what it holds: one PaymentIntent for the pledge, whatever the cards do.
 */
import { journalOfGuild, unbalanced } from '../../journal';
import type { StripeEvent } from '../../payments';
import { handleStripeEvent } from '../../payments';
import type { TestCardKind } from '../../local/stripe/test-cards';
import { closeTaskOf } from '../rules/charge-tasks';
import { pledgePath } from '../rules/group-buy';
import { closeGroupBuy } from '../use-cases/close-group-buy';
import { answerPledgePay, pledgePayRequest } from '../use-cases/pledge-pay';
import { GUILD, buyer, closeWorld } from './close-world';

const base = 'https://c500.example';

/** A group buy closed with one card declined off session; its pay page, as a browser asks it, and the buyer saving another card on Stripe's page. */
async function declinedAtClose() {
  const w = await closeWorld({ groupBuyId: 'tofu6565' });
  const [one, three] = [buyer(1), buyer(3)];
  const groupBuy = await w.seed({ moq: 1, pledges: [{ buyerId: one }, { buyerId: three, card: 'declined' }] });
  await closeGroupBuy(w.deps, closeTaskOf(groupBuy).payload);
  await w.runCharging();
  await w.deliver();
  const pledge = await w.pledge(three);
  const link = `${base}/groupbuy/tofu6565?pay=${pledge.orderId as string}&key=${pledge.payKey as string}`;
  const page = (method: 'GET' | 'POST', url: string) => {
    const query = Object.fromEntries(new URL(url, base).searchParams);
    return answerPledgePay({ store: w.store, clock: w.deps.clock, payments: w.stripe, publicBaseUrl: base }, pledgePayRequest('tofu6565', method, query));
  };
  /** "Use another card" pressed, the card saved on Stripe's page: the session's completion event, and where Stripe sends the buyer back. */
  const anotherCard = async (card: TestCardKind) => {
    const answer = await page('POST', `${link}&card=another`);
    expect(answer.status).toBe(303);
    const session = (await w.stripe.listSessions()).find((s) => s.url === answer.location);
    if (!session) throw new Error('no session behind the another-card page');
    w.events.splice(0);
    await w.stripe.paySession(session.id, 'card', undefined, card);
    const completed = w.events.find((e) => e.type === 'checkout.session.completed') as StripeEvent;
    return { completed, back: session.success_url.replace('{CHECKOUT_SESSION_ID}', session.id), sessionId: session.id };
  };
  /** Stripe's PaymentIntents for the pledge's customer, as the local Stripe lists them. */
  const intents = async () => (await w.stripe.listPaymentIntents()).filter((p) => p.customer === pledge.customerId);
  /** The cards saved on the pledge's customer now, as the local Stripe lists them. */
  const cards = async () => (await w.stripe.listCustomers()).find((c) => c.id === pledge.customerId)?.payment_methods.map((m) => m.id) ?? [];
  return { w, three, pledge, page, link, anotherCard, intents, cards };
}

describe('a pledge declined at the close, paid with another card', () => {
  it('is paid on its one PaymentIntent: the local Stripe holds exactly one for the pledge, succeeded, and the order is paid with its journal entry', async () => {
    const { w, three, pledge, anotherCard, intents, page } = await declinedAtClose();
    expect(pledge.status).toBe('needs-buyer');
    expect(await intents()).toEqual([expect.objectContaining({ id: pledge.paymentIntentId, status: 'requires_payment_method' })]);
    const { back } = await anotherCard('works');
    await w.deliver();
    await w.deliver();
    expect(await intents()).toEqual([expect.objectContaining({ id: pledge.paymentIntentId, status: 'succeeded' })]);
    const order = (await w.orders()).find((o) => o.buyerId === three);
    expect(order?.status).toBe('paid');
    expect((await w.pledge(three)).status).toBe('paid');
    const entries = (await journalOfGuild(w.store, GUILD)).filter((e) => e.postings.some((p) => p.orderId === order?.orderId));
    expect(entries.length).toBeGreaterThan(0);
    expect(unbalanced(entries)).toEqual([]);
    expect(await page('GET', back)).toMatchObject({ status: 200, html: expect.stringContaining('Paid, thank you') });
  });

  it('confirms once when Stripe delivers the setup completion again, under another event id or the same one', async () => {
    const { w, anotherCard, intents, pledge } = await declinedAtClose();
    const confirms = jest.spyOn(w.stripe, 'confirmOnSession');
    const { completed } = await anotherCard('works');
    await w.deliver();
    expect(confirms).toHaveBeenCalledTimes(1);
    await handleStripeEvent(w.deps, completed);
    await handleStripeEvent(w.deps, { ...completed, id: `${completed.id}_again` });
    expect(confirms).toHaveBeenCalledTimes(1);
    await w.deliver();
    expect((await intents()).map((p) => [p.id, p.status])).toEqual([[pledge.paymentIntentId, 'succeeded']]);
  });

  it('sends the buyer to the bank when the other card asks to authenticate, and the same intent is paid after it', async () => {
    const { w, three, anotherCard, intents, page, pledge } = await declinedAtClose();
    const { back } = await anotherCard('authentication_required');
    // Back from Stripe before the completion reached C500: the page looks again by itself.
    expect((await page('GET', back)).html).toContain('http-equiv="refresh"');
    await w.deliver();
    const sent = await page('GET', back);
    expect(sent).toMatchObject({ status: 303, location: expect.stringContaining(`/payment-intents/${pledge.paymentIntentId as string}/authenticate`) });
    await w.stripe.authenticate(pledge.paymentIntentId as string, 'complete');
    await w.deliver();
    expect((await intents()).map((p) => p.status)).toEqual(['succeeded']);
    expect((await w.orders()).find((o) => o.buyerId === three)?.status).toBe('paid');
  });

  it('says a second decline in plain words, offers another card again, and detaches the card it replaced', async () => {
    const { w, three, anotherCard, intents, page, pledge, cards } = await declinedAtClose();
    const first = await anotherCard('declined');
    await w.deliver();
    const declined = await page('GET', first.back);
    expect(declined.html).toContain('Your card was not charged');
    expect(declined.html).not.toMatch(/pm_|card_declined/);
    expect(declined.html).toContain('Use another card');
    const replacing = (await w.pledge(three)).paymentMethodId;
    expect(replacing).not.toBe(pledge.paymentMethodId);
    expect(await cards()).toEqual([replacing]);
    await anotherCard('works');
    await w.deliver();
    await w.deliver();
    expect((await intents()).map((p) => [p.id, p.status])).toEqual([[pledge.paymentIntentId, 'succeeded']]);
    expect((await w.pledge(three)).status).toBe('paid');
  });

  it('confirms nothing with a card saved after the pledge lapsed, and detaches it', async () => {
    const { w, three, anotherCard, intents, pledge, cards } = await declinedAtClose();
    const press = await anotherCard('works');
    w.advance(73 * 60 * 60_000);
    await w.store.update(pledgePath('tofu6565', three), { status: 'lapsed' });
    await handleStripeEvent(w.deps, press.completed);
    expect((await intents()).map((p) => p.status)).toEqual(['requires_payment_method']);
    expect(await cards()).toEqual([pledge.paymentMethodId]);
  });
});
