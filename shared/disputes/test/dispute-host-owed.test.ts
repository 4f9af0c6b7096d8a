/**
 * A show host with no account that takes transfers is owed their cut by hand
 * (`hostPayouts/<order>`). A dispute on the lot makes it owed less, as a refund does, and a
 * won dispute makes it owed again: the platform never pays by hand what the bank took back.
 */
import { proveOrder } from '../../live/use-cases/prove-order';
import { openShowCheckouts } from '../../shows/use-cases/show-checkout';
import { auctionOfferOrderId } from '../../auctions/use-cases/auction-offers';
import { hostPayoutPath } from '../../payments/rules/host-payout';
import { BUILDERS, showPaymentsWorld } from '../../../test/support/show-payments';

const [juno] = BUILDERS;
const A = auctionOfferOrderId('auct0001', 0);

async function owedHostDisputed() {
  const w = showPaymentsWorld();
  await w.setUp();
  const builder = await w.account(juno);
  await w.hammer({ auctionId: 'auct0001', builderId: juno, item: 'Tofu65', priceCents: 25_000 });
  await openShowCheckouts(w.deps, 'show0001');
  const [session] = await w.payments.listSessions();
  await w.payments.paySession(session?.id as string);
  await w.deliver(w.event('checkout.session.completed', 'evt_paid'));
  expect(await proveOrder(w.deps, builder, A, {})).toMatchObject({ ok: true });
  const owed = async () => (await w.store.get(hostPayoutPath(A)))?.amountCents;
  expect(await owed()).toBe(3_750);
  const opened = await w.payments.openDispute((await w.order(A)).chargeId as string, { reason: 'product_not_received' });
  if (opened.result !== 'changed') throw new Error('no dispute opened');
  await w.deliver(w.event('charge.dispute.created', 'evt_dispute_created'));
  await w.deliver(w.event('charge.dispute.created', 'evt_dispute_created_again'));
  return { w, owed, dispute: opened.object };
}

describe('a dispute on a lot whose host is owed their cut by hand', () => {
  it('makes the cut owed less by the host’s part of the disputed amount, once', async () => {
    const { w, owed } = await owedHostDisputed();
    expect(await owed()).toBe(0);
    expect((await w.order(A)).dispute).toMatchObject({ hostOwedTakenCents: 3_750 });
  });

  it('makes it owed again when the dispute is won, once', async () => {
    const { w, owed, dispute } = await owedHostDisputed();
    await w.payments.closeDispute(dispute.id, 'won');
    await w.deliver(w.event('charge.dispute.closed', 'evt_dispute_closed'));
    await w.deliver(w.event('charge.dispute.closed', 'evt_dispute_closed_again'));
    expect(await owed()).toBe(3_750);
  });
});
