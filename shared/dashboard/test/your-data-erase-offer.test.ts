/**
 * The Your data page offers what an erasure cannot undo above its Erase me, as `/c500 privacy`
 * asks before its Yes (issue 79): each open group buy the member is pledged to, with its post
 * to leave it on first, and the live bids the erasure withdraws, in the same words.
 */
import { groupBuyPath, pledgesToLeave, pledgePath } from '../../groupbuys';
import { aGroupBuy } from '../../groupbuys/test/group-buy-fixture';
import { askToErase } from '../../privacy';
import { eraseButtonId } from '../../privacy/rules/privacy-messages';
import { buttonPress } from '../../../test/support/interactions';
import { snowflakeAt, snowflakeTimeMs } from '../../common';
import { answerDashboard } from '../use-cases/answer-dashboard';
import type { DashboardDeps } from '../use-cases/dashboard-deps';
import { signedIn, signedInUser, world, type World } from './dashboard-fixtures';

const post = 'https://discord.com/channels/900000000000000001/910000000000000001/930000000000000001';
const liveBid = '1 × your bid and max in an auction still live';

/** The signed-in member pledged to an open group buy with a post, and with a max in a live auction. */
async function pledgedAndBidding(): Promise<{ w: World; deps: DashboardDeps; cookie: string }> {
  const w = world();
  const { cookie } = await signedIn(w);
  await w.store.set(groupBuyPath('gbopen01'), aGroupBuy({ groupBuyId: 'gbopen01', title: 'GMK Olivia', messageId: '930000000000000001' }));
  await w.store.set(pledgePath('gbopen01', signedInUser), {
    groupBuyId: 'gbopen01',
    buyerId: signedInUser,
    buyerName: 'Cleo',
    quantity: 1,
    status: 'pledged',
    joinedAt: '2026-11-20T12:00:00.000Z',
  });
  const deps: DashboardDeps = {
    ...w.deps,
    keptElsewhere: async (id) => (id === signedInUser ? [liveBid] : []),
    leaveFirst: (id) => pledgesToLeave({ store: w.store, clock: w.clock }, id),
  };
  return { w, deps, cookie };
}

const yourData = (deps: DashboardDeps, cookie: string) =>
  answerDashboard(deps, { method: 'GET', path: '/dashboard/me', query: {}, cookie, form: {}, origin: undefined });

/** Discord's markdown as the page shows it. */
const asHtml = (line: string) => line.replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>');

describe('the Your data page’s offer before Erase me', () => {
  it('GIVEN an open pledge and a live bid THEN above Erase me the page lists both, with a link to leave the group buy on its post', async () => {
    const { deps, cookie } = await pledgedAndBidding();
    const page = (await yourData(deps, cookie)).body;
    const offer = page.indexOf('Before you erase: what erasing cannot undo');
    expect(offer).toBeGreaterThan(-1);
    expect(offer).toBeLessThan(page.indexOf('action="/dashboard/me/erase"'));
    expect(page).toContain(
      'Your pledge to <strong>GMK Olivia</strong> stays, and your card is charged at the close if the minimum is met. To leave it, press <strong>Leave</strong> on its post first.',
    );
    expect(page).toContain(`${liveBid}: withdrawn when you erase, so it no longer bids or wins.`);
    expect(page).toContain(`<a class="button" href="${post}">Leave GMK Olivia</a>`);
  });

  it('GIVEN the same member THEN each line the page offers is a line of /c500 privacy’s question, word for word', async () => {
    const { deps, cookie } = await pledgedAndBidding();
    const page = (await yourData(deps, cookie)).body;
    const raw = buttonPress(eraseButtonId(signedInUser), signedInUser);
    const press = { ...raw, message: { id: snowflakeAt((snowflakeTimeMs(raw.id) as number) - 60_000, 7) } };
    const asked = await askToErase({ ...deps, publicBaseUrl: 'https://c500.example' }, press);
    const undoLines = (asked.content ?? '')
      .split('\n\n')[0]
      ?.split('\n')
      .filter((line) => line.startsWith('• '))
      .map((line) => line.slice(2));
    expect(undoLines).toHaveLength(2);
    for (const line of undoLines ?? []) expect(page).toContain(`<li>${asHtml(line)}</li>`);
  });

  it('GIVEN nothing an erasure cannot undo THEN the page offers nothing before Erase me', async () => {
    const { w, cookie } = await pledgedAndBidding();
    const page = (await yourData({ ...w.deps, leaveFirst: async () => [] }, cookie)).body;
    expect(page).toContain('Erase me');
    expect(page).not.toContain('Before you erase');
  });

  it('GIVEN a group buy whose title holds markup THEN the offer shows it as text', async () => {
    const { w, deps, cookie } = await pledgedAndBidding();
    await w.store.update(groupBuyPath('gbopen01'), { title: '<img src=x onerror=alert(1)>' });
    const page = (await yourData(deps, cookie)).body;
    expect(page).not.toContain('<img src=x');
    expect(page).toContain('<strong>&lt;img src=x onerror=alert(1)&gt;</strong>');
  });
});
