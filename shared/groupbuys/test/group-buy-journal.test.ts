/**
 * A charged group buy's money in the journal, held to the local Stripe's own ledger: every
 * charge made off session at the close and the one paid by its buyer (its refused intent confirmed
 * on session, or a Checkout pay link) is one balanced entry
 * (the charge into Stripe's balance, C500's fee earned, the builder's share held), every
 * balance transaction Stripe wrote for them is explained by the entries of its charge, and
 * Stripe's fees are recorded from its ledger. The facts are Stripe's lines, which the code
 * under test does not write.
 */
import { journalOfGuild, sumOf, unbalanced, type AccountName, type JournalEntry } from '../../journal';
import { reconcileAll, reconcileGuild } from '../../payments';
import { closeTaskOf } from '../rules/charge-tasks';
import { closeGroupBuy } from '../use-cases/close-group-buy';
import { GUILD, buyer, closeWorld } from './close-world';

/** An account's balance in the journal (debits positive), of one order's when named. */
const balanceOf = (entries: JournalEntry[], account: AccountName, orderId?: string) =>
  sumOf(entries, 'usd', (p) => p.account === account && (orderId === undefined || p.orderId === orderId));

describe('a charged group buy’s journal', () => {
  it('balances, and every line of the local Stripe’s ledger for its charges is explained by it', async () => {
    const w = await closeWorld();
    const pledges = [{ buyerId: buyer(1) }, { buyerId: buyer(2), quantity: 3 }, { buyerId: buyer(3), card: 'authentication_required' as const }];
    const groupBuy = await w.seed({ moq: 5, priceCents: 9_999, pledges });
    await closeGroupBuy(w.deps, closeTaskOf(groupBuy).payload);
    await w.runCharging();
    // The buyer the bank wanted confirms the refused PaymentIntent itself on session, after the bank's step.
    const paymentIntentId = (await w.pledge(buyer(3))).paymentIntentId as string;
    expect(await w.stripe.confirmOnSession({ paymentIntentId, returnUrl: 'https://c500.example/back' })).toMatchObject({ outcome: 'requires_action' });
    await w.stripe.authenticate(paymentIntentId, 'complete');
    await w.deliver();
    expect((await w.groupBuy()).status).toBe('funded');

    await reconcileAll(w.deps, new Date(0));
    const report = await reconcileGuild(w.deps, GUILD);
    const entries = await journalOfGuild(w.store, GUILD);
    expect(unbalanced(entries)).toEqual([]);
    expect(report).toMatchObject({ unexplained: [], uncleared: [] });
    expect(report?.matched).toBe(report?.balanceTransactions);

    // Stripe's side: the lines it wrote for the three charges (two off session, one on the link) and what it kept.
    const lines = await w.stripe.listBalanceTransactions({ from: new Date(0), to: new Date(w.now().getTime() + 1_000) });
    const charges = lines.filter((l) => l.reportingCategory === 'charge');
    expect(charges.map((l) => l.amountCents).sort((a, b) => a - b)).toEqual([9_999, 9_999, 29_997]);
    const stripeIn = charges.reduce((sum, l) => sum + l.amountCents, 0);
    const stripeFees = charges.reduce((sum, l) => sum + l.feeCents, 0);
    expect(balanceOf(entries, 'stripe-balance')).toBe(stripeIn - stripeFees);
    expect(balanceOf(entries, 'stripe-fees')).toBe(stripeFees);

    // Each order: its fee earned (10 %), the rest held for the builder until production is proven.
    for (const order of await w.orders()) {
      expect(order.platformFeeCents + order.builderShareCents).toBe(order.amountCents);
      expect(-balanceOf(entries, 'held', order.orderId)).toBe(order.builderShareCents);
    }
    expect(-balanceOf(entries, 'platform-fees')).toBe((await w.orders()).reduce((sum, o) => sum + o.platformFeeCents, 0));
  });
});

describe('a charged group buy’s journal with shipping fixed from the addresses', () => {
  it('charges each pledge its price and shipping, on a pay link too, takes the fee on the price alone, and balances with Stripe’s ledger', async () => {
    const w = await closeWorld();
    const pledges = [
      { buyerId: buyer(1), shippingCents: 800 },
      { buyerId: buyer(2), quantity: 2, shippingCents: 0 },
      { buyerId: buyer(3), requestRefused: true, shippingCents: 2_500 },
    ];
    const groupBuy = await w.seed({ moq: 4, priceCents: 10_000, pledges });
    await closeGroupBuy(w.deps, closeTaskOf(groupBuy).payload);
    await w.runCharging();
    expect((await w.paymentIntents()).map((p) => p.amount).sort((a, b) => a - b)).toEqual([10_800, 20_000]);
    const link = (await w.pledge(buyer(3))).payLinkSessionId as string;
    const session = (await w.stripe.session(link))?.session;
    expect(session?.amount_total).toBe(12_500);
    expect(session?.line_items.data.map((l) => [l.description, l.amount_total])).toEqual([
      ['Tofu65 case', 10_000],
      ['Shipping to US', 2_500],
    ]);
    expect(w.dmsTo(buyer(3)).join('\n')).toContain('$125.00 ($100.00 and $25.00 shipping)');
    // Declined at the close: the buyer pays the Checkout link with another card.
    await w.stripe.paySession(link, 'card', undefined, 'works');
    await w.deliver();
    expect((await w.groupBuy()).status).toBe('funded');

    const orders = await w.orders();
    expect(orders.map((o) => [o.buyerId, o.status, o.amountCents, o.shippingCents, o.platformFeeCents]).sort()).toEqual(
      [
        [buyer(1), 'paid', 10_000, 800, 1_000],
        [buyer(2), 'paid', 20_000, 0, 2_000],
        [buyer(3), 'paid', 10_000, 2_500, 1_000],
      ].sort(),
    );
    expect(w.dmsTo(buyer(1)).join('\n')).toContain('your card was charged $108.00 ($100.00 and $8.00 shipping)');

    await reconcileAll(w.deps, new Date(0));
    const report = await reconcileGuild(w.deps, GUILD);
    const entries = await journalOfGuild(w.store, GUILD);
    expect(unbalanced(entries)).toEqual([]);
    expect(report).toMatchObject({ unexplained: [], uncleared: [] });
    const lines = await w.stripe.listBalanceTransactions({ from: new Date(0), to: new Date(w.now().getTime() + 1_000) });
    const charges = lines.filter((l) => l.reportingCategory === 'charge');
    expect(charges.map((l) => l.amountCents).sort((a, b) => a - b)).toEqual([10_800, 12_500, 20_000]);
    // Held for the builder: their share of the price and the whole shipping, released as production is proven.
    for (const order of orders) expect(-balanceOf(entries, 'held', order.orderId)).toBe(order.builderShareCents + (order.shippingCents ?? 0));
    expect(-balanceOf(entries, 'platform-fees')).toBe(4_000);
  });
});
