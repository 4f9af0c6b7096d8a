/**
 * A card that needs its buyer at the close: the pledge waits on them with a pay link until 72
 * hours on: the pledge's pay page, which confirms the very PaymentIntent the bank refused when
 * the bank wanted them to authenticate, or a Checkout link (the same amount, on their own
 * Stripe customer) for another card when it declined. Paid, it is an order exactly
 * as an off-session charge makes one, whatever redelivers the payment; unpaid, its units go
 * to the first on the waitlist, who is charged, and the group buy is funded without it. Either
 * way the off-session PaymentIntent the bank refused is cancelled at Stripe.
 */
import { profileView } from '../../marketplace';
import { command } from '../../../test/support/interactions';
import { closeTaskOf } from '../rules/charge-tasks';
import { closeGroupBuy } from '../use-cases/close-group-buy';
import { answerPledgePay } from '../use-cases/pledge-pay';
import { BUILDER, CHANNEL, buyer, closeWorld, type CloseWorld, type SeededPledge } from './close-world';
import { personPseudonym } from '../../log';
import { currentStripeWork } from '../../stripe-work';

async function closedWith(w: CloseWorld, terms: { moq: number; cap?: number; pledges: SeededPledge[] }) {
  const groupBuy = await w.seed(terms);
  await closeGroupBuy(w.deps, closeTaskOf(groupBuy).payload);
  await w.runCharging();
}

/** Lets the pay window run: each link's expiry at its time, Stripe's event delivered, until the pledge no longer waits. */
async function letWindowPass(w: CloseWorld, buyerId: string): Promise<number> {
  let links = 0;
  while ((await w.pledge(buyerId)).status === 'needs-buyer') {
    const due = w.scheduled.filter((t) => t.queue === 'checkout-expiry').map((t) => t.runAt.getTime());
    w.advance(Math.max(0, Math.max(...due) - w.now().getTime()));
    await w.runExpiries();
    await w.deliver();
    if (++links > 10) throw new Error('the pay window never ends');
  }
  return links;
}

describe('a card that needs its buyer', () => {
  it('asks the buyer the bank wants to confirm that very PaymentIntent on the pledge’s pay page for 72 hours, and paying it makes the order as an off-session charge would', async () => {
    const w = await closeWorld({ groupBuyId: 'tofu6565' });
    const [one, two, three] = [buyer(1), buyer(2), buyer(3)];
    await closedWith(w, { moq: 3, pledges: [{ buyerId: one }, { buyerId: two }, { buyerId: three, card: 'authentication_required' }] });
    const waiting = await w.pledge(three);
    expect(waiting).toMatchObject({
      status: 'needs-buyer',
      refusal: expect.stringContaining('your bank wants you to confirm this payment yourself'),
      paymentIntentId: expect.stringMatching(/^pi_/),
      payKey: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
    // Asked in the close's first batch: 72 hours from then.
    expect(Date.parse(waiting.payBy as string) - Date.parse((await w.groupBuy()).closedAt as string)).toBe(72 * 3_600_000);
    expect((await w.groupBuy()).status).toBe('charging');
    // No Checkout Session: the order waits on the refused intent itself, until payBy.
    const order = (await w.orders()).find((o) => o.buyerId === three);
    expect(order).toMatchObject({
      status: 'awaiting-payment',
      paymentIntentId: waiting.paymentIntentId,
      checkoutExpiresAt: waiting.payBy,
      amountCents: 12_500,
    });
    expect(order?.checkoutSessionId).toBeUndefined();
    expect((await w.stripe.listSessions()).filter((s) => s.mode === 'payment')).toEqual([]);
    const [dm] = w.dmsTo(three);
    // Not a decline: the bank asks its buyer to confirm, in C500's words, with the step to take.
    expect(dm).toContain(
      'Your bank asks you to confirm this payment yourself (a check such as 3-D Secure), which C500 can’t do for you: nothing was declined.',
    );
    expect(dm).toContain('Confirm with your bank and pay $125.00 on the link within 72 hours, by <t:');
    const link = `/groupbuy/tofu6565?pay=${order?.orderId}&key=${waiting.payKey}`;
    expect(w.dmsTo(three).join('\n')).not.toContain('/_local/stripe/');

    // Opened (as Discord's preview opens it): the amount and a Pay button, nothing asked of Stripe.
    const pay = (press: boolean, key = waiting.payKey as string) =>
      answerPledgePay(
        { store: w.store, clock: w.deps.clock, payments: w.stripe, publicBaseUrl: 'https://c500.example' },
        { groupBuyId: 'tofu6565', orderId: order?.orderId as string, key, press, returned: false },
      );
    const opened = await pay(false);
    expect(opened).toMatchObject({ status: 200, html: expect.stringContaining('Pay $125.00') });
    expect(opened.html).toContain(`action="${link.replace(/&/g, '&amp;')}"`);
    expect(await pay(false, '0'.repeat(32))).toMatchObject({ status: 404 });
    // Pressed: Stripe sends the buyer to their bank's page, then back to this one.
    const pressed = await pay(true);
    expect(pressed).toMatchObject({ status: 303, location: expect.stringContaining(`/_local/stripe/payment-intents/${waiting.paymentIntentId}/authenticate`) });
    expect(await w.stripe.authenticate(waiting.paymentIntentId as string, 'complete')).toMatchObject({
      returnUrl: expect.stringContaining(`https://c500.example${link}&returned=1&payment_intent=${waiting.paymentIntentId}`),
    });
    // Stripe's payment_intent.succeeded, twice (the off-session charges' own events among them pay nothing twice).
    const succeeded = w.events.filter((e) => e.type === 'payment_intent.succeeded' && e.data.object.id === waiting.paymentIntentId);
    expect(succeeded).toHaveLength(1);
    await w.deliver();
    w.events.push(...succeeded);
    await w.deliver();

    const [paid, charged] = [(await w.orders()).find((o) => o.buyerId === three), (await w.orders()).find((o) => o.buyerId === one)];
    expect(paid).toMatchObject({
      status: 'paid',
      paymentIntentId: waiting.paymentIntentId,
      chargeId: expect.stringMatching(/^ch_/),
      paidByEvent: `on-session:${waiting.paymentIntentId}`,
    });
    // Exactly as the off-session charge made its neighbour's: the same terms, the address from the pledge, the same money split.
    const shape = (o: typeof paid) => ({
      source: o?.source,
      dropKind: o?.dropKind,
      commission: o?.commission,
      platformFeeCents: o?.platformFeeCents,
      builderShareCents: o?.builderShareCents,
    });
    expect(shape(paid)).toEqual(shape(charged));
    expect(paid?.shippingAddress).toEqual(waiting.shippingAddress);
    expect(await w.pledge(three)).toMatchObject({ status: 'paid', receiptOwed: false });
    expect(await w.groupBuy()).toMatchObject({ status: 'funded', fundedUnits: 3 });
    expect(w.dmsTo(three).filter((d) => d.includes('your card was charged'))).toHaveLength(1);
    expect(w.dmsTo(BUILDER)).toEqual([expect.stringContaining('(1 paid on a link after their card asked for them; 0 let their link lapse)')]);
    // One PaymentIntent for the pledge: the one the bank refused, now paid.
    expect((await w.paymentIntents()).filter((p) => p.metadata.buyer_pseudonym === personPseudonym(three)).map((p) => [p.id, p.status])).toEqual([
      [waiting.paymentIntentId, 'succeeded'],
    ]);
    expect(await pay(false)).toMatchObject({ status: 200, html: expect.stringContaining('Paid, thank you') });
    expect(await pay(true)).toMatchObject({ status: 200, html: expect.stringContaining('Paid, thank you') });
  });

  it('lapses at 72 hours a pledge whose buyer never confirmed its PaymentIntent, cancelling that one intent at Stripe', async () => {
    const w = await closeWorld();
    const [one, three] = [buyer(1), buyer(3)];
    await closedWith(w, { moq: 1, pledges: [{ buyerId: one }, { buyerId: three, card: 'authentication_required' }] });
    const { payBy, paymentIntentId } = await w.pledge(three);
    expect(await letWindowPass(w, three)).toBe(1);
    expect(w.now().toISOString()).toBe(payBy);
    expect(await w.pledge(three)).toMatchObject({ status: 'lapsed' });
    expect((await w.orders()).find((o) => o.buyerId === three)?.status).toBe('expired');
    expect((await w.paymentIntents()).filter((p) => p.metadata.buyer_pseudonym === personPseudonym(three)).map((p) => [p.id, p.status])).toEqual([
      [paymentIntentId, 'canceled'],
    ]);
    expect(w.dmsTo(three).at(-1)).toContain('closed unpaid');
  });

  it('cancels the lapsed intent as batch work: every pledge of a close lapses at the same 72 hours, and a person’s Stripe call goes first', async () => {
    const w = await closeWorld();
    const [one, three] = [buyer(1), buyer(3)];
    await closedWith(w, { moq: 1, pledges: [{ buyerId: one }, { buyerId: three, card: 'authentication_required' }] });
    const works: string[] = [];
    const cancel = w.stripe.cancelPaymentIntent.bind(w.stripe);
    w.stripe.cancelPaymentIntent = async (paymentIntentId) => (works.push(currentStripeWork()), cancel(paymentIntentId));
    await letWindowPass(w, three);
    expect(works.length).toBeGreaterThan(0);
    expect(works.filter((work) => work !== 'batch')).toEqual([]);
  });

  it('renews a link Stripe expired after a day, then at 72 hours lapses a declined card and charges the first on the waitlist in its place', async () => {
    const w = await closeWorld();
    const [one, declined, first, second] = [buyer(1), buyer(2), buyer(3), buyer(4)];
    await closedWith(w, {
      moq: 2,
      cap: 2,
      pledges: [
        { buyerId: one },
        { buyerId: declined, requestRefused: true },
        { buyerId: first, status: 'waitlisted' },
        { buyerId: second, status: 'waitlisted' },
      ],
    });
    const { payBy } = await w.pledge(declined);
    expect(await w.pledge(declined)).toMatchObject({ status: 'needs-buyer', refusal: expect.stringContaining('your bank declined the card') });
    const links = await letWindowPass(w, declined);
    // Stripe's sessions last a day at most: the window was a chain of links, the last ending at payBy itself.
    expect(links).toBeGreaterThanOrEqual(3);
    expect(w.now().toISOString()).toBe(payBy);
    expect(w.dmsTo(declined).filter((d) => d.includes('A fresh link'))).toHaveLength(links - 1);
    expect(await w.pledge(declined)).toMatchObject({ status: 'lapsed' });
    expect((await w.orders()).find((o) => o.buyerId === declined)?.status).toBe('expired');
    expect(w.dmsTo(declined).at(-1)).toContain('closed unpaid');

    // The first on the waitlist moves up and is charged by a chain of its own; the second still waits, and is let go once funded.
    expect(await w.pledge(first)).toMatchObject({ status: 'pledged', promotedAt: payBy });
    await w.runCharging();
    expect(await w.pledge(first)).toMatchObject({ status: 'charged' });
    expect(await w.pledge(second)).toMatchObject({ status: 'released' });
    expect(await w.groupBuy()).toMatchObject({ status: 'funded', fundedUnits: 2, lapsedUnits: 1 });
    const intents = await w.paymentIntents();
    expect(intents.map((p) => [p.metadata.buyer_pseudonym, p.status]).sort()).toEqual(
      [
        [personPseudonym(one), 'succeeded'],
        // Stripe refused the declined pledge's request itself: it made no PaymentIntent, and its links none that was paid.
        [personPseudonym(first), 'succeeded'],
      ].sort(),
    );
    expect(w.dmsTo(first)).toEqual([expect.stringContaining('A place opened'), expect.stringContaining('your card was charged')]);
  });

  it('mentions a buyer whose DMs are closed in the group buy’s channel, once, saying they must pay within 72 hours and where the link is, and nothing else of theirs', async () => {
    const w = await closeWorld();
    const [one, closed] = [buyer(1), buyer(2)];
    w.discord.closeDms(closed);
    await closedWith(w, { moq: 2, pledges: [{ buyerId: one }, { buyerId: closed, requestRefused: true }] });
    const { payBy } = await w.pledge(closed);
    const mentions = () => w.discord.entries.filter((e) => e.kind === 'channel' && e.message.content?.includes(`<@${closed}>`));
    expect(mentions()).toHaveLength(1);
    const [notice] = mentions();
    expect(notice?.channelId).toBe(CHANNEL);
    expect(notice?.message.allowed_mentions).toEqual({ users: [closed] });
    const said = notice?.message.content ?? '';
    expect(said).toContain('**Tofu65 case** reached its minimum');
    expect(said).toContain(`pay within 72 hours, by <t:${Date.parse(payBy as string) / 1000}:f>`);
    expect(said).toContain('`/c500 profile`');
    // Not the amount, the link, why the card needed them, or their address.
    for (const kept of ['$', 'http', 'declined', 'Main St', 'Member 2']) expect(said).not.toContain(kept);
    expect(notice?.message.components).toBeUndefined();
    // Where the mention sends them: their profile, which holds the open link for them alone.
    const profile = JSON.stringify(await profileView(w.deps, command({ name: 'c500', path: ['profile'], userId: closed })));
    const order = (await w.orders()).find((o) => o.buyerId === closed);
    expect(profile).toContain(`[Pay now](${order?.checkoutUrl})`);

    // A renewed link is where the first mention said to look: the channel is not pinged each day.
    await letWindowPass(w, closed);
    expect((await w.pledge(closed)).payLinks).toBeGreaterThan(1);
    expect(mentions()).toHaveLength(1);
  });
});
