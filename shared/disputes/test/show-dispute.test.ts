/**
 * A dispute on a show winner's checkout (one charge, two lots from one builder), against the
 * local Stripe: the disputed amount is spread over the lots as refunds are, a lot already
 * released has its builder's share and host's cut taken back, the other's release waits,
 * and a win sends back what was taken and lets the waiting release go: every transfer, net
 * of its reversals, is what it would have been without the dispute, to the cent. The
 * evidence goes in a day before it is due, once.
 */
import { refundInJournal } from '../../../test/support/orders';
import { proveOrder } from '../../live/use-cases/prove-order';
import { openShowCheckouts } from '../../shows/use-cases/show-checkout';
import { auctionOfferOrderId } from '../../auctions/use-cases/auction-offers';
import { TaskNotDueYet } from '../../errors';
import { submitEvidence } from '../use-cases/submit-evidence';
import { disputePath } from '../rules/dispute';
import { disputedParts } from '../../payments';
import { orderPath } from '../../orders';
import { BUILDERS, showPaymentsWorld } from '../../../test/support/show-payments';

const [juno] = BUILDERS;
const A = auctionOfferOrderId('auct0001', 0);
const B = auctionOfferOrderId('auct0002', 0);

/** The two lots hammered to one winner and paid in one show checkout, none proved yet. */
async function paidShow() {
  const w = showPaymentsWorld();
  await w.setUp();
  const builder = await w.account(juno);
  await w.account('800000000000000010');
  await w.hammer({ auctionId: 'auct0001', builderId: juno, item: 'Tofu65', priceCents: 25_000 });
  await w.hammer({ auctionId: 'auct0002', builderId: juno, item: 'Mode Sonnet', priceCents: 12_345 });
  await openShowCheckouts(w.deps, 'show0001');
  const [session] = await w.payments.listSessions();
  await w.payments.paySession(session?.id as string);
  await w.deliver(w.event('checkout.session.completed', 'evt_paid'));
  const prove = (orderId: string) => proveOrder(w.deps, builder, orderId, {});
  return { w, prove };
}

async function disputedShow() {
  const { w, prove } = await paidShow();
  const chargeId = (await w.order(A)).chargeId as string;
  expect(await prove(A)).toMatchObject({ ok: true });
  const opened = await w.payments.openDispute(chargeId, { reason: 'product_not_received' });
  if (opened.result !== 'changed') throw new Error('no dispute opened');
  await w.deliver(w.event('charge.dispute.created', 'evt_dispute_created'));
  await w.deliver(w.event('charge.dispute.funds_withdrawn', 'evt_dispute_withdrawn'));
  const net = async () => (await w.payments.listTransfers()).reduce((sum, t) => sum + t.amount - t.amount_reversed, 0);
  return { w, prove, dispute: opened.object, net };
}

describe('a dispute on a show checkout of two lots', () => {
  it('spreads the disputed amount over the lots, takes back what the released lot sent, and holds the other', async () => {
    const { w, prove, net } = await disputedShow();
    expect((await w.order(A)).dispute).toMatchObject({ state: 'open', amountCents: 25_000 });
    // As Stripe has them: the released lot's builder share and host cut, each reversed in full.
    const lotA = (await w.payments.listTransfers()).filter((t) => t.metadata.order_id === A);
    expect(lotA.map((t) => [t.metadata.part === 'host-cut' ? 'host' : 'builder', t.amount_reversed]).sort()).toEqual([
      ['builder', 18_750],
      ['host', 3_750],
    ]);
    expect((await w.order(B)).dispute).toMatchObject({ state: 'open', amountCents: 12_345 });
    expect(await net()).toBe(0);
    expect(await prove(B)).toMatchObject({ ok: false, refusal: 'disputed' });
    expect(await net()).toBe(0);
  });

  it('when won, sends back what was taken and lets the waiting lot’s release go: each lot’s parts to the cent', async () => {
    const { w, prove, dispute, net } = await disputedShow();
    await prove(B);
    await w.payments.closeDispute(dispute.id, 'won');
    await w.deliver(w.event('charge.dispute.funds_reinstated', 'evt_dispute_reinstated'));
    await w.deliver(w.event('charge.dispute.closed', 'evt_dispute_closed'));
    await w.deliver(w.event('charge.dispute.closed', 'evt_dispute_closed'));
    // Both lots' builder shares and host cuts, net of the reversals: 18,750 + 3,750 + 9,258 + 1,852.
    expect(await net()).toBe(33_610);
    expect((await w.order(B)).payouts.builder.transferId).toBeDefined();
    expect((await w.order(A)).dispute).toMatchObject({ state: 'won', returning: { builderCents: 18_750, hostCents: 3_750 } });
  });

  it('submits the evidence only from a day before it is due, once', async () => {
    const { w, dispute } = await disputedShow();
    const task = w.scheduled.find((t) => t.name === `dispute-evidence-${dispute.id}`);
    expect(task?.runAt.getTime()).toBe(dispute.evidence_details.due_by * 1000 - 86_400_000);
    await expect(submitEvidence(w.deps, { disputeId: dispute.id })).rejects.toBeInstanceOf(TaskNotDueYet);
    w.advance(dispute.evidence_details.due_by * 1000 - 86_400_000 - w.deps.clock.now().getTime());
    expect(await submitEvidence(w.deps, { disputeId: dispute.id })).toBe(true);
    expect(await submitEvidence(w.deps, { disputeId: dispute.id })).toBe(false);
    const [local] = await w.payments.listDisputes();
    expect(local?.evidence_details.submission_count).toBe(1);
    expect(local?.evidence.product_description).toContain('Tofu65');
    expect(local?.evidence.product_description).toContain('Mode Sonnet');
    expect((await w.store.get(disputePath(dispute.id)))?.submittedAt).toBeDefined();
  });
});

/** The two lots paid, none proved yet, and a dispute of `amountCents` of the charge opened on them. */
async function paidShowDisputedFor(amountCents: number, beforeDispute: (w: ReturnType<typeof showPaymentsWorld>) => Promise<void> = async () => undefined) {
  const { w, prove } = await paidShow();
  await beforeDispute(w);
  const opened = await w.payments.openDispute((await w.order(A)).chargeId as string, { reason: 'fraudulent', amountCents });
  if (opened.result !== 'changed') throw new Error('no dispute opened');
  await w.deliver(w.event('charge.dispute.created', 'evt_dispute_created'));
  return { w, prove, dispute: opened.object };
}

describe('a dispute decided before the lots are proved', () => {
  it('GIVEN a partial dispute lost THEN each lot’s release leaves out its part of it, and nothing is reversed after', async () => {
    const { w, prove, dispute } = await paidShowDisputedFor(10_000);
    await w.payments.closeDispute(dispute.id, 'lost');
    await w.deliver(w.event('charge.dispute.closed', 'evt_dispute_closed'));
    expect(await prove(A)).toMatchObject({ ok: true });
    expect(await prove(B)).toMatchObject({ ok: true });
    const transfers = await w.payments.listTransfers();
    expect(transfers.map((t) => t.amount_reversed)).toEqual(transfers.map(() => 0));
    // 10,000 spread 6,694 / 3,306 by price: each lot's builder share and host cut lose their parts of it, once.
    const lots = [await w.order(A), await w.order(B)];
    expect(lots.map((o) => o.dispute?.amountCents)).toEqual([6_694, 3_306]);
    const withheld = lots.reduce((sum, o) => {
      const parts = disputedParts(o, o.dispute?.amountCents ?? 0);
      return sum + parts.builderCents + parts.hostCents;
    }, 0);
    expect(withheld).toBeGreaterThan(0);
    const net = transfers.reduce((sum, t) => sum + t.amount - t.amount_reversed, 0);
    expect(net).toBe(33_610 - withheld);
  });

  it('GIVEN a lot proved while disputed and shipped while its release waited THEN a won dispute releases it', async () => {
    const { w, prove, dispute } = await paidShowDisputedFor(37_345);
    expect(await prove(B)).toMatchObject({ ok: false, refusal: 'disputed' });
    await w.store.update(orderPath(B), { status: 'shipped', shippedAt: w.deps.clock.now().toISOString() });
    await w.payments.closeDispute(dispute.id, 'won');
    await w.deliver(w.event('charge.dispute.closed', 'evt_dispute_closed'));
    const b = await w.order(B);
    expect(b.payouts.builder.transferId).toBeDefined();
    expect((await w.journalNets(B)).builder).toBe(b.builderShareCents);
  });

  it('GIVEN one lot refunded in full before the dispute THEN the dispute of what is left falls on the other lot alone', async () => {
    const { w } = await paidShowDisputedFor(12_345, async (w) => {
      await refundInJournal(w.store, await w.order(A), 25_000);
    });
    expect((await w.order(A)).dispute?.amountCents).toBe(0);
    expect((await w.order(B)).dispute?.amountCents).toBe(12_345);
  });
});
