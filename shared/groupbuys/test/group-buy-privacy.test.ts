/**
 * What a member's export and erasure do to the group buys' records, as the table of kept data
 * says: an interest is theirs alone (exported, then deleted, the check's counts lowered with
 * it), an open pledge is kept under their id alone while the close is to come (their name taken
 * off it), and their one customer at Stripe is deleted.
 */
import { eraseMemberData, exportMemberData, memberDataSummary, sweepOpenObligations } from '../../privacy';
import { collectionPath } from '../../ports';
import { pledgePath } from '../rules/group-buy';

type Fields = Record<string, unknown>;
import { modalSubmit } from '../../../test/support/interactions';
import { markInterest } from '../use-cases/mark-interest';
import { postInterestCheck } from '../use-cases/post-interest-check';
import { checkIdOfInterest, interestCheckPath, interestPath } from '../rules/interest-check';
import { withdrawErasedInterest } from '../use-cases/erased-interest';
import { stripeCustomerPath } from '../rules/card-setup';
import { command } from '../../../test/support/interactions';
import { builder, members } from './group-buy-deps';
import { pledgeWorld } from './pledge-world';

const [ann, ben] = members;

describe('a member’s group buy records under export and erasure', () => {
  it('exports their interest, pledge and Stripe customer; erasure deletes the interest and the customer and keeps the open pledge under their id alone', async () => {
    const w = await pledgeWorld();
    const posted = await postInterestCheck(
      w.deps,
      command({ name: 'groupbuy', path: ['interest'], options: { title: 'Keys', price: 50, moq: 5 }, userId: builder }),
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

describe('an open pledge in the erasure’s Done list and the next summary', () => {
  it('GIVEN a member pledged with a saved card WHEN they erase THEN the Done list and the next /c500 privacy summary name the pledge in the same words', async () => {
    const w = await pledgeWorld();
    await w.joined(ann, '1');
    const outcome = await eraseMemberData({ store: w.deps.store, clock: w.deps.clock }, ann);
    if (outcome.kind !== 'erased') throw new Error(`not erased: ${outcome.kind}`);
    // `kept` is the Done list's bullets, as the erasure's answer lists them.
    const pledgeLine = outcome.kept.find((line) => /pledge/.test(line)) as string;
    expect(pledgeLine).toContain('may still charge your saved card');
    const summary = (await memberDataSummary(w.deps.store, ann)) ?? [];
    expect(summary.filter((line) => /pledge/.test(line))).toEqual([`1 × ${pledgeLine}`]);
  });
});

describe('an erased member’s charged pledge', () => {
  it('GIVEN an erased member whose pledge was then charged at the close WHEN the retention sweep runs THEN no pledge keeps their id, in its fields or its path', async () => {
    const w = await pledgeWorld();
    await w.joined(ann, '1');
    expect((await eraseMemberData({ store: w.deps.store, clock: w.deps.clock }, ann)).kind).toBe('erased');
    expect(await w.pledge(ann)).toMatchObject({ buyerId: ann });
    // The close charged it: its order now keeps the payment, and the pledge stands for nothing more.
    await w.deps.store.set(pledgePath(w.groupBuyId, ann), { status: 'charged' }, { merge: true });
    await sweepOpenObligations({ store: w.deps.store, clock: w.deps.clock });
    expect(await w.pledge(ann)).toBeUndefined();
    expect(
      (await w.deps.store.query(collectionPath<Fields>(`groupBuys/${w.groupBuyId}/pledges`))).filter(
        (p) => p.path.includes(ann) || JSON.stringify(p.data).includes(ann),
      ),
    ).toEqual([]);
  });
});

describe('an erased member’s interest', () => {
  async function twoChecks() {
    const w = await pledgeWorld();
    const post = async (title: string) => {
      const posted = await postInterestCheck(w.deps, command({ name: 'groupbuy', path: ['interest'], options: { title, price: 50, moq: 5 }, userId: builder }));
      return /`([0-9a-z]{8})`/.exec(posted.content ?? '')?.[1] as string;
    };
    const [first, second] = [await post('Keys'), await post('Caps')];
    await markInterest(w.deps, modalSubmit(`gbiq:${first}`, { quantity: '2' }, ann));
    await markInterest(w.deps, modalSubmit(`gbiq:${second}`, { quantity: '3' }, ann));
    await markInterest(w.deps, modalSubmit(`gbiq:${second}`, { quantity: '1' }, ben));
    return { w, first, second };
  }

  it('is taken out of every check it was in, each check’s counts lowered by it, each post edited, and nobody else’s', async () => {
    const { w, first, second } = await twoChecks();
    const edits = w.deps.discord.entries.filter((e) => e.kind === 'edit').length;
    expect(await withdrawErasedInterest(w.deps, ann)).toBe(2);
    expect(await w.deps.store.get(interestCheckPath(first))).toMatchObject({ interestedPeople: 0, interestedUnits: 0 });
    expect(await w.deps.store.get(interestCheckPath(second))).toMatchObject({ interestedPeople: 1, interestedUnits: 1 });
    expect(await w.deps.store.get(interestPath(second, ann))).toBeUndefined();
    expect(await w.deps.store.get(interestPath(second, ben))).toMatchObject({ quantity: 1 });
    const posts = w.deps.discord.entries.filter((e) => e.kind === 'edit').slice(edits);
    // One edit a check, in whichever order the store finds them.
    expect(posts).toHaveLength(2);
    expect(posts.map((e) => JSON.stringify(e.message))).toEqual(
      expect.arrayContaining([expect.stringContaining('**0 people**, **0 units** of 5'), expect.stringContaining('**1 person**, **1 unit** of 5')]),
    );
    // Run again (a second erasure request), there is nothing left to take out.
    expect(await withdrawErasedInterest(w.deps, ann)).toBe(0);
    expect(await w.deps.store.get(interestCheckPath(second))).toMatchObject({ interestedPeople: 1, interestedUnits: 1 });
  });

  it('is deleted even when its check is gone, with no count to lower', async () => {
    const { w, first } = await twoChecks();
    await w.deps.store.delete(interestCheckPath(first));
    expect(await withdrawErasedInterest(w.deps, ann)).toBe(2);
    expect(await w.deps.store.get(interestPath(first, ann))).toBeUndefined();
    expect(await w.deps.store.get(interestCheckPath(first))).toBeUndefined();
  });

  it('is found under its check by its path alone', () => {
    expect(checkIdOfInterest('interestChecks/ab12cd34/interest/821000000000000651')).toBe('ab12cd34');
    for (const other of [
      'interestChecks/ab12cd34',
      'groupBuys/ab12cd34/interest/8210',
      'x/interestChecks/ab12cd34/interest/8210',
      'interestChecks/ab12cd34/interest/8210/more',
      'interestChecks//interest/8210',
    ])
      expect(checkIdOfInterest(other)).toBeUndefined();
  });
});
