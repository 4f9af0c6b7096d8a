/**
 * The run sheet's head, colour, totals and buttons as the show goes from planning to over.
 */
import { runSheet, showWrapPost, type LotView } from '../rules/show-messages';
import { colors } from '../../discord';
import type { Show } from '../rules/show';
import { aShow, lot, result, won } from './show-board-fixtures';

type Row = { type: 1; components: Array<{ label: string; custom_id: string; style: number }> };
const soldView: LotView = { lot: lot(1, { state: 'done', auctionId: 'a1' }), number: 1, auction: won('a1', 'Ana', 6_000) };
const unsoldView: LotView = { lot: lot(2, { state: 'done', auctionId: 'a2' }), number: 2, auction: result('a2', {}) };
const liveView: LotView = { lot: lot(3, { state: 'live', auctionId: 'a3' }), number: 3 };
const nextView: LotView = { lot: lot(4), number: 4 };
const sheet = (over: Partial<Show>, views: LotView[] = [nextView]) =>
  runSheet(
    aShow(
      views.map((v) => v.lot),
      over,
    ),
    views,
    1_250,
  );
const statusOf = (over: Partial<Show>, views?: LotView[]) => sheet(over, views).embeds?.[0]?.description?.split('\n')[0];
const buttons = (over: Partial<Show>, views?: LotView[]) => ((sheet(over, views).components ?? []) as Row[]).flatMap((r) => r.components);

test('the run sheet’s first line says whether the show is starting, on air, paused or over', () => {
  expect(statusOf({ status: 'planning' })).toBe(
    'Starting soon, hosted by <@host-id>. Builders add lots here with `/c500 show add`; pre-bid on any lot with **Pre-bid** or `/bid lot:<n> max:<n>`.',
  );
  expect(statusOf({ status: 'running' })).toBe('🔴 On air, hosted by <@host-id>. Bid on the live lot’s card below.');
  expect(statusOf({ status: 'running', nextLotAt: '2026-11-27T21:00:10Z' })).toBe(
    `🔴 On air, hosted by <@host-id>. Next lot <t:${Date.parse('2026-11-27T21:00:10Z') / 1000}:R>. Bid on the live lot’s card below.`,
  );
  expect(statusOf({ status: 'ended' })).toMatch(/^The show is over\./);
});

test('a paused run sheet says the live lot runs to its hammer only when one is live', () => {
  expect(statusOf({ status: 'paused' }, [soldView, liveView, nextView])).toBe(
    '⏸️ Paused by the host. The live lot runs to its hammer. The next lot waits for **Resume**.',
  );
  expect(statusOf({ status: 'paused' }, [soldView, nextView])).toBe('⏸️ Paused by the host. The next lot waits for **Resume**.');
});

test('the run sheet is titled after the show, lists its lots under the status, or says there are none', () => {
  const embed = sheet({ status: 'planning' }, [nextView, unsoldView]).embeds?.[0];
  expect(embed?.title).toBe('📺 Friday night keebs');
  expect(embed?.description?.split('\n').slice(1)).toEqual([
    '',
    '` 4` **Board 4** by <@builder-id-4> · up next, opens at $100.00',
    '` 2` **Board 2** by <@builder-id-2> · unsold: nobody bid.',
  ]);
  expect(sheet({ status: 'planning' }, []).embeds?.[0]?.description?.split('\n').slice(1)).toEqual(['', 'No lots yet.']);
});

test('the run sheet is gold on air and while planning, peach while paused, mint once over', () => {
  expect(sheet({ status: 'running' }).embeds?.[0]?.color).toBe(0xf5c451);
  expect(sheet({ status: 'planning' }).embeds?.[0]?.color).toBe(0xf5c451);
  expect(sheet({ status: 'paused' }).embeds?.[0]?.color).toBe(colors.peach);
  expect(sheet({ status: 'ended' }).embeds?.[0]?.color).toBe(colors.mint);
});

test('the totals count sold lots of all lots with the gross, and the unsold only when there are some', () => {
  const totals = (views: LotView[]) => sheet({}, views).embeds?.[0]?.fields;
  expect(totals([soldView, unsoldView, nextView])).toEqual([{ name: 'Totals', value: '1 of 3 lots sold · $60.00 · 1 unsold' }]);
  expect(totals([soldView])).toEqual([{ name: 'Totals', value: '1 of 1 lot sold · $60.00' }]);
  expect(totals([])).toEqual([{ name: 'Totals', value: '0 of 0 lots sold · $0.00' }]);
});

test('the run sheet’s footer names the show and the host’s cut, and it mentions nobody', () => {
  const message = sheet({});
  expect(message.embeds?.[0]?.footer?.text).toBe('Show sh0w0001 · host’s cut 12.5%');
  expect(message.allowed_mentions).toEqual({ parse: [] });
});

test('the host’s buttons carry the show’s id and their action', () => {
  expect(buttons({ status: 'running' }, [soldView]).map((b) => [b.label, b.custom_id, b.style])).toEqual([
    ['Next lot', 'show:sh0w0001:next', 1],
    ['Pause', 'show:sh0w0001:pause', 2],
    ['End show', 'show:sh0w0001:end', 4],
    ['Pay now', 'show:sh0w0001:pay', 3],
  ]);
  // With a lot up next, anyone may pre-bid on it.
  expect(buttons({ status: 'paused' }).map((b) => b.custom_id)).toEqual(['show:sh0w0001:resume', 'show:sh0w0001:end', 'prebid:sh0w0001']);
});

test('Pay now appears only after the show started and something sold, and a sheet with no buttons has no rows', () => {
  expect(buttons({ status: 'running' }, [unsoldView, nextView]).map((b) => b.label)).toEqual(['Next lot', 'Pause', 'End show', 'Pre-bid']);
  expect(sheet({ status: 'planning' }, [soldView]).components).toEqual([]);
  expect(sheet({ status: 'ended' }, [unsoldView]).components).toEqual([]);
});

test('a run sheet whose every sold lot is paid drops Pay now and says so; a lot passed to a runner-up still owes', () => {
  const paidView: LotView = { ...soldView, auction: won('a1', 'Ana', 6_000, { status: 'paid' }) };
  expect(buttons({ status: 'ended' }, [paidView, unsoldView]).map((b) => b.label)).toEqual([]);
  expect(buttons({ status: 'running' }, [paidView]).map((b) => b.label)).toEqual(['Next lot', 'Pause', 'End show']);
  expect(statusOf({ status: 'ended' }, [paidView])).toBe('The show is over. Every lot sold is paid for: thanks, winners.');
  expect(statusOf({ status: 'ended' }, [unsoldView])).toBe('The show is over.');
  expect(statusOf({ status: 'ended' }, [paidView, soldView])).toMatch(/press \*\*Pay now\*\*\.$/);
  const runnerUp: LotView = {
    ...soldView,
    auction: won('a1', 'Ana', 6_000, { offer: { rank: 1, bidderId: 'Bo-id', bidderName: 'Bo', priceCents: 5_000, orderId: 'order-a1-2' } }),
  };
  expect(buttons({ status: 'ended' }, [paidView, runnerUp]).map((b) => b.label)).toEqual(['Pay now']);
});

test('the wrap post gives the show’s sold count and gross, in the singular for one lot, and mentions nobody', () => {
  const one = showWrapPost(aShow([soldView.lot], { status: 'ended' }), [soldView]);
  expect(one.allowed_mentions).toEqual({ parse: [] });
  expect(one.content).toMatch(/^🎬 That’s a wrap on \*\*Friday night keebs\*\*: 1 of 1 lot sold for \$60\.00\. /);
  expect(showWrapPost(aShow([], { status: 'ended' }), [soldView, unsoldView]).content).toMatch(/: 1 of 2 lots sold for \$60\.00\. /);
});

test('a lot up next shows how many pre-bids it holds, never whose or how much, and the Pre-bid button goes once no lot is up next', () => {
  const withPreBids = { ...nextView, lot: { ...nextView.lot, preBidCount: 2 } };
  const text = sheet({ status: 'running' }, [withPreBids]).embeds?.[0]?.description ?? '';
  expect(text).toContain('🎯 2 pre-bids');
  expect(sheet({ status: 'running' }, [{ ...nextView, lot: { ...nextView.lot, preBidCount: 1 } }]).embeds?.[0]?.description).toContain('🎯 1 pre-bid');
  expect(sheet({ status: 'running' }, [nextView]).embeds?.[0]?.description).not.toContain('pre-bid');
  expect(buttons({ status: 'running' }, [soldView]).map((b) => b.label)).not.toContain('Pre-bid');
  expect(buttons({ status: 'planning' }, [nextView]).map((b) => b.label)).toEqual(['Pre-bid']);
});
