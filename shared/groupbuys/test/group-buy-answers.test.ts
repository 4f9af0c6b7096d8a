/**
 * What a group buy answers the person who pressed or typed, and the DMs a member gets about
 * their own pledge: each says where things stand and what to do, and none pings anyone, however
 * the builder titled it.
 */
import { extendAnswers, extendedDm, joinAnswers, movedInDm, noShippingDm, pledgedDm, startAnswers, tooLateDm } from '../rules/group-buy-answers';
import { aGroupBuy } from './group-buy-fixture';

const loud = aGroupBuy({ title: '@everyone <@811000000000000999> GMK' });

describe('a group buy’s answers and its members’ DMs', () => {
  it('pings nobody from any DM about a member’s pledge, whatever the title says', () => {
    const dms = [
      pledgedDm(loud, 2, false, 1_100),
      pledgedDm(loud, 2, true),
      tooLateDm(loud),
      noShippingDm(loud, 'FR', ['US']),
      movedInDm(loud, 1),
      extendedDm(loud),
    ];
    for (const dm of dms) expect(dm.allowed_mentions).toStrictEqual({ parse: [] });
  });

  it('tells the builder who heard their group buy open from an interest check: nobody, the one person, or how many', () => {
    const fromCheck = aGroupBuy({ fromCheckId: 'ck42abcd' });
    expect(startAnswers.started(fromCheck, 0).content).toContain('Nobody had said they were interested in the check.');
    expect(startAnswers.started(fromCheck, 1).content).toContain('The one person interested in check `ck42abcd` was told.');
    expect(startAnswers.started(fromCheck, 3).content).toContain('The 3 people interested in check `ck42abcd` were told.');
    const plain = startAnswers.started(aGroupBuy(), 3).content ?? '';
    expect(plain).toBe(
      'Group buy `gb7k2m9q` is open until <t:1796752800:f>. Nobody is charged unless 50 units are pledged by then. You may extend it once before it closes: `/groupbuy extend id:gb7k2m9q by:7d`.',
    );
  });

  it('tells the builder who heard of an extension: nobody yet, or how many', () => {
    expect(extendAnswers.extended(aGroupBuy(), 0).content).toContain('Nobody has pledged yet.');
    expect(extendAnswers.extended(aGroupBuy(), 2).content).toContain(
      '**GMK Olivia** now closes <t:1796752800:f> (<t:1796752800:R>). The 2 people who pledged were told.',
    );
  });

  it('refuses a Leave after the close, saying nobody was charged only when nobody was', () => {
    for (const status of ['not-met', 'cancelled'] as const)
      expect(joinAnswers.tooLateToLeave(aGroupBuy({ status })).content).toBe(
        '**GMK Olivia** has closed, so you can’t leave it now: nobody was charged anyway.',
      );
    for (const status of ['charging', 'funded'] as const)
      expect(joinAnswers.tooLateToLeave(aGroupBuy({ status })).content).toContain('it met its minimum and pledges are charged as agreed.');
  });

  it('answers a Join with its link on a button, and says plainly when it is closed or already joined', () => {
    const save = joinAnswers.saveCard(aGroupBuy(), 1, 'https://checkout.stripe.com/c/pay/cs_1');
    expect(JSON.stringify(save.components)).toContain('"label":"Save a card (nothing is charged now)"');
    expect(JSON.stringify(save.components)).toContain('https://checkout.stripe.com/c/pay/cs_1');
    expect(joinAnswers.closed(aGroupBuy()).content).toBe('**GMK Olivia** has closed: it takes no more pledges.');
    expect(joinAnswers.already(aGroupBuy(), 2, true).content).toContain('You’re already on the waitlist for **2 units** of **GMK Olivia**');
    expect(joinAnswers.already(aGroupBuy(), 1, false).content).toContain('You’re already in for **1 unit** of **GMK Olivia**');
  });

  it('says where a card with an address the builder does not ship to stands, naming the country or the address', () => {
    expect(noShippingDm(aGroupBuy(), undefined, ['US']).content).toContain('does not ship to the address given');
    expect(startAnswers.invalid('`price` is missing.').content).toContain('Try: `/groupbuy start title:GMK Olivia price:120 moq:50 closes:14d ships:2027-09`');
  });
});
