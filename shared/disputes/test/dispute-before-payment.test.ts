/**
 * Stripe delivers events in any order: a dispute's events can be handled before the payment
 * they dispute (a webhook retried, a message held back). The dispute must still reach the
 * orders once they are paid, so no release goes out while it is open.
 */
import { proveOrder } from '../../live/use-cases/prove-order';
import { openShowCheckouts } from '../../shows/use-cases/show-checkout';
import { auctionOfferOrderId } from '../../auctions/use-cases/auction-offers';
import { disputePath } from '../rules/dispute';
import { BUILDERS, showPaymentsWorld } from '../../../test/support/show-payments';

const [juno] = BUILDERS;
const A = auctionOfferOrderId('auct0001', 0);

describe('a dispute handled before the payment it disputes', () => {
  it('holds the release once the payment lands, schedules the evidence and tells the builder', async () => {
    const w = showPaymentsWorld();
    await w.setUp();
    const builder = await w.account(juno);
    await w.account('800000000000000010');
    await w.hammer({ auctionId: 'auct0001', builderId: juno, item: 'Tofu65', priceCents: 25_000 });
    await openShowCheckouts(w.deps, 'show0001');
    const [session] = await w.payments.listSessions();
    await w.payments.paySession(session?.id as string);
    const chargeId = await w.payments.chargeOfSession(session?.id as string);
    const opened = await w.payments.openDispute(chargeId as string, { reason: 'fraudulent' });
    if (opened.result !== 'changed') throw new Error('no dispute opened');
    await w.deliver(w.event('charge.dispute.created', 'evt_dispute_created'));
    await w.deliver(w.event('charge.dispute.funds_withdrawn', 'evt_dispute_withdrawn'));
    expect((await w.store.get(disputePath(opened.object.id)))?.orderIds).toEqual([]);

    await w.deliver(w.event('checkout.session.completed', 'evt_paid'));
    expect((await w.order(A)).dispute).toMatchObject({ disputeId: opened.object.id, state: 'open', amountCents: 25_000 });
    expect(await proveOrder(w.deps, builder, A, {})).toMatchObject({ ok: false, refusal: 'disputed' });
    expect(await w.payments.listTransfers()).toEqual([]);
    expect((await w.store.get(disputePath(opened.object.id)))?.orderIds).toEqual([A]);
    expect(w.scheduled.some((t) => t.name === `dispute-evidence-${opened.object.id}`)).toBe(true);
    expect(w.dmsTo(juno).some((m) => /disputed the payment/.test(m.content ?? ''))).toBe(true);
  });
});
