/**
 * A refund C500 made by itself for money whose lots were gone when it came (paid after the
 * checkout expired, or after a lot moved on) that the buyer's bank then sends back, days later,
 * against the local Stripe: the failure is recorded on the expired lot, the money is journaled
 * as owed to its buyer (never the platform's), a person is paged once with the failed-refund
 * line, and the admin's "paid back outside Stripe" clears it, whatever redelivers the failure.
 * Or the admin gives it again with `/c500 refund`: exactly the part that failed, through Stripe,
 * read back from the local Stripe's own refunds and ledger, once however the command comes, in
 * words that say what to do when Stripe refuses.
 */
import { openShowCheckouts } from '../../shows/use-cases/show-checkout';
import { auctionOfferOrderId } from '../../auctions/use-cases/auction-offers';
import { passToRunnerUp } from '../../auctions';
import { journalOfGuild, unbalanced, writeEntryUnread } from '../../journal';
import { reconcileAll, reconcileGuild } from '../use-cases/reconcile';
import type { StripeEvent } from '../rules/stripe-event';
import { buyerPaidOutsideEntry, owedToBuyerOf } from '../rules/owed-to-buyer';
import { twoLotsPaidLate } from './two-lots-paid-late';
import { BUILDERS, GUILD, HOST, WINNER, showPaymentsWorld } from '../../../test/support/show-payments';
import { logLinesOf } from '../../../test/support/log-lines';
import { ADMIN, command } from '../../../test/support/interactions';
import { giveRefund } from '../use-cases/give-refund';
import { chargedCents } from '../../orders';

const [juno] = BUILDERS;
const ADMIN_USER = '800000000000000099';
const first = auctionOfferOrderId('auct0001', 0);
const second = auctionOfferOrderId('auct0002', 0);
type World = ReturnType<typeof showPaymentsWorld>;

/** Two lots won from juno in one checkout, paid at Stripe; `late`: after the checkout expired, or after the second lot moved on. */
async function givenBack(late: 'checkout-expired' | 'lot-moved-on') {
  const { w, paid, lots } = await twoLotsPaidLate(late);
  await w.deliver(paid);
  await w.deliver(w.event('charge.refunded', 'evt_refunded'));
  const [refund] = await w.payments.listRefunds();
  return { w, refundId: refund?.id as string, amountCents: refund?.amount as number, lots };
}

/** The daily run reads Stripe's lines, then the server's report reads the journal. */
async function reconciled(w: World) {
  await reconcileAll(w.deps, new Date(0));
  return reconcileGuild(w.deps, GUILD);
}

const byOrder = (a: { orderId?: string }, b: { orderId?: string }) => (a.orderId ?? '').localeCompare(b.orderId ?? '');

/** As givenBack, but the delivery that asked Stripe for the refund dies before it journals it (Stripe made it). */
async function paidBeforeItsRefundIsJournaled(late: 'checkout-expired' | 'lot-moved-on') {
  const w = showPaymentsWorld();
  await w.setUp();
  await w.account(juno);
  await w.account(HOST);
  await w.hammer({ auctionId: 'auct0001', builderId: juno, item: 'Tofu65 in e-white', priceCents: 25_000, runnerUpCents: 24_000 });
  await w.hammer({ auctionId: 'auct0002', builderId: juno, item: 'Mode Sonnet', priceCents: 12_345, runnerUpCents: 12_000 });
  await openShowCheckouts(w.deps, 'show0001');
  const [session] = await w.payments.listSessions();
  await w.payments.paySession(session?.id as string);
  const paid = w.event('checkout.session.completed', 'evt_paid');
  if (late === 'checkout-expired') {
    const object = { ...paid.data.object, status: 'expired', payment_status: 'unpaid' } as StripeEvent['data']['object'];
    await w.deliver({ ...paid, id: 'evt_expired', type: 'checkout.session.expired', data: { object } });
  } else expect(await passToRunnerUp(w.deps, second, 'evt_lot_lapsed')).toBe(true);
  const refund = w.payments.refund.bind(w.payments);
  w.payments.refund = async (request) => {
    await refund(request);
    throw new Error('the process died after Stripe made the refund');
  };
  await expect(w.deliver(paid)).rejects.toThrow('the process died');
  w.payments.refund = refund;
  return { w, paid };
}

/** The bank sends the refund back three days later; Stripe's `charge.refund.updated` is delivered, and delivered again. */
async function bankSendsItBack(w: World, refundId: string, eventId = 'evt_failed') {
  w.advance(3 * 86_400_000);
  const failed = await w.payments.failRefund(refundId);
  if (failed.result !== 'changed') throw new Error('the refund did not fail');
  const event = w.event('charge.refund.updated', eventId);
  return logLinesOf(async () => {
    await w.deliver(event);
    await w.deliver({ ...event, id: `${eventId}_again` });
  });
}

const owedOf = async (w: World, lots: string[]) => {
  const entries = await journalOfGuild(w.store, GUILD);
  return { entries, owed: lots.map((lot) => owedToBuyerOf(entries, 'usd', lot)) };
};

describe.each(['checkout-expired', 'lot-moved-on'] as const)('a refund C500 gave by itself (%s) that then fails at the bank', (late) => {
  it('is recorded on the lots it paid back, owed to their buyer, and paged once as a failed refund', async () => {
    const { w, refundId, amountCents, lots } = await givenBack(late);
    const { lines } = await bankSendsItBack(w, refundId);
    expect(lines.filter((l) => l.event === 'money.needs-human').map((l) => ({ reason: l.reason, amountCents: l.amountCents }))).toEqual([
      { reason: 'refund-failed', amountCents },
    ]);
    for (const lot of lots) expect((await w.order(lot)).failedRefunds?.map((f) => f.refundId)).toEqual([refundId]);
    const { entries, owed } = await owedOf(w, lots);
    expect(unbalanced(entries)).toEqual([]);
    expect(owed.reduce((sum, cents) => sum + cents, 0)).toBe(amountCents);
    // The lots paid stay as they were: none of the failed money is theirs.
    if (late === 'lot-moved-on') expect(await w.order(first)).toMatchObject({ status: 'paid', refundedCents: 0 });
    const report = await reconciled(w);
    expect(report?.unexplained).toEqual([]);
    expect(report?.uncleared.map((u) => ({ account: u.account, orderId: u.orderId })).sort(byOrder)).toEqual(
      lots.map((orderId) => ({ account: 'owed-to-buyer', orderId })).sort(byOrder),
    );
  });

  it('is owed to the buyer once when the failure comes before the refund is journaled, and the payment’s redelivery refunds nothing more', async () => {
    const { w, paid } = await paidBeforeItsRefundIsJournaled(late);
    const [made] = await w.payments.listRefunds();
    const { lines } = await bankSendsItBack(w, made?.id as string);
    await w.deliver({ ...paid, id: 'evt_paid_again' });
    await w.deliver({ ...paid, id: 'evt_paid_third' });
    expect(lines.filter((l) => l.event === 'money.needs-human').map((l) => l.reason)).toEqual(['refund-failed']);
    expect((await w.payments.listRefunds()).map((r) => ({ id: r.id, status: r.status }))).toEqual([{ id: made?.id, status: 'failed' }]);
    const lots = late === 'checkout-expired' ? [first, second] : [second];
    const { entries, owed } = await owedOf(w, lots);
    expect(unbalanced(entries)).toEqual([]);
    expect(owed.reduce((sum, cents) => sum + cents, 0)).toBe(made?.amount);
    for (const lot of lots) expect(await w.order(lot)).toMatchObject({ status: 'expired', refundedCents: 0 });
  });

  it('is cleared once an admin records how the buyer was paid back', async () => {
    const { w, refundId, lots } = await givenBack(late);
    await bankSendsItBack(w, refundId);
    for (const lot of lots) {
      const order = await w.order(lot);
      const entry = buyerPaidOutsideEntry(
        order,
        (await journalOfGuild(w.store, GUILD)).filter((e) => e.orderId === lot),
        'bank-transfer',
        w.deps.clock.now().toISOString(),
      );
      if (entry) await writeEntryUnread(w.store, entry);
    }
    const { entries, owed } = await owedOf(w, lots);
    expect(owed).toEqual(lots.map(() => 0));
    expect(unbalanced(entries)).toEqual([]);
    expect(await reconciled(w)).toMatchObject({ unexplained: [], uncleared: [] });
  });
});

/** An admin's `/c500 refund` of a lot (or the lot's builder's, `by: 'builder'`), as Discord sends it. */
const refundCommand = (lot: string, by: 'admin' | 'builder' = 'admin', options: Record<string, string | number> = {}) =>
  by === 'admin'
    ? command({ name: 'c500', path: ['refund'], options: { order: lot, ...options }, userId: ADMIN_USER, permissions: ADMIN })
    : command({ name: 'c500', path: ['refund'], options: { order: lot, ...options }, userId: juno });

const byCents = (a: number, b: number) => a - b;

/** The platform's refund lines at the local Stripe, by the charge they refund: what its own ledger moved. */
async function refundLines(w: World) {
  const lines = (await w.payments.listBalanceTransactions({ from: new Date(0), to: new Date(w.deps.clock.now().getTime() + 1_000) })) ?? [];
  return lines.filter((l) => l.type === 'refund').map((l) => ({ amountCents: l.amountCents, refund: l.sourceId }));
}

describe.each(['checkout-expired', 'lot-moved-on'] as const)('an admin giving again a refund C500 gave by itself (%s) that failed at the bank', (late) => {
  it('refunds each lot’s part that failed through Stripe, once, moves it from owed to refunded, clears the money check and tells the buyer once', async () => {
    const { w, refundId, amountCents, lots } = await givenBack(late);
    await bankSendsItBack(w, refundId);
    const parts = await owedOf(w, lots);
    for (const lot of lots) {
      const answer = await giveRefund(w.deps, refundCommand(lot));
      expect(answer.content).toContain(`\`${lot}\``);
      expect(answer.content).toContain('again');
      // Stripe's charge.refunded of the new refund, delivered and delivered again: nothing of it is any lot's to count twice.
      await w.deliver(w.event('charge.refunded', `evt_refunded_again_${lot}`));
      await w.deliver(w.event('charge.refunded', `evt_refunded_again_${lot}_2`));
    }
    // The local Stripe's own refunds: the one that failed, then one a lot for exactly its part of it.
    const refunds = await w.payments.listRefunds();
    const made = refunds.filter((r) => r.id !== refundId);
    expect(made.map((r) => r.status)).toEqual(lots.map(() => 'succeeded'));
    expect(made.map((r) => r.amount).sort(byCents)).toEqual(parts.owed.slice().sort(byCents));
    expect(made.reduce((sum, r) => sum + r.amount, 0)).toBe(amountCents);
    // Its ledger: the first refund's line and one for each refund given again, each the amount Stripe refunded.
    const lines = await refundLines(w);
    expect(
      lines
        .filter((l) => l.refund !== refundId)
        .map((l) => -l.amountCents)
        .sort(byCents),
    ).toEqual(made.map((r) => r.amount).sort(byCents));
    const { entries, owed } = await owedOf(w, lots);
    expect(owed).toEqual(lots.map(() => 0));
    expect(unbalanced(entries)).toEqual([]);
    for (const lot of lots) expect(await w.order(lot)).toMatchObject({ status: 'expired', refundedCents: chargedCents(await w.order(lot)) });
    if (late === 'lot-moved-on') expect(await w.order(first)).toMatchObject({ status: 'paid', refundedCents: 0 });
    expect(await reconciled(w)).toMatchObject({ unexplained: [], uncleared: [] });
    expect(w.dmsTo(WINNER).filter((m) => /again/.test(m.content ?? ''))).toHaveLength(lots.length);
  });

  it('refunds once when the command is delivered again, pressed twice, and its failure delivered again afterwards', async () => {
    const { w, refundId, lots } = await givenBack(late);
    const { lines: failed } = await bankSendsItBack(w, refundId);
    const lot = lots[0] as string;
    const press = refundCommand(lot);
    await giveRefund(w.deps, press);
    await giveRefund(w.deps, press);
    const second = await giveRefund(w.deps, refundCommand(lot));
    expect(second.content).toContain('already');
    await w.deliver(w.event('charge.refund.updated', 'evt_failed_third'));
    expect((await w.payments.listRefunds()).filter((r) => r.id !== refundId)).toHaveLength(1);
    const { entries, owed } = await owedOf(w, [lot]);
    expect(owed).toEqual([0]);
    expect(unbalanced(entries)).toEqual([]);
    expect(failed.filter((l) => l.event === 'money.needs-human')).toHaveLength(1);
    expect(w.dmsTo(WINNER).filter((m) => /again/.test(m.content ?? ''))).toHaveLength(1);
  });

  it('says what to do instead when Stripe refuses it (the charge was charged back), and the buyer stays owed on the money check', async () => {
    const { w, refundId, lots } = await givenBack(late);
    await bankSendsItBack(w, refundId);
    const lot = lots[0] as string;
    const { chargeId } = await w.order(lot);
    await w.payments.openDispute(chargeId as string, { reason: 'fraudulent' });
    const answer = await giveRefund(w.deps, refundCommand(lot));
    expect(answer.content).toContain('charged back');
    expect(answer.content).toContain('Record the buyer paid back');
    expect(answer.flags).toBe(64);
    expect((await w.payments.listRefunds()).map((r) => r.id)).toEqual([refundId]);
    const { owed } = await owedOf(w, [lot]);
    expect(owed[0]).toBeGreaterThan(0);
    // Pressed again: the same words, nothing asked of Stripe that could pay twice.
    expect((await giveRefund(w.deps, refundCommand(lot))).content).toContain('Record the buyer paid back');
    expect(w.dmsTo(WINNER).filter((m) => /again/.test(m.content ?? ''))).toEqual([]);
  });

  it('is the admin’s to give again: its builder is told to ask one', async () => {
    const { w, refundId, lots } = await givenBack(late);
    await bankSendsItBack(w, refundId);
    const answer = await giveRefund(w.deps, refundCommand(lots[0] as string, 'builder'));
    expect(answer.content).toContain('admin');
    expect((await w.payments.listRefunds()).map((r) => r.id)).toEqual([refundId]);
  });

  it('is owed to the buyer again when the refund given again fails too, and can be given once more', async () => {
    const { w, refundId, lots } = await givenBack(late);
    await bankSendsItBack(w, refundId);
    const lot = lots[0] as string;
    const { owed: before } = await owedOf(w, [lot]);
    await giveRefund(w.deps, refundCommand(lot));
    const [again] = (await w.payments.listRefunds()).filter((r) => r.id !== refundId);
    const { lines } = await bankSendsItBack(w, again?.id as string, 'evt_failed_given_again');
    expect(lines.filter((l) => l.event === 'money.needs-human').map((l) => ({ reason: l.reason, amountCents: l.amountCents }))).toEqual([
      { reason: 'refund-failed', amountCents: before[0] },
    ]);
    // Only the lot it gave again learnt of it.
    for (const other of lots.filter((l) => l !== lot)) expect((await w.order(other)).failedRefunds?.map((f) => f.refundId)).toEqual([refundId]);
    expect((await owedOf(w, [lot])).owed).toEqual(before);
    expect((await giveRefund(w.deps, refundCommand(lot))).content).toContain('again');
    const { entries, owed } = await owedOf(w, [lot]);
    expect(owed).toEqual([0]);
    expect(unbalanced(entries)).toEqual([]);
    expect((await w.payments.listRefunds()).filter((r) => r.status === 'succeeded').map((r) => r.amount)).toEqual(before);
  });
});

describe.each(['checkout-expired', 'lot-moved-on'] as const)('a refund given again (%s) whose answer is heard late', (late) => {
  it('stays owed to the buyer, once, when it fails at the bank before its answer is journaled, and nobody is told it reached them', async () => {
    const { w, refundId, lots } = await givenBack(late);
    await bankSendsItBack(w, refundId);
    const lot = lots[0] as string;
    const { owed: before } = await owedOf(w, [lot]);
    const press = refundCommand(lot);
    const refund = w.payments.refund.bind(w.payments);
    w.payments.refund = async (request) => {
      await refund(request);
      throw new Error('the process died after Stripe made the refund');
    };
    await expect(giveRefund(w.deps, press)).rejects.toThrow('the process died');
    w.payments.refund = refund;
    const [again] = (await w.payments.listRefunds()).filter((r) => r.id !== refundId);
    const { lines } = await bankSendsItBack(w, again?.id as string, 'evt_failed_given_again');
    // The command's job tries again: Stripe answers the same refund under its key, known failed.
    const answer = await giveRefund(w.deps, press);
    expect(answer.content).toContain('sent it back too');
    expect(lines.filter((l) => l.event === 'money.needs-human').map((l) => l.reason)).toEqual(['refund-failed']);
    const { entries, owed } = await owedOf(w, [lot]);
    expect(owed).toEqual(before);
    expect(unbalanced(entries)).toEqual([]);
    expect(w.dmsTo(WINNER).filter((m) => /again/.test(m.content ?? ''))).toEqual([]);
    expect((await reconciled(w))?.unexplained).toEqual([]);
    // Given again once more, for the failure of the one given again.
    expect((await giveRefund(w.deps, refundCommand(lot))).content).toContain('to bidder-31 again');
    expect((await owedOf(w, [lot])).owed).toEqual([0]);
  });

  it('refuses an amount other than what failed, saying what it is', async () => {
    const { w, refundId, lots } = await givenBack(late);
    await bankSendsItBack(w, refundId);
    const lot = lots[0] as string;
    const { owed } = await owedOf(w, [lot]);
    const answer = await giveRefund(w.deps, refundCommand(lot, 'admin', { amount: 1 }));
    expect(answer.content).toContain('exactly what failed');
    expect(answer.content).toContain(`$${((owed[0] ?? 0) / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}`);
    expect((await w.payments.listRefunds()).map((r) => r.id)).toEqual([refundId]);
  });
});
