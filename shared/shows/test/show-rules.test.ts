/**
 * A show's own rules: its ids and task names, its settings over the guild's defaults, which
 * lot runs next, when it is wrapped up, who may host it and which next-lot task it waits on.
 */
import type { Interaction } from '../../discord';
import {
  canHostShow,
  isShowIdShaped,
  isWrappedUp,
  nextLotTaskName,
  nextUpIndex,
  pendingNextLot,
  runSheetTaskName,
  showButtonOf,
  showChannelPath,
  showSettingsOf,
  type Show,
  type ShowLot,
} from '../rules/show';
import { isShowCheckoutIdShaped, lotOf } from '../rules/show-checkout';
import { paidOrder } from './show-checkout-fixtures';

const lot = (lotId: string, state: ShowLot['state']) => ({ lotId, state }) as ShowLot;
const HOST = '800000000000000010';
const ROLE = '930000000000000009';
const member = (id: string, permissions = '0', roles?: string[]): Interaction => ({
  id: '1',
  type: 3,
  token: 't',
  application_id: 'app',
  guild_id: '900000000000000001',
  member: { user: { id, username: id }, permissions, ...(roles ? { roles } : {}) },
});
const show = (extra: Partial<Show> = {}): Show => ({
  showId: 'abcd1234',
  guildId: '900000000000000001',
  channelId: '910000000000000001',
  hostId: HOST,
  hostName: 'Host',
  title: 'Friday keebs',
  currency: 'usd',
  status: 'running',
  lots: [lot('lot00001', 'done'), lot('lot00002', 'up-next'), lot('lot00003', 'up-next')],
  gapSeconds: 10,
  createdAt: '2026-11-27T20:00:00.000Z',
  nextLotAt: '2026-11-27T20:10:00.000Z',
  step: 4,
  ...extra,
});

describe('a show’s ids and names', () => {
  test('keeps one show per channel under the channel’s id', () => {
    expect(String(showChannelPath('910000000000000001'))).toBe('showChannels/910000000000000001');
  });

  test('takes only eight lower-case letters or digits as a show or checkout id', () => {
    for (const shaped of [isShowIdShaped, isShowCheckoutIdShaped]) {
      expect(shaped('abcd1234')).toBe(true);
      expect(shaped('xabcd1234')).toBe(false);
      expect(shaped('abcd1234x')).toBe(false);
    }
  });

  test('refuses a button id with anything before `show:`', () => {
    expect(showButtonOf('xshow:abcd1234:next')).toBeUndefined();
  });

  test('names a next-lot task from the show, the lot and the step, and a run sheet edit from the second it is due', () => {
    expect(nextLotTaskName('abcd1234', 'wxyz5678', 3)).toBe('show-abcd1234-lot-wxyz5678-s3');
    expect(runSheetTaskName('abcd1234', 1_795_813_200_001)).toBe('sheet-abcd1234-1795813201');
  });
});

describe('a guild’s show settings', () => {
  test('are the defaults until changed: no host role, a 10% cut and a 10 second gap', () => {
    expect(showSettingsOf(undefined)).toEqual({ hostRoleId: null, hostCutBps: 1_000, gapSeconds: 10 });
  });

  test('keep what was changed over the defaults', () => {
    expect(showSettingsOf({ hostCutBps: 500 })).toEqual({ hostRoleId: null, hostCutBps: 500, gapSeconds: 10 });
  });
});

describe('where a show’s run is', () => {
  test('runs next the first lot still up next, or none', () => {
    expect(nextUpIndex(show())).toBe(1);
    expect(nextUpIndex(show({ lots: [lot('lot00001', 'done'), lot('lot00002', 'live')] }))).toBe(-1);
  });

  test('is wrapped up once ended with no lot left live', () => {
    expect(isWrappedUp(show({ status: 'ended', lots: [lot('lot00001', 'done')] }))).toBe(true);
    expect(isWrappedUp(show({ status: 'ended', lots: [lot('lot00001', 'live')] }))).toBe(false);
    expect(isWrappedUp(show({ status: 'running', lots: [lot('lot00001', 'done')] }))).toBe(false);
  });

  test('waits on the next-lot task for the lot up next after a hammer', () => {
    expect(pendingNextLot(show())).toEqual({ showId: 'abcd1234', lotId: 'lot00002', step: 4, atMs: Date.parse('2026-11-27T20:10:00.000Z') });
  });

  test.each([
    ['paused', { status: 'paused' as const }],
    ['ended', { status: 'ended' as const }],
    ['with a lot live', { lots: [lot('lot00001', 'live'), lot('lot00002', 'up-next')] }],
    ['not between lots', { nextLotAt: null }],
    ['out of lots', { lots: [lot('lot00001', 'done')] }],
  ])('waits on no next-lot task when %s', (_when, extra) => {
    expect(pendingNextLot(show(extra))).toBeUndefined();
  });
});

describe('who may host a show', () => {
  const noRole = { hostRoleId: null };

  test('admins and the server’s managers, without the role', () => {
    expect(canHostShow(member('1', '8'), noRole)).toBe(true);
    expect(canHostShow(member('1', '32'), noRole)).toBe(true);
  });

  test('the show’s own host, for their show', () => {
    expect(canHostShow(member(HOST), noRole, show())).toBe(true);
    expect(canHostShow(member('1'), noRole, show())).toBe(false);
  });

  test('members with the guild’s host role, and no one else', () => {
    expect(canHostShow(member('1', '0', [ROLE]), { hostRoleId: ROLE })).toBe(true);
    expect(canHostShow(member('1', '0', ['940000000000000001']), { hostRoleId: ROLE })).toBe(false);
    expect(canHostShow(member('1', '0', [ROLE]), noRole)).toBe(false);
    expect(canHostShow(member('1'), noRole)).toBe(false);
  });

  test('not someone outside a server, nor an interaction naming nobody', () => {
    const outside: Interaction = { id: '1', type: 3, token: 't', application_id: 'app', user: { id: '1', username: 'x' } };
    expect(canHostShow(outside, { hostRoleId: ROLE }, show())).toBe(false);
    expect(canHostShow({ id: '1', type: 3, token: 't', application_id: 'app' }, { hostRoleId: ROLE }, show())).toBe(false);
  });
});

describe('a lot in a show checkout', () => {
  test('keeps the host’s cut its order was made with', () => {
    expect(lotOf(paidOrder('o0000001', { hostCutCents: 1_500 }))).toMatchObject({ orderId: 'o0000001', amountCents: 10_000, hostCutCents: 1_500 });
    expect(lotOf(paidOrder('o0000001', { hostCutCents: undefined })).hostCutCents).toBe(0);
  });
});
