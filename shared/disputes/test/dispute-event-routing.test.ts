/**
 * A dispute event goes to the disputes module before payments (the router's
 * `receiveStripeEvent`): disputes decides when money moves and asks payments what moved, so
 * the dispute's path enters payments once. Payments refuses one that reaches it, as a wiring
 * defect, rather than acting on it or dropping it.
 */
import { disputeFactOf, handleStripeEvent } from '../../payments';
import { disputePath } from '../rules/dispute';
import { LOT, releasedLot } from './released-lot';

describe('a dispute event on its way in', () => {
  it('GIVEN a chargeback THEN the disputes module records it and takes the shares back, once however often it is delivered', async () => {
    const { w, dispute, nets } = await releasedLot();
    const opened = dispute('charge.dispute.created', 'dp_route', 'needs_response');
    await w.deliver(opened);
    await w.deliver(opened);
    expect(await w.deps.store.get(disputePath('dp_route'))).toMatchObject({ disputeId: 'dp_route', status: 'needs_response', orderIds: [LOT] });
    expect(await nets()).toEqual({ builder: 0, host: 0 });
  });

  it('GIVEN payments handed a dispute event THEN it refuses it as a wiring defect and nothing moves', async () => {
    const { w, dispute, nets } = await releasedLot();
    await expect(handleStripeEvent(w.deps, dispute('charge.dispute.created', 'dp_astray', 'needs_response'))).rejects.toThrow(/goes to the disputes module/);
    expect(await w.deps.store.get(disputePath('dp_astray'))).toBeUndefined();
    expect(await nets()).toEqual({ builder: 30_000, host: 6_000 });
  });

  it('reads a dispute fact only from a dispute event, and a malformed one as a fact with no dispute', async () => {
    const { w, dispute } = await releasedLot();
    expect(disputeFactOf(w.event('checkout.session.completed', 'evt_paid_again'))).toBeUndefined();
    const broken = dispute('charge.dispute.updated', 'dp_broken', 'needs_response');
    expect(disputeFactOf({ ...broken, data: { object: { id: 'not-a-dispute' } } })).toEqual({ eventId: broken.id, seen: undefined });
    expect(disputeFactOf(broken)?.seen).toMatchObject({ disputeId: 'dp_broken', status: 'needs_response' });
  });
});
