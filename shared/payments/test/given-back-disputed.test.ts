/**
 * A chargeback on a payment that came after its lots were gone (issue 75), against the local
 * Stripe: C500 gave the money back by itself (or Stripe refused that, or the refund failed at the
 * bank), and then the buyer's bank disputes the charge. Stripe lets a bank dispute a charge
 * whatever was refunded of it ("a payment can sometimes be disputed for the full amount even if a
 * partial refund has already been issued", support.stripe.com) and withdraws the amount and its
 * fee from the platform's balance. The lots stay expired and carry the dispute; what the bank
 * returns pays what the buyer was held or owed (never twice); the fee is the platform's; the
 * server's admin is told once per step; the books match Stripe's own lines, whatever order and
 * however often Stripe's events come.
 */
import { auctionOfferOrderId } from '../../auctions/use-cases/auction-offers';
import { heldFor, journalOfGuild, unbalanced } from '../../journal';
import { reconcileAll, reconcileGuild } from '../use-cases/reconcile';
import type { StripeEvent } from '../rules/stripe-event';
import { owedToBuyerOf } from '../rules/owed-to-buyer';
import { platformResults } from '../rules/platform-result';
import { twoLotsPaidLate } from './two-lots-paid-late';
import { BUILDERS, GUILD, type showPaymentsWorld } from '../../../test/support/show-payments';
import { logLinesOf } from '../../../test/support/log-lines';
import { ADMIN, command } from '../../../test/support/interactions';
import { giveRefund } from '../use-cases/give-refund';

const [juno] = BUILDERS;
const ADMIN_USER = '800000000000000099';
const first = auctionOfferOrderId('auct0001', 0);
const second = auctionOfferOrderId('auct0002', 0);
type World = ReturnType<typeof showPaymentsWorld>;

/** Two lots won from juno in one checkout, paid at Stripe, the checkout expired (or the second lot moved on) first. */
async function paidLate(late: 'checkout-expired' | 'lot-moved-on') {
  const { w, paid, sessionId, lots } = await twoLotsPaidLate(late, { fraudSettingsBy: ADMIN_USER });
  const chargeId = (await w.payments.chargeOfSession(sessionId)) as string;
  return { w, paid, chargeId, lots };
}

/** The late payment given back by C500 (one refund), and `charge.refunded` delivered. */
async function givenBack(late: 'checkout-expired' | 'lot-moved-on') {
  const world = await paidLate(late);
  await world.w.deliver(world.paid);
  await world.w.deliver(world.w.event('charge.refunded', 'evt_refunded'));
  const [refund] = await world.w.payments.listRefunds();
  return { ...world, refundId: refund?.id as string, chargedCents: refund?.amount as number };
}

async function bankSendsItBack(w: World, refundId: string) {
  w.advance(3 * 86_400_000);
  await w.payments.failRefund(refundId);
  await w.deliver(w.event('charge.refund.updated', 'evt_refund_failed'));
}

/** The bank opens a chargeback; its events are not delivered yet. */
async function chargeback(w: World, chargeId: string, amountCents?: number) {
  const opened = await w.payments.openDispute(chargeId, { reason: 'fraudulent', ...(amountCents ? { amountCents } : {}) });
  if (opened.result !== 'changed') throw new Error('no dispute opened');
  return {
    dispute: opened.object,
    events: [w.event('charge.dispute.created', 'evt_dp_created'), w.event('charge.dispute.funds_withdrawn', 'evt_dp_withdrawn')],
  };
}

async function decide(w: World, disputeId: string, status: 'won' | 'lost') {
  await w.payments.closeDispute(disputeId, status);
  const closed = [w.event('charge.dispute.closed', `evt_dp_${status}`)];
  return status === 'won' ? [...closed, w.event('charge.dispute.funds_reinstated', 'evt_dp_reinstated')] : closed;
}

async function deliverAll(w: World, events: readonly StripeEvent[]) {
  for (const event of events) await w.deliver(event);
}

/** The daily run reads Stripe's lines (and journals its fees), then the server's report reads the journal. */
async function books(w: World, lots: readonly string[]) {
  await reconcileAll(w.deps, new Date(0));
  const report = await reconcileGuild(w.deps, GUILD);
  const entries = await journalOfGuild(w.store, GUILD);
  const orders = await Promise.all(lots.map((lot) => w.order(lot)));
  return {
    entries,
    report,
    owed: lots.map((lot) => owedToBuyerOf(entries, 'usd', lot)),
    held: lots.map((lot) => heldFor(entries, 'usd', lot)),
    result: platformResults(entries, orders, 'usd').total,
  };
}

const disputeFeeOf = (dispute: { balance_transactions: Array<{ fee: number }> }) => dispute.balance_transactions.reduce((sum, t) => sum + t.fee, 0);
const toAdmin = (w: World) => w.dmsTo(ADMIN_USER).map((m) => m.content ?? '');

describe('a chargeback on a late payment whose give-back failed at the bank', () => {
  it('is recorded on the expired lots, pays what the buyer was owed, journals the fee, and tells the admin once, redelivered', async () => {
    const { w, chargeId, refundId, lots, chargedCents } = await givenBack('checkout-expired');
    await bankSendsItBack(w, refundId);
    const { dispute, events } = await chargeback(w, chargeId);
    await deliverAll(w, [...events, ...events.map((e) => ({ ...e, id: `${e.id}_again` }))]);
    for (const lot of lots) expect(await w.order(lot)).toMatchObject({ status: 'expired', dispute: { disputeId: dispute.id, state: 'open' } });
    const { entries, report, owed, held } = await books(w, lots);
    expect(unbalanced(entries)).toEqual([]);
    // The bank returned the whole charge to the buyer: what they were owed is paid, nothing is left held.
    expect(dispute.amount).toBe(chargedCents);
    expect(owed).toEqual([0, 0]);
    expect(held).toEqual([0, 0]);
    expect(
      entries
        .filter((e) => e.kind === 'dispute-withdrawal')
        .flatMap((e) => e.postings)
        .filter((p) => p.account === 'dispute-fees'),
    ).toEqual([{ account: 'dispute-fees', amountCents: disputeFeeOf(dispute) }]);
    expect(report?.unexplained).toEqual([]);
    expect(report?.uncleared).toEqual([]);
    expect(toAdmin(w).filter((m) => m.includes('charged back'))).toHaveLength(1);
    expect(toAdmin(w)[toAdmin(w).length - 1]).toContain('pays them back what they were owed');
    // Nothing was sold: the builder hears nothing of it, and nothing of theirs is taken.
    expect(w.dmsTo(juno).filter((m) => (m.content ?? '').includes('disputed'))).toEqual([]);
  });

  it('leaves the buyer owed again when the bank decides for C500, and paid when it decides for the buyer', async () => {
    for (const outcome of ['won', 'lost'] as const) {
      const { w, chargeId, refundId, lots } = await givenBack('checkout-expired');
      await bankSendsItBack(w, refundId);
      const { dispute, events } = await chargeback(w, chargeId);
      await deliverAll(w, events);
      const closed = await decide(w, dispute.id, outcome);
      await deliverAll(w, [...closed, ...closed]);
      const { entries, report, owed, result } = await books(w, lots);
      expect(unbalanced(entries)).toEqual([]);
      expect(report?.unexplained).toEqual([]);
      expect(owed.reduce((sum, c) => sum + c, 0)).toBe(outcome === 'won' ? dispute.amount : 0);
      expect(report?.uncleared.map((u) => u.account)).toEqual(outcome === 'won' ? ['owed-to-buyer', 'owed-to-buyer'] : []);
      // The platform pays the dispute fee and nothing else: the money the bank moved was the buyer's.
      expect(result.disputeLossCents).toBe(0);
      expect(result.disputeFeeCents).toBe(disputeFeeOf((await w.payments.listDisputes())[0] as typeof dispute));
      expect(toAdmin(w).filter((m) => m.includes(outcome === 'won' ? 'for C500' : 'for the buyer'))).toHaveLength(1);
    }
  });

  it('comes to the same when the dispute is closed before its opening is delivered', async () => {
    const { w, chargeId, refundId, lots } = await givenBack('checkout-expired');
    await bankSendsItBack(w, refundId);
    const { dispute, events } = await chargeback(w, chargeId);
    const closed = await decide(w, dispute.id, 'lost');
    await deliverAll(w, [...closed, ...events.reverse()]);
    for (const lot of lots) expect((await w.order(lot)).dispute).toMatchObject({ disputeId: dispute.id, state: 'lost' });
    const { entries, report, owed } = await books(w, lots);
    expect(unbalanced(entries)).toEqual([]);
    expect(owed).toEqual([0, 0]);
    expect(report?.unexplained).toEqual([]);
    expect(report?.uncleared).toEqual([]);
  });

  it('is recorded on the lot that moved on, beside the paid lot its checkout kept', async () => {
    const { w, chargeId, refundId } = await givenBack('lot-moved-on');
    await bankSendsItBack(w, refundId);
    const { dispute, events } = await chargeback(w, chargeId);
    await deliverAll(w, events);
    expect(await w.order(second)).toMatchObject({ status: 'expired', dispute: { disputeId: dispute.id } });
    expect(await w.order(first)).toMatchObject({ status: 'paid', dispute: { disputeId: dispute.id, state: 'open' } });
    const { entries, report, owed } = await books(w, [second]);
    expect(unbalanced(entries)).toEqual([]);
    expect(owed).toEqual([0]);
    expect(report?.unexplained).toEqual([]);
    expect(report?.uncleared).toEqual([]);
  });
});

describe('a chargeback on a late payment Stripe would not let C500 give back', () => {
  /** The bank disputes the charge before C500 hears of the payment: Stripe then refuses its refund ("charged back"). */
  async function disputedFirst() {
    const world = await paidLate('checkout-expired');
    const { dispute, events } = await chargeback(world.w, world.chargeId);
    return { ...world, dispute, events };
  }

  it.each([
    ['after the payment', 'payment-first'],
    ['before the payment (they find no lot then)', 'dispute-first'],
  ] as const)('settles the money held for the buyer when its events come %s, paged once, nothing refunded', async (_, order) => {
    const { w, paid, dispute, events, lots } = await disputedFirst();
    const { lines } = await logLinesOf(async () => {
      if (order === 'dispute-first') await deliverAll(w, events);
      await w.deliver(paid);
      if (order === 'payment-first') await deliverAll(w, events);
      await deliverAll(
        w,
        events.map((e) => ({ ...e, id: `${e.id}_again` })),
      );
    });
    expect(lines.filter((l) => l.event === 'money.needs-human').map((l) => l.reason)).toEqual(['paid-after-expiry']);
    expect(await w.payments.listRefunds()).toEqual([]);
    for (const lot of lots) expect(await w.order(lot)).toMatchObject({ status: 'expired', dispute: { disputeId: dispute.id } });
    const { entries, report, held, owed } = await books(w, lots);
    expect(unbalanced(entries)).toEqual([]);
    expect(held).toEqual([0, 0]);
    expect(owed).toEqual([0, 0]);
    expect(report?.unexplained).toEqual([]);
    expect(report?.uncleared).toEqual([]);
    expect(toAdmin(w).filter((m) => m.includes('do not refund it in Stripe too'))).toHaveLength(1);
  });
});

describe('a chargeback won on a late payment Stripe would not let C500 give back', () => {
  it('holds the money for the buyer again, the admin told to give it back, and /c500 refund gives it back once', async () => {
    const world = await paidLate('checkout-expired');
    const { w, paid, lots } = world;
    const { dispute, events } = await chargeback(w, world.chargeId);
    await deliverAll(w, [...events, paid]);
    await deliverAll(w, await decide(w, dispute.id, 'won'));
    const won = await books(w, lots);
    expect(won.held.reduce((sum, c) => sum + c, 0)).toBe(dispute.amount);
    expect(won.report?.uncleared.map((u) => u.account)).toEqual(['held', 'held']);
    expect(toAdmin(w).filter((m) => m.includes(`/c500 refund order:`))).toHaveLength(1);
    for (const lot of lots) {
      const press = command({ name: 'c500', path: ['refund'], options: { order: lot }, userId: ADMIN_USER, permissions: ADMIN });
      await giveRefund(w.deps, press);
      await giveRefund(w.deps, press);
    }
    await w.deliver(w.event('charge.refunded', 'evt_refunded_after_win'));
    const refunds = await w.payments.listRefunds();
    expect(refunds.reduce((sum, r) => sum + r.amount, 0)).toBe(dispute.amount);
    expect(refunds).toHaveLength(lots.length);
    const after = await books(w, lots);
    expect(unbalanced(after.entries)).toEqual([]);
    expect(after.held).toEqual([0, 0]);
    expect(after.report?.unexplained).toEqual([]);
    expect(after.report?.uncleared).toEqual([]);
    expect(after.result).toMatchObject({ disputeLossCents: 0, disputeFeeCents: disputeFeeOf(dispute) });
  });
});

describe('a chargeback on a late payment C500 already gave back', () => {
  it('withdraws the whole charge again until the bank decides: the admin is told to answer with the refund; won, nothing is lost', async () => {
    const { w, chargeId, lots, chargedCents } = await givenBack('checkout-expired');
    const { dispute, events } = await chargeback(w, chargeId, chargedCents);
    await deliverAll(w, events);
    expect(toAdmin(w).filter((m) => m.includes('C500 had already refunded it'))).toHaveLength(1);
    const open = await books(w, lots);
    expect(unbalanced(open.entries)).toEqual([]);
    expect(open.report?.unexplained).toEqual([]);
    // The buyer has the refund and, for now, the bank's return: the platform is short by the charge until the bank decides.
    expect(open.held.reduce((sum, c) => sum + c, 0)).toBe(-dispute.amount);
    expect(open.owed).toEqual([0, 0]);
    await deliverAll(w, await decide(w, dispute.id, 'won'));
    const won = await books(w, lots);
    expect(won.held).toEqual([0, 0]);
    expect(won.report?.unexplained).toEqual([]);
    expect(won.report?.uncleared).toEqual([]);
    expect(won.result).toMatchObject({ disputeLossCents: 0, disputeFeeCents: disputeFeeOf(dispute) });
  });

  it('counts the charge as the dispute’s loss when the bank decides for the buyer, who was paid twice', async () => {
    const { w, chargeId, lots, chargedCents } = await givenBack('checkout-expired');
    const { dispute, events } = await chargeback(w, chargeId, chargedCents);
    await deliverAll(w, [...events, ...(await decide(w, dispute.id, 'lost'))]);
    const lost = await books(w, lots);
    expect(unbalanced(lost.entries)).toEqual([]);
    expect(lost.report?.unexplained).toEqual([]);
    expect(lost.result.disputeLossCents).toBe(dispute.amount);
    expect(toAdmin(w).filter((m) => m.includes('They had been refunded too'))).toHaveLength(1);
  });
});
