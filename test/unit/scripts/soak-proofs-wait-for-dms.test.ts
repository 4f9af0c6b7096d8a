/**
 * The soak's proofs wait for the condition, not a fixed 1.5 s: the builders' DMs of the orders
 * it saw paid (or, for a show, as many order DMs as checkouts paid), read from the outbox.
 */
import { awaitedDmsArrived, orderIdsDmed } from '../../../scripts/soak/marketplace';
import { dm } from '../../support/soak-world';

const builders = ['b1', 'b2'];

describe('the soak’s proofs wait for the builders’ order DMs', () => {
  it('waits while an order the soak saw paid is in no builder’s DM yet', () => {
    const dmed = orderIdsDmed([dm(2, 'b1', 'Paid! Run `/c500 live mode:order:o1`')], builders, 1);
    expect(awaitedDmsArrived(dmed, { orders: new Set(['o1', 'o2']) })).toBe(false);
  });

  it('goes on once every order paid is in its builder’s DM, and proves only the ids DMed since the round began', () => {
    const entries = [
      dm(1, 'b1', 'an older round: `/c500 live mode:order:old1`'),
      dm(2, 'b1', 'Paid! Run `/c500 live mode:order:o1`'),
      dm(3, 'b2', 'Run `/c500 live mode:orders:o2,o3` while you build them'),
      dm(4, '801', 'a buyer’s receipt naming `mode:order:o9`'),
    ];
    const dmed = orderIdsDmed(entries, builders, 1);
    expect(awaitedDmsArrived(dmed, { orders: new Set(['o1', 'o2']) })).toBe(true);
    expect(Object.fromEntries(dmed.byBuilder)).toEqual({ b1: ['o1'], b2: ['o2', 'o3'] });
  });

  it('waits for as many order DMs as a show’s checkouts paid, whose order ids the soak never sees', () => {
    const one = orderIdsDmed([dm(2, 'b1', '`/c500 live mode:order:o1`')], builders, 1);
    expect(awaitedDmsArrived(one, { dms: 2 })).toBe(false);
    const two = orderIdsDmed([dm(2, 'b1', '`/c500 live mode:order:o1`'), dm(3, 'b2', '`/c500 live mode:order:o4`')], builders, 1);
    expect(awaitedDmsArrived(two, { dms: 2 })).toBe(true);
  });
});
