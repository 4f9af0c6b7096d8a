/**
 * A server's admins see its funded group buys that are past their ship month and not proved
 * done, one line a group buy (not one an order: a group buy may have two thousand), with the
 * last step proved; nothing of another server's, of one not funded, or of one still in time.
 */
import { LocalDocumentStore } from '../../local/firestore/document-store';
import { groupBuyPath, type GroupBuy, type GroupBuyMilestone } from '../../groupbuys';
import { lateGroupBuys } from '../use-cases/guild-overview';
import { aGroupBuy } from '../../groupbuys/test/group-buy-fixture';
import { guildPage } from '../rules/pages/guild-page';
import { panelOf, rowsOf, signedInFrame } from './page-html';
import { emptyGuildPage } from './page-fixtures';

const guildId = '900000000000000001';
const now = new Date('2027-04-02T10:00:00.000Z');

// Funded, shipping in March 2027, in this server.
const groupBuy = (groupBuyId: string, over: Partial<GroupBuy> = {}): GroupBuy =>
  aGroupBuy({
    groupBuyId,
    guildId,
    builderName: 'Bo <b>Builder</b>',
    title: `GMK ${groupBuyId}`,
    moq: 3,
    shipsMonth: '2027-03',
    status: 'funded',
    pledgedUnits: 4,
    pledgers: 4,
    fundedUnits: 4,
    ...over,
  });

const proved = (milestone: GroupBuyMilestone['milestone']): GroupBuyMilestone =>
  ({ milestone, url: 'https://clips.twitch.tv/x', kind: 'clip', provedAt: '2027-02-01T00:00:00.000Z' }) as GroupBuyMilestone;

async function storeWith(groupBuys: GroupBuy[]): Promise<LocalDocumentStore> {
  const store = new LocalDocumentStore();
  for (const g of groupBuys) await store.set(groupBuyPath(g.groupBuyId), g);
  return store;
}

describe('late group buys on a server’s dashboard', () => {
  it('lists a funded group buy past the end of its ship month, the longest late first', async () => {
    const store = await storeWith([groupBuy('gbmarch'), groupBuy('gbjan', { shipsMonth: '2027-01' })]);
    expect((await lateGroupBuys(store, guildId, now)).map((g) => g.groupBuyId)).toEqual(['gbjan', 'gbmarch']);
  });

  it('leaves out one still inside its ship month, one proved done, one not funded and another server’s', async () => {
    const store = await storeWith([
      groupBuy('gbapril', { shipsMonth: '2027-04' }),
      groupBuy('gbdone', { milestones: [proved('parts-in'), proved('done')] }),
      groupBuy('gbnotmet', { status: 'not-met' }),
      groupBuy('gbcharging', { status: 'charging' }),
      groupBuy('gbelse', { guildId: '900000000000000002' }),
      groupBuy('gblate', { milestones: [proved('parts-in')] }),
    ]);
    expect((await lateGroupBuys(store, guildId, now)).map((g) => g.groupBuyId)).toEqual(['gblate']);
  });

  it('counts the last day of the ship month as still in time', async () => {
    const store = await storeWith([groupBuy('gbmarch')]);
    expect(await lateGroupBuys(store, guildId, new Date('2027-03-31T23:59:59.000Z'))).toEqual([]);
  });

  it('shows each with its page, builder, units, last step and month, escaping what the builder typed', () => {
    const empty = emptyGuildPage();
    // Lapses after the close left 4 of the 5 pledged units funded.
    const late = groupBuy('gb7k2m9q', { title: 'GMK <Olivia>', pledgedUnits: 5, milestones: [proved('parts-in'), proved('assembly')] });
    const unproved = groupBuy('gbnoproof', { shipsMonth: '2027-02' });
    const panel = panelOf(guildPage(signedInFrame('guild'), { ...empty, lateGroupBuys: [late, unproved] }), 'late-group-buys');
    expect(rowsOf(panel)).toEqual([
      expect.objectContaining({
        'Group buy': '<a href="/groupbuy/gb7k2m9q">GMK &lt;Olivia&gt;</a>',
        Builder: 'Bo &lt;b&gt;Builder&lt;/b&gt;',
        'Units funded': '4',
        'Step proved': 'assembly',
        Ships: 'March 2027',
      }),
      expect.objectContaining({ 'Step proved': 'none yet', Ships: 'February 2027' }),
    ]);
    expect(panel).not.toContain('<Olivia>');
    expect(panelOf(guildPage(signedInFrame('guild'), empty), 'late-group-buys')).toContain('No funded group buy is past its ship month.');
  });
});
