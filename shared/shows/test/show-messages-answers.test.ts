/**
 * What the host, builders and admins are told privately about shows: set up, lot added,
 * on air, paused, resumed, over, the show rules, and the refusals that name what to fix.
 */
import { showAnswers, showOverlayUrl, showRefusals } from '../rules/show-messages';
import { EPHEMERAL } from '../../discord';
import { aShow, lot } from './show-board-fixtures';

const show = aShow([], { channelId: 'chan-1' });
const settings = { hostRoleId: null, hostCutBps: 1_500, gapSeconds: 20 };

test('a new show’s host is told where it is, its id, their cut and the gap between lots, privately', () => {
  const note = showAnswers.created(show, settings);
  expect(note.flags).toBe(EPHEMERAL);
  expect(note.content).toMatch(/^Show \*\*Friday night keebs\*\* is set up in <#chan-1> \(id `sh0w0001`\)\. /);
  expect(note.content).toMatch(/Your cut is 15% of each lot’s price \(fixed when the show starts\), and the next lot goes up 20s after each hammer\.$/);
});

test('a builder who added a lot is told its place, terms and what they would keep at the opening price', () => {
  const note = showAnswers.lotAdded(show, lot(1), 3, { hostCutBps: 1_500, fixed: false, platformFeeBps: 1_000 });
  expect(note.content).toBe(
    'Lot 3 of **Friday night keebs**: **Board 1**, opens at $25.00 and runs 45s when it goes up. ' +
      'The host <@host-id> takes 15% of the price (the show’s rate is fixed when it starts) and the platform 10%: ' +
      'sold at $25.00, you’d get $18.75, paid out when you prove the build live, as with any order.',
  );
});

test('a lot added to a show on air gives the fixed cut, held to what the platform fee leaves', () => {
  const note = showAnswers.lotAdded(show, lot(2), 1, { hostCutBps: 9_500, fixed: true, platformFeeBps: 1_000 });
  expect(note.content).toContain('The host <@host-id> takes 90% of the price and the platform 10%: sold at $50.00, you’d get $0.00,');
});

test('a host going on air is given the overlay address for OBS', () => {
  expect(showOverlayUrl('https://c500.example', 'sh0w0001')).toBe('https://c500.example/overlay/show?id=sh0w0001');
  expect(showAnswers.started(show, 'https://c500.example').content).toBe(
    '**Friday night keebs** is on air: the first lot is going up in <#chan-1>. Your controls are on the run sheet. For OBS, add a Browser source (1280×300) with https://c500.example/overlay/show?id=sh0w0001',
  );
});

test('pausing and ending say the live lot runs to its hammer only when one is live, and resuming gives the gap', () => {
  expect(showAnswers.paused(true).content).toMatch(/the live lot runs to its hammer/);
  expect(showAnswers.paused(false).content).not.toMatch(/live lot/);
  expect(showAnswers.ended(true).content).toMatch(/the live lot runs to its hammer/);
  expect(showAnswers.ended(false).content).not.toMatch(/live lot/);
  expect(showAnswers.resumed(15).content).toBe('Resumed: the next lot goes up in 15s, or now with **Next lot**.');
});

test('the show rules say Saved only after a change, and name the host role only when one is set', () => {
  const saved = showAnswers.settings({ ...settings, hostRoleId: 'role-1' }, true).content;
  expect(saved).toMatch(/^Saved\. Show rules here: the host takes \*\*15%\*\* of each lot/);
  expect(saved).toContain('the next lot goes up **20s** after a hammer (`gap`), and shows are hosted by admins and <@&role-1> (`host-role`).');
  const shown = showAnswers.settings(settings, false).content;
  expect(shown).toMatch(/^Show rules here:/);
  expect(shown).toContain('shows are hosted by admins (`host-role`).');
});

test('refusals list each problem on its own line and name the show or auction in the way', () => {
  expect(showRefusals.invalidSettings(['gap too long', 'cut too high']).content).toBe(
    'Nothing was saved. Fix these and run `/c500 show settings` again:\n• gap too long\n• cut too high',
  );
  expect(showRefusals.invalidLot(['price missing', 'item too long']).content).toBe(
    'Your lot wasn’t added. Fix these and run `/c500 show add` again:\n• price missing\n• item too long',
  );
  expect(showRefusals.invalidTitle('The title is empty.').content).toBe('Your show wasn’t created. The title is empty.');
  expect(showRefusals.showExists(show).content).toMatch(/^This channel already has the show \*\*Friday night keebs\*\* \(`sh0w0001`\)\./);
  expect(showRefusals.auctionLive('auc-9').content).toMatch(/^Auction `auc-9` is still live in this channel/);
  expect(showRefusals.full.content).toMatch(/a show takes 20 lots\./);
  expect(showRefusals.notHost.flags).toBe(EPHEMERAL);
});
