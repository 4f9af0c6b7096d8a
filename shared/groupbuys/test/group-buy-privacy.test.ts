/**
 * What a member's export and erasure do to the group buys' records, as the table of kept data
 * says: an interest is theirs alone (exported, then deleted), an open pledge is kept under
 * their id alone while the close is to come (their name taken off it), and their one customer
 * at Stripe is deleted.
 */
import { eraseMemberData, exportMemberData } from '../../privacy';
import { modalSubmit } from '../../../test/support/interactions';
import { markInterest } from '../use-cases/mark-interest';
import { postInterestCheck } from '../use-cases/post-interest-check';
import { interestPath } from '../rules/interest-check';
import { stripeCustomerPath } from '../rules/card-setup';
import { command } from '../../../test/support/interactions';
import { builder, members } from './group-buy-deps';
import { pledgeWorld } from './pledge-world';

const [ann] = members;

describe('a member’s group buy records under export and erasure', () => {
  it('exports their interest, pledge and Stripe customer; erasure deletes the interest and the customer and keeps the open pledge under their id alone', async () => {
    const w = await pledgeWorld();
    const posted = await postInterestCheck(
      w.deps,
      command({ name: 'c500', path: ['groupbuy', 'interest'], options: { title: 'Keys', price: 50, moq: 5 }, userId: builder }),
    );
    const checkId = /`([0-9a-z]{8})`/.exec(posted.content ?? '')?.[1] as string;
    await markInterest(w.deps, modalSubmit(`gbiq:${checkId}`, { quantity: '2' }, ann));
    await w.joined(ann, '1');

    const exported = await exportMemberData(w.deps.store, ann, w.deps.clock.now());
    const paths = exported?.records.map((r) => r.path).sort();
    expect(paths).toEqual([`groupBuys/${w.groupBuyId}/pledges/${ann}`, `interestChecks/${checkId}/interest/${ann}`, `stripeCustomers/${ann}`]);

    expect((await eraseMemberData({ store: w.deps.store, clock: w.deps.clock }, ann)).kind).toBe('erased');
    expect(await w.deps.store.get(interestPath(checkId, ann))).toBeUndefined();
    expect(await w.deps.store.get(stripeCustomerPath(ann))).toBeUndefined();
    const pledge = await w.pledge(ann);
    expect(pledge).toMatchObject({ buyerId: ann, status: 'pledged', paymentMethodId: expect.stringMatching(/^pm_/) });
    expect(pledge?.buyerName).not.toMatch(/User/);
  });
});
