/**
 * `/c500 show lots`: every lot with its terms and state, and the host's arranging buttons
 * for the lots up next, a page at a time.
 */
import { lotsMessage } from '../rules/show-messages';
import type { Show, ShowLot } from '../rules/show';
import { aShow, lot } from './show-board-fixtures';

type Button = { label: string; custom_id: string; disabled?: boolean };
const rows = (show: Show, page?: number) => (lotsMessage(show, true, page).components ?? []) as Array<{ components: Button[] }>;
const moveUps = (show: Show, page?: number) => rows(show, page).map((r) => r.components[0]?.label);
const footer = (show: Show, canArrange: boolean, page?: number) => lotsMessage(show, canArrange, page).embeds?.[0]?.footer?.text;
const upNext = (count: number, first = 1): ShowLot[] => Array.from({ length: count }, (_, i) => lot(first + i));

test('each lot is listed by its place with its opening price, duration, a reserve only when it has one, sudden death, and its state once it went up', () => {
  const show = aShow([
    lot(1, { state: 'done', auctionId: 'a1' }),
    lot(2, { reserveCents: 9_000, suddenDeath: true }),
    lot(3, { state: 'live', auctionId: 'a3' }),
  ]);
  const message = lotsMessage(show, false);
  expect(message.embeds?.[0]?.title).toBe('Lots of Friday night keebs');
  expect(message.embeds?.[0]?.description?.split('\n')).toEqual([
    '` 1` **Board 1** by <@builder-id-1> · opens at $25.00, 45s · done',
    '` 2` **Board 2** by <@builder-id-2> · opens at $50.00, 45s, reserve $90.00, sudden death',
    '` 3` **Board 3** by <@builder-id-3> · opens at $75.00, 45s · live',
  ]);
  expect(message.allowed_mentions).toEqual({ parse: [] });
  expect(message.components).toEqual([]);
});

test('a show without lots says so, and the footer counts the lots out of the most a show takes', () => {
  const message = lotsMessage(aShow([]), false);
  expect(message.embeds?.[0]?.description).toBe('No lots yet. Builders add them with `/c500 show add`.');
  expect(message.embeds?.[0]?.footer?.text).toBe('Show sh0w0001 · 0/20 lots');
  expect(footer(aShow(upNext(3)), true)).toBe('Show sh0w0001 · 3/20 lots · lots up next can be moved or removed');
});

test('the host gets Move up, Move down and Remove for each lot up next, numbered by its place, with the ends disabled', () => {
  const show = aShow([lot(1, { state: 'done', auctionId: 'a1' }), lot(2), lot(3)]);
  expect(rows(show)).toEqual([
    {
      type: 1,
      components: [
        { type: 2, style: 2, label: '↑ Move up 2', custom_id: 'show:sh0w0001:up:lot00002', disabled: false },
        { type: 2, style: 2, label: '↓ Move down 2', custom_id: 'show:sh0w0001:down:lot00002', disabled: false },
        { type: 2, style: 4, label: '✕ Remove 2', custom_id: 'show:sh0w0001:remove:lot00002' },
      ],
    },
    {
      type: 1,
      components: [
        { type: 2, style: 2, label: '↑ Move up 3', custom_id: 'show:sh0w0001:up:lot00003', disabled: false },
        { type: 2, style: 2, label: '↓ Move down 3', custom_id: 'show:sh0w0001:down:lot00003', disabled: true },
        { type: 2, style: 4, label: '✕ Remove 3', custom_id: 'show:sh0w0001:remove:lot00003' },
      ],
    },
  ]);
  expect(rows(aShow(upNext(2)))[0]?.components[0]?.disabled).toBe(true);
});

test('an ended show’s lots cannot be arranged', () => {
  expect(lotsMessage(aShow(upNext(2), { status: 'ended' }), true).components).toEqual([]);
});

test('the buttons come a page of four lots up next at a time, and a page out of range shows the nearest one', () => {
  const show = aShow([lot(1, { state: 'done', auctionId: 'a1' }), ...upNext(5, 2)]);
  expect(moveUps(show)).toEqual(['↑ Move up 2', '↑ Move up 3', '↑ Move up 4', '↑ Move up 5']);
  expect(moveUps(show, 1)).toEqual(['↑ Move up 6']);
  expect(moveUps(show, 7)).toEqual(['↑ Move up 6']);
  expect(moveUps(show, -3)).toEqual(['↑ Move up 2', '↑ Move up 3', '↑ Move up 4', '↑ Move up 5']);
});

test('the footer tells the host which page of buttons this is and how to get the next, only when there is more than one', () => {
  const two = aShow(upNext(5));
  expect(footer(two, true)).toBe(
    'Show sh0w0001 · 5/20 lots · lots up next can be moved or removed · buttons: page 1 of 2 of the lots up next (/c500 show lots page:2)',
  );
  expect(footer(two, true, 1)).toMatch(/ · buttons: page 2 of 2 of the lots up next \(\/c500 show lots page:1\)$/);
  expect(footer(aShow(upNext(9)), true, 1)).toMatch(/ · buttons: page 2 of 3 of the lots up next \(\/c500 show lots page:3\)$/);
  expect(footer(two, false)).toBe('Show sh0w0001 · 5/20 lots');
  expect(footer(aShow(upNext(4)), true)).toBe('Show sh0w0001 · 4/20 lots · lots up next can be moved or removed');
});
