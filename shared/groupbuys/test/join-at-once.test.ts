/**
 * Join submitted twice at once (a double click on the modal's Submit, two devices): both Joins
 * read the pledge before either wrote it, and each made a link at Stripe. Only one link can be
 * the pledge's: the Join that writes first keeps its link, the other expires its own at Stripe
 * and says plainly that the link of the other press is the one to use. No card is then saved
 * where the pledge does not look, and no pledge waits `saving-card` on a link nobody can use.
 * The two Joins run truly together against the store's optimistic transactions.
 */
import { modalSubmit } from '../../../test/support/interactions';
import { joinGroupBuy } from '../use-cases/join-group-buy';
import { members } from './group-buy-deps';
import { pledgeWorld } from './pledge-world';

const [ann] = members;

const linkOf = (answer: { components?: unknown[] }): boolean => (answer.components ?? []).length > 0;

describe('two Joins of one member at once', () => {
  it('leaves one live link, the pledge’s own; the other press says to use that one, and its link takes no card', async () => {
    const w = await pledgeWorld();
    const [a, b] = await Promise.all([
      joinGroupBuy(w.deps, modalSubmit(`gbjq:${w.groupBuyId}`, { quantity: '1' }, ann)),
      joinGroupBuy(w.deps, modalSubmit(`gbjq:${w.groupBuyId}`, { quantity: '2' }, ann)),
    ]);
    const pledge = await w.pledge(ann);
    const sessions = (await w.deps.payments.listSessions()).filter((s) => s.mode === 'setup');
    expect(sessions).toHaveLength(2);
    expect(sessions.filter((s) => s.status === 'open').map((s) => s.id)).toEqual([pledge?.setupSessionId]);
    // Exactly one answer carries a link; the other says the other press's link is the live one.
    expect([a, b].filter(linkOf)).toHaveLength(1);
    const told = [a, b].find((answer) => !linkOf(answer));
    expect(told?.content).toContain('You pressed **Join** twice at once');
    // The link that lost takes no card: paying it saves nothing.
    const lost = sessions.find((s) => s.id !== pledge?.setupSessionId);
    expect(lost?.status).toBe('expired');
    expect(await w.saveCard(lost?.id as string)).toEqual([]);
    // The live one counts, with the quantity its own answer named.
    await w.deliver(await w.saveCard(pledge?.setupSessionId as string));
    expect(await w.pledge(ann)).toMatchObject({ status: 'pledged' });
    expect(await w.groupBuy()).toMatchObject({ pledgers: 1 });
  });

  it('the press that lost, delivered again, leaves the live link open and says the same', async () => {
    const w = await pledgeWorld();
    const first = modalSubmit(`gbjq:${w.groupBuyId}`, { quantity: '1' }, ann);
    const second = modalSubmit(`gbjq:${w.groupBuyId}`, { quantity: '2' }, ann);
    const answers = await Promise.all([joinGroupBuy(w.deps, first), joinGroupBuy(w.deps, second)]);
    const loser = linkOf(answers[0]) ? second : first;
    const live = (await w.pledge(ann))?.setupSessionId as string;
    const again = await joinGroupBuy(w.deps, loser);
    expect(again.content).toContain('You pressed **Join** twice at once');
    expect((await w.pledge(ann))?.setupSessionId).toBe(live);
    expect((await w.deps.payments.session(live))?.session.status).toBe('open');
  });
});
