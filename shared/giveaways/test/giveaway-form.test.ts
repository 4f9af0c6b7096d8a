/**
 * `/giveaway start`'s options read strictly, each bad one answered with what to type.
 */
import { parseGiveawayDuration, readGiveawayForm } from '../rules/giveaway-form';
import { canSponsor, entryRefusal } from '../rules/eligibility';
import { ADMIN, command } from '../../../test/support/interactions';
import { parseGiveawayTask } from '../rules/giveaway';
import { addressOf, claimOf, giveawayOfEnter, readAddress } from '../rules/address-form';

describe('a giveaway’s form', () => {
  it('reads durations people type, from a minute to a week', () => {
    expect(parseGiveawayDuration('30m')).toEqual({ ok: true, seconds: 1800 });
    expect(parseGiveawayDuration('1d 12h')).toEqual({ ok: true, seconds: 129_600 });
    expect(parseGiveawayDuration('90s')).toEqual({ ok: true, seconds: 90 });
  });

  it('refuses a duration that is not a duration, too short or too long, saying what to type', () => {
    expect(parseGiveawayDuration('soon')).toEqual({ ok: false, problem: expect.stringContaining('isn’t a duration. Type a duration like `30m`') });
    expect(parseGiveawayDuration('30')).toMatchObject({ ok: false });
    expect(parseGiveawayDuration('10s')).toEqual({ ok: false, problem: expect.stringContaining('at least a minute') });
    expect(parseGiveawayDuration('8d')).toEqual({ ok: false, problem: expect.stringContaining('at most 7 days') });
  });

  it('refuses fewer than one winner or more than twenty, and an invisible prize', () => {
    expect(readGiveawayForm({ prize: 'Keycaps', duration: '1h', winners: 0 })).toEqual({ ok: false, problem: expect.stringContaining('from 1 to 20') });
    expect(readGiveawayForm({ prize: 'Keycaps', duration: '1h', winners: 21 })).toMatchObject({ ok: false });
    expect(readGiveawayForm({ prize: '\u200b ', duration: '1h' })).toEqual({ ok: false, problem: expect.stringContaining('what the prize is') });
    expect(readGiveawayForm({ prize: 'Keycaps', duration: '1h' })).toEqual({
      ok: true,
      form: { prize: 'Keycaps', durationSeconds: 3600, winners: 1, confirmMinutes: 5 },
    });
  });
});

describe('who may enter', () => {
  const sponsor = { sponsorId: '830000000000000009', broadcasterId: '700' };
  const rules = {
    blocked: [
      { key: '830000000000000002', linked: ['twitch:702'], label: '<@…2>', blockedBy: 'a', blockedAt: 'b' },
      { key: 'twitch-login:bad_keys', label: 'x', blockedBy: 'a', blockedAt: 'b' },
    ],
  };

  it('refuses the sponsor, on Discord and from their own channel’s account', () => {
    expect(entryRefusal({ memberId: sponsor.sponsorId }, sponsor, undefined)).toBe('sponsor');
    expect(entryRefusal({ twitchId: '700', twitchLogin: 'host' }, sponsor, undefined)).toBe('sponsor');
  });

  it('refuses a blocked member, their linked Twitch account and a blocked login', () => {
    expect(entryRefusal({ memberId: '830000000000000002' }, sponsor, rules)).toBe('blocked');
    expect(entryRefusal({ twitchId: '702', twitchLogin: 'fine_name' }, sponsor, rules)).toBe('blocked');
    expect(entryRefusal({ twitchId: '703', twitchLogin: 'Bad_Keys' }, sponsor, rules)).toBe('blocked');
  });

  it('GIVEN a block C500 made after a disputed payment THEN the member and their linked Twitch account are refused as blocked after a dispute', () => {
    const disputed = {
      blocked: [{ key: '830000000000000004', linked: ['twitch:704'], label: '<@…4>', blockedBy: '830000000000000004', blockedAt: 'b', disputeId: 'du_1' }],
    };
    expect(entryRefusal({ memberId: '830000000000000004' }, sponsor, disputed)).toBe('blocked-after-dispute');
    expect(entryRefusal({ twitchId: '704', twitchLogin: 'fine_name' }, sponsor, disputed)).toBe('blocked-after-dispute');
  });

  it('lets anyone else in, whatever the prize says about purchases', () => {
    expect(entryRefusal({ memberId: '830000000000000003' }, sponsor, rules)).toBeUndefined();
    expect(readGiveawayForm({ prize: 'Free with any purchase! No purchase? Still free', duration: '1h' })).toMatchObject({ ok: true });
  });
});

describe('a giveaway’s ids and inputs', () => {
  it('reads its buttons, modal and tasks strictly', () => {
    expect(giveawayOfEnter('genter:abcd2345')).toBe('abcd2345');
    expect(giveawayOfEnter('genter:../x')).toBeUndefined();
    expect(claimOf('gclaim:abcd2345:2')).toEqual({ giveawayId: 'abcd2345', round: 2 });
    expect(claimOf('gclaim:abcd2345:0')).toBeUndefined();
    expect(addressOf('gaddr:abcd2345:1')).toEqual({ giveawayId: 'abcd2345', round: 1 });
    expect(parseGiveawayTask({ giveawayId: 'abcd2345', round: 0 })).toEqual({ giveawayId: 'abcd2345', round: 0 });
    expect(parseGiveawayTask({ giveawayId: 'abcd2345', round: -1 })).toBeUndefined();
    expect(parseGiveawayTask({ giveawayId: 'abcd2345', round: 1, extra: 1 })).toBeUndefined();
  });

  it('reads an address, the postal code and the country sharing one input', () => {
    expect(readAddress({ name: 'Ann Key', line1: '1 Switch Lane', city: 'Portland', state: 'OR', postal: '97201 us' })).toEqual({
      ok: true,
      address: { name: 'Ann Key', line1: '1 Switch Lane', city: 'Portland', state: 'OR', postalCode: '97201', country: 'US' },
    });
    expect(readAddress({ name: 'Ann', line1: '1 Lane', city: 'X', postal: '97201' })).toEqual({ ok: false, problem: expect.stringContaining('country code') });
  });
});

describe('who may start a giveaway', () => {
  const interaction = (permissions = '0') => command({ name: 'giveaway', path: ['start'], permissions, options: {} });
  it('lets a builder who sells, a show host and an admin start one, and nobody else', () => {
    const member = interaction();
    const host = interaction();
    (host.member as { roles?: string[] }).roles = ['940000000000000001'];
    const seller = { discordUserId: '1', displayName: 'B', stripeAccountId: 'acct_1', chargesEnabled: true };
    const hostRole = { shows: { hostRoleId: '940000000000000001' } };
    expect(canSponsor(member, undefined, hostRole)).toBe(false);
    expect(canSponsor(member, { discordUserId: '1', displayName: 'B' }, hostRole)).toBe(false);
    expect(canSponsor(member, seller, undefined)).toBe(true);
    expect(canSponsor(host, undefined, hostRole)).toBe(true);
    expect(canSponsor(host, undefined, { shows: { hostRoleId: null } })).toBe(false);
    expect(canSponsor(interaction(ADMIN), undefined, undefined)).toBe(true);
  });
});
