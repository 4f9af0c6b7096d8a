/**
 * `/groupbuy extend`: its builder moves the close later once, before it comes, by at most
 * 30 days and never past the ship month; the close is scheduled again under its new name, the
 * post says the new close, and every pledger is told once, whatever is redelivered.
 */
import { command } from '../../../test/support/interactions';
import { extendGroupBuy } from '../use-cases/extend-group-buy';
import { builder, members } from './group-buy-deps';
import { pledgeWorld } from './pledge-world';

const [ann, ben, cat] = members;
const dayMs = 86_400_000;
const extend = (id: string, by: string, userId = builder) => command({ name: 'groupbuy', path: ['extend'], options: { id, by }, userId });

describe('extending a group buy', () => {
  it('moves the close once, schedules it again by its new name, and tells every pledger once', async () => {
    const w = await pledgeWorld();
    await w.joined(ann, '1');
    await w.joined(ben, '1');
    await w.join(cat);
    const before = Date.parse((await w.groupBuy())?.closesAt ?? '');
    const interaction = extend(w.groupBuyId, '7d');
    const answer = await extendGroupBuy(w.deps, interaction);
    await extendGroupBuy(w.deps, interaction);
    expect(answer.content).toContain('The 2 people who pledged were told');
    const after = before + 7 * dayMs;
    expect(await w.groupBuy()).toMatchObject({ closesAt: new Date(after).toISOString(), extended: { fromClosesAt: new Date(before).toISOString() } });
    expect([...w.tasks.named.keys()]).toEqual([`groupbuy-close-${w.groupBuyId}-${before}`, `groupbuy-close-${w.groupBuyId}-${after}`]);
    for (const member of [ann, ben]) expect(w.dmsTo(member).filter((dm) => dm.includes('was extended by its builder'))).toHaveLength(1);
    expect(w.dmsTo(cat)).toEqual([]);
    expect(w.lastPostText()).toContain(`<t:${after / 1000}:R>`);
    expect(w.lastPostText()).toContain('extended once');
  });

  it('refuses a second extension, one after the close, one by someone else, one past the ship month, and one longer than 30 days', async () => {
    const w = await pledgeWorld({ ships: '2026-12' });
    expect((await extendGroupBuy(w.deps, extend(w.groupBuyId, '7d', ann))).content).toContain(`no group buy \`${w.groupBuyId}\` of yours`);
    expect((await extendGroupBuy(w.deps, extend(w.groupBuyId, '30d'))).content).toContain('would close after its ship month');
    expect((await extendGroupBuy(w.deps, extend(w.groupBuyId, '31d'))).content).toContain('at most 30 days');
    await extendGroupBuy(w.deps, extend(w.groupBuyId, '3d'));
    expect((await extendGroupBuy(w.deps, extend(w.groupBuyId, '3d'))).content).toContain('already extended once');
    const late = await pledgeWorld();
    late.advance(8 * dayMs);
    expect((await extendGroupBuy(late.deps, extend(late.groupBuyId, '3d'))).content).toContain('has already closed');
  });
});
