/**
 * The trust rules as admins type them and as bidders read them: settings and block targets
 * parsed with every problem named, the book's copy of the rules, and the answers to the three
 * refusals, each private and within Discord's limits.
 */
import { discordLimitProblems } from '../../discord';
import { bookTrustOf, parseBlockTarget, parseTrustSettings, trustLimits, withBlocked, withoutBlocked, type BlockedBidder } from '../rules/bidder-trust';
import { auctionRefusals, bidAnswer, everyText } from '../rules/auction-messages';
import { trustAnswers } from '../rules/trust-messages';
import { opened, bid } from './book-model-fixtures';

const EPHEMERAL = 64;

describe('parsing /c500 auction settings', () => {
  it('reads the limit in the currency’s major unit and the cooldown in seconds, 0 turning either off', () => {
    expect(parseTrustSettings({ 'new-bidder-limit': 250, cooldown: 2.5 }, 'usd')).toEqual({
      ok: true,
      changes: { newBidderLimitCents: 25_000, cooldownMs: 2_500 },
    });
    expect(parseTrustSettings({ 'new-bidder-limit': 0, cooldown: 0 }, 'usd')).toEqual({ ok: true, changes: { newBidderLimitCents: 0, cooldownMs: 0 } });
    expect(parseTrustSettings({ 'new-bidder-limit': 30000 }, 'jpy')).toEqual({ ok: true, changes: { newBidderLimitCents: 30_000 } });
    expect(parseTrustSettings({ cooldown: 0.3 }, 'usd')).toEqual({ ok: true, changes: { cooldownMs: 300 } });
    expect(parseTrustSettings({}, 'usd')).toEqual({ ok: true, changes: {} });
  });

  it('names every problem at once, with what to type instead', () => {
    const form = parseTrustSettings({ 'new-bidder-limit': 12.345, cooldown: 61 }, 'usd');
    expect(form.ok).toBe(false);
    const problems = form.ok ? [] : form.problems;
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/new-bidder-limit.*two decimals.*`0` means no limit/);
    expect(problems[1]).toContain(`from 0 (none) to ${trustLimits.maxCooldownSeconds}`);
    expect(parseTrustSettings({ cooldown: 1.25 }, 'usd').ok).toBe(false);
    expect(parseTrustSettings({ cooldown: -1 }, 'usd').ok).toBe(false);
    expect(parseTrustSettings({ 'new-bidder-limit': -5 }, 'usd').ok).toBe(false);
    expect(parseTrustSettings({ 'new-bidder-limit': '' }, 'usd').ok).toBe(false);
  });
});

describe('parsing whom /c500 block and unblock name', () => {
  it('takes a member by id, or a Twitch login however it is typed', () => {
    expect(parseBlockTarget({ member: '800000000000000001' })).toEqual({
      ok: true,
      target: { key: '800000000000000001', label: '<@800000000000000001>', memberId: '800000000000000001' },
    });
    for (const typed of ['KeebFan', '@keebfan', 'https://www.twitch.tv/keebfan', 'twitch.tv/keebfan'])
      expect(parseBlockTarget({ twitch: typed })).toEqual({ ok: true, target: { key: 'twitch-login:keebfan', label: 'twitch.tv/keebfan' } });
    expect(parseBlockTarget({})).toEqual({ ok: true });
  });

  it('refuses both at once, and what cannot be a login', () => {
    expect(parseBlockTarget({ member: '800000000000000001', twitch: 'keebfan' }).ok).toBe(false);
    const bad = parseBlockTarget({ twitch: 'not a login!' });
    expect(bad.ok ? '' : bad.problem).toContain('isn’t a Twitch login');
  });
});

describe('the book’s copy of a server’s rules', () => {
  it('is the defaults at version 0 for a server that never changed anything', () => {
    expect(bookTrustOf(undefined)).toEqual({ version: 0, newBidderLimitCents: 50_000, cooldownMs: 1_000, blocked: [] });
  });

  it('carries the settings, the version and the blocked keys', () => {
    const entry: BlockedBidder = { key: 'twitch-login:cyd', label: 'twitch.tv/cyd', blockedBy: 'a', blockedAt: 'now' };
    const blocked = withBlocked(withBlocked([], entry), entry);
    expect(blocked).toHaveLength(1);
    expect(bookTrustOf({ version: 7, newBidderLimitCents: 0, blocked })).toEqual({
      version: 7,
      newBidderLimitCents: 0,
      cooldownMs: 1_000,
      blocked: ['twitch-login:cyd'],
    });
    expect(withoutBlocked(blocked, 'twitch-login:cyd')).toEqual([]);
  });
});

describe('what a refused bidder reads', () => {
  it('names the new-bidder limit in the auction’s currency, privately', () => {
    const model = opened();
    model.setGuildTrust('900000000000000001', { version: 1, newBidderLimitCents: 50_000, cooldownMs: 0, blocked: ['bob'] });
    const answer = bidAnswer(model.placeBid({ auctionId: 'a1' }, bid('ann', 60_000)));
    expect(answer.content).toContain('Bidders who haven’t paid for an order on C500 yet can bid up to **$500.00**');
    expect(answer.content).toContain('Pay for one win first');
    expect(answer.flags).toBe(EPHEMERAL);
    expect(bidAnswer(model.placeBid({ auctionId: 'a1' }, bid('bob', 1_000)))).toEqual(auctionRefusals.blocked);
  });

  it('tells a bidder to slow down, naming the cooldown', () => {
    expect(everyText(1_000)).toBe('a second');
    expect(everyText(2_500)).toBe('every 2.5 seconds');
    expect(auctionRefusals.slowDown(1_000).content).toContain('Slow down: this server takes one bid a second from each bidder');
    expect(auctionRefusals.slowDown(1_000).flags).toBe(EPHEMERAL);
  });
});

describe('what admins read', () => {
  it('fits a long block list in one message, saying how many more there are', () => {
    const list: BlockedBidder[] = Array.from({ length: trustLimits.maxBlocked }, (_, i) => ({
      key: String(800000000000000000n + BigInt(i)),
      label: `<@${800000000000000000n + BigInt(i)}>`,
      blockedBy: 'a',
      blockedAt: 'now',
    }));
    const message = trustAnswers.list(list);
    expect(discordLimitProblems(message)).toEqual([]);
    expect(message.content).toMatch(/…and \d+ more/);
    expect(message.allowed_mentions).toEqual({ parse: [] });
  });

  it('shows the rules with what turns them off', () => {
    const shown = trustAnswers.settings({ newBidderLimitCents: 0, cooldownMs: 2_000, streamDelaySeconds: 0, finalCallSeconds: 10 }, 'usd', true).content ?? '';
    expect(shown).toContain('Saved.');
    expect(shown).toContain('**no stream delay**');
    expect(shown).toContain('**a sealed final call of 10 s**');
    expect(shown).toContain('**no limit**');
    expect(shown).toContain('one bid **every 2 seconds**');
  });
});
