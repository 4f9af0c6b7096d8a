/**
 * What Stripe's webhooks make C500 write back to Stripe waits on no person, and comes in bulk
 * (a call-off's refunds, a bank's disputes in one backlog): it is batch work (stripe-work), so
 * the account's budget keeps its last tokens for a person's press. Each Stripe write the
 * subscriber makes is recorded with the work it was taken as.
 */
import { currentStripeWork, type StripeWork } from '../../stripe-work';
import { releasedLot } from '../../disputes/test/released-lot';

/** A lot paid and proved (disputes' released lot): the builder's share and the host's cut transferred; then every reversal made is recorded with its work. */
async function provedLot() {
  const { w, chargeId } = await releasedLot();
  const works: StripeWork[] = [];
  const reverse = w.payments.reverseTransfer.bind(w.payments);
  w.payments.reverseTransfer = async (request) => (works.push(currentStripeWork()), reverse(request));
  return { w, works, chargeId };
}

describe('Stripe writes a webhook leads to', () => {
  it('GIVEN a proved lot refunded at Stripe WHEN charge.refunded arrives THEN the reversals of what was sent go as batch work', async () => {
    const { w, works, chargeId } = await provedLot();
    await w.payments.refundCharge(chargeId);
    await w.deliver(w.event('charge.refunded', 'evt_refunded'));
    expect(works.length).toBeGreaterThan(0);
    expect(works.filter((work) => work !== 'batch')).toEqual([]);
  });

  it('GIVEN a proved lot disputed at the bank WHEN charge.dispute.created arrives THEN taking back what was sent goes as batch work', async () => {
    const { w, works, chargeId } = await provedLot();
    const opened = await w.payments.openDispute(chargeId, { reason: 'fraudulent' });
    if (opened.result !== 'changed') throw new Error('no dispute opened');
    await w.deliver(w.event('charge.dispute.created', 'evt_dispute_created'));
    expect(works.length).toBeGreaterThan(0);
    expect(works.filter((work) => work !== 'batch')).toEqual([]);
  });
});
