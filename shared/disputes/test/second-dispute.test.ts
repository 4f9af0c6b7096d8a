/**
 * A charge's second dispute: an inquiry escalated into a chargeback on the same dispute object
 * (Stripe's `charge.dispute.updated` and `funds_withdrawn`), or a chargeback opened as a new
 * dispute object after an inquiry closed. Each is held and taken back as any chargeback; a
 * loss leaves the platform out only Stripe's 1,500 dispute fee, a win gives the shares back.
 */
import { LOT, releasedLot } from './released-lot';

describe('a chargeback after an inquiry on a released lot', () => {
  it('escalated on the same dispute object: takes back the builder’s 30,000 and the host’s 6,000, and gives them back when won', async () => {
    const { w, dispute, nets } = await releasedLot();
    await w.deliver(dispute('charge.dispute.created', 'dp_one', 'warning_needs_response'));
    await w.deliver(dispute('charge.dispute.updated', 'dp_one', 'needs_response'));
    await w.deliver(dispute('charge.dispute.funds_withdrawn', 'dp_one', 'needs_response'));
    expect(await nets()).toEqual({ builder: 0, host: 0 });
    const order = await w.order(LOT);
    expect(order.inquiry).toBeNull();
    expect(order.dispute).toMatchObject({ disputeId: 'dp_one', state: 'open' });
    await w.deliver(dispute('charge.dispute.closed', 'dp_one', 'won'));
    expect(await nets()).toEqual({ builder: 30_000, host: 6_000 });
  });

  it('as a new dispute object after the inquiry closed: taken back, and lost leaves the platform out only the 1,500 fee', async () => {
    const { w, dispute, nets } = await releasedLot();
    await w.deliver(dispute('charge.dispute.created', 'dp_ask', 'warning_needs_response'));
    await w.deliver(dispute('charge.dispute.closed', 'dp_ask', 'warning_closed'));
    await w.deliver(dispute('charge.dispute.created', 'dp_back', 'needs_response'));
    await w.deliver(dispute('charge.dispute.funds_withdrawn', 'dp_back', 'needs_response'));
    await w.deliver(dispute('charge.dispute.closed', 'dp_back', 'lost'));
    // The buyer has the 40,000 back from the bank; the platform kept its 4,000 fee and took back 36,000: out the fee alone.
    expect(await nets()).toEqual({ builder: 0, host: 0 });
    const order = await w.order(LOT);
    expect(order.dispute).toMatchObject({ disputeId: 'dp_back', state: 'lost', amountCents: 40_000 });
    expect(order.pastDisputes).toEqual([expect.objectContaining({ disputeId: 'dp_ask', kind: 'inquiry' })]);
    expect(await w.journalDebts(order.orderId)).toEqual({ builderDebt: 0, hostDebt: 0 });
  });

  it('as a new dispute object whose events arrive before the inquiry’s close: the same end', async () => {
    const { w, dispute, nets } = await releasedLot();
    await w.deliver(dispute('charge.dispute.created', 'dp_back', 'needs_response'));
    await w.deliver(dispute('charge.dispute.closed', 'dp_ask', 'warning_closed'));
    await w.deliver(dispute('charge.dispute.created', 'dp_ask', 'warning_needs_response'));
    await w.deliver(dispute('charge.dispute.closed', 'dp_back', 'lost'));
    expect(await nets()).toEqual({ builder: 0, host: 0 });
    const order = await w.order(LOT);
    expect(order.inquiry ?? undefined).toBeUndefined();
    expect(order.dispute).toMatchObject({ disputeId: 'dp_back', state: 'lost' });
  });
});

describe('a chargeback lost on a lot not yet shipped', () => {
  it('closes the order: out of the builder’s to-ship list, its address erased after the address period', async () => {
    const { w, dispute } = await releasedLot();
    await w.deliver(dispute('charge.dispute.created', 'dp_back', 'needs_response'));
    expect((await w.order(LOT)).status).toBe('building');
    await w.deliver(dispute('charge.dispute.closed', 'dp_back', 'lost'));
    const order = await w.order(LOT);
    expect(order.status).toBe('closed');
    expect(order.closedAt).toBe(w.deps.clock.now().toISOString());
  });
});
