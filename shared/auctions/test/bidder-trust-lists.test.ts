/**
 * A server's block list and trust settings at their edges (`bidder-trust.ts`): blocking and
 * unblocking one bidder among several, the accounts linked to a blocked one, the block
 * target as typed, and the settings' bounds.
 */
import { bookTrustOf, parseBlockTarget, parseTrustSettings, withBlocked, withLinked, withoutBlocked, type BlockedBidder } from '../rules/bidder-trust';

const entry = (key: string, linked?: string[]): BlockedBidder => ({ key, label: key, blockedBy: 'admin', blockedAt: 'now', ...(linked ? { linked } : {}) });

describe('the block list', () => {
  it('adds a second bidder after the first', () => {
    const list = withBlocked(withBlocked([], entry('ann')), entry('bob'));
    expect(list.map((b) => b.key)).toEqual(['ann', 'bob']);
  });

  it('keeps a bidder blocked once when blocked again, as a new list', () => {
    const list = [entry('ann'), entry('bob')];
    const again = withBlocked(list, entry('bob'));
    expect(again.map((b) => b.key)).toEqual(['ann', 'bob']);
    expect(again).not.toBe(list);
  });

  it('unblocks only the bidder named', () => {
    const list = [entry('ann'), entry('bob'), entry('cat')];
    expect(withoutBlocked(list, 'bob').map((b) => b.key)).toEqual(['ann', 'cat']);
    expect(withoutBlocked(list, 'dee').map((b) => b.key)).toEqual(['ann', 'bob', 'cat']);
  });

  it('gives the book every blocked key and every account linked to one, and nothing for an empty list', () => {
    expect(bookTrustOf({ blocked: [entry('ann', ['twitch:1']), entry('twitch-login:cyd')] }).blocked).toStrictEqual(['ann', 'twitch:1', 'twitch-login:cyd']);
    expect(bookTrustOf(undefined).blocked).toStrictEqual([]);
    expect(bookTrustOf({}).blocked).toStrictEqual([]);
  });
});

describe('the accounts linked to a blocked bidder', () => {
  it('are added once each, never the entry’s own key', () => {
    expect(withLinked(entry('ann', ['twitch:1']), ['ann', 'twitch:1', 'twitch:2']).linked).toEqual(['twitch:1', 'twitch:2']);
  });

  it('leave the entry as it was when nothing new is linked', () => {
    const blocked = entry('ann', ['twitch:1']);
    expect(withLinked(blocked, ['ann', 'twitch:1'])).toBe(blocked);
  });
});

describe('whom /c500 block names', () => {
  const login = (typed: string) => {
    const parsed = parseBlockTarget({ twitch: typed });
    return parsed.ok ? parsed.target?.key : parsed.problem;
  };

  it('asks for one bidder at a time when given a member and a login', () => {
    expect(parseBlockTarget({ member: '800000000000000001', twitch: 'keebfan' })).toEqual({
      ok: false,
      problem: 'Name one bidder at a time: a Discord `member:` or a `twitch:` login, not both.',
    });
  });

  it('reads a login with spaces around it, or from an http address', () => {
    expect(login('  keebfan  ')).toBe('twitch-login:keebfan');
    expect(login('http://twitch.tv/keebfan')).toBe('twitch-login:keebfan');
  });

  it('strips the address and the @ only from the front', () => {
    expect(login('foo_twitch.tv/keebfan')).toContain('isn’t a Twitch login');
    expect(login('keeb@fan')).toContain('isn’t a Twitch login');
    expect(login('bad!name')).toContain('isn’t a Twitch login');
  });

  it('quotes at most 40 characters of what is not a login', () => {
    expect(login('!'.repeat(50))).toBe(
      `\`${'!'.repeat(40)}\` isn’t a Twitch login: type the name from their channel’s address, for example \`twitch:keebfan\`.`,
    );
  });
});

describe('the trust settings’ bounds', () => {
  const cooldownOf = (cooldown: number | string) => {
    const form = parseTrustSettings({ cooldown }, 'usd');
    return form.ok ? form.changes.cooldownMs : 'refused';
  };

  it('takes a cooldown of up to a minute, to a tenth of a second', () => {
    expect(cooldownOf(60)).toBe(60_000);
    expect(cooldownOf(59.9)).toBe(59_900);
    expect(cooldownOf(0.1)).toBe(100);
    expect(cooldownOf('2.5')).toBe(2_500);
  });

  it('refuses a cooldown left blank, over a minute, or finer than a tenth, however little', () => {
    expect(cooldownOf('')).toBe('refused');
    expect(cooldownOf('   ')).toBe('refused');
    expect(cooldownOf('soon')).toBe('refused');
    expect(cooldownOf(60.1)).toBe('refused');
    expect(cooldownOf(0.05)).toBe('refused');
    // A hair off a tenth used to pass as the tenth (within 1e-9 of it): a tenth means a tenth.
    expect(cooldownOf(2.50000000001)).toBe('refused');
    expect(cooldownOf(0.00000000001)).toBe('refused');
  });

  it('refuses a blank new-bidder limit rather than reading it as 0', () => {
    const form = parseTrustSettings({ 'new-bidder-limit': '   ' }, 'usd');
    expect(form.ok).toBe(false);
    expect(parseTrustSettings({ 'new-bidder-limit': ' 0 ' }, 'usd')).toEqual({ ok: true, changes: { newBidderLimitCents: 0 } });
  });
});
