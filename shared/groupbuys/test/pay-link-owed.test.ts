/**
 * A pay link Stripe refused to make (its 500 on the session, or a crash before it was kept) is
 * made by the batch run again: the pledge owes its link until it is made and sent. Found by the
 * soak, where the batch run again found the pledge no longer `pledged`, passed it over, and it
 * waited past its 72 hours on a link nobody had, its group buy charging for ever.
 */
import { closeTaskOf } from '../rules/charge-tasks';
import { closeGroupBuy } from '../use-cases/close-group-buy';
import { buyer, closeWorld } from './close-world';

describe('a pay link that failed to be made', () => {
  it('is made and sent when the batch runs again, and its expiry armed, so the pledge lapses or is paid in time', async () => {
    const w = await closeWorld();
    const [one, declined] = [buyer(1), buyer(2)];
    const groupBuy = await w.seed({ moq: 2, pledges: [{ buyerId: one }, { buyerId: declined, requestRefused: true }] });
    const create = w.deps.payments.createCheckoutSession.bind(w.deps.payments);
    let refused = 0;
    w.deps.payments.createCheckoutSession = async (request) => {
      if (refused++ === 0) throw new Error('Stripe answered 500 to POST /v1/checkout/sessions');
      return create(request);
    };
    await closeGroupBuy(w.deps, closeTaskOf(groupBuy).payload);
    await expect(w.runCharging()).rejects.toThrow('Stripe answered 500');
    expect(await w.pledge(declined)).toMatchObject({ status: 'needs-buyer' });
    expect((await w.pledge(declined)).payLinkSessionId).toBeUndefined();

    // Cloud Tasks runs the failed batch again.
    await w.runCharging();
    const pledge = await w.pledge(declined);
    expect(pledge.payLinkSessionId).toEqual(expect.stringMatching(/^cs_/));
    expect(w.dmsTo(declined)).toEqual([expect.stringContaining('could not be charged without you')]);
    expect(pledge).toMatchObject({ status: 'needs-buyer', payLinks: 1, payLinkOwed: false });
    expect(w.scheduled.filter((t) => t.queue === 'checkout-expiry')).toHaveLength(1);
    expect(await w.groupBuy()).toMatchObject({ status: 'charging', fundedUnits: 1 });
  });
});
