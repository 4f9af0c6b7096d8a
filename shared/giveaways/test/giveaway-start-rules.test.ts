/**
 * `/giveaway start` read to its limits: each bad option answered with exactly what to
 * type; who may sponsor, whether or not the server has a host role or the person a member;
 * who may enter.
 */
import { parseGiveawayDuration, readGiveawayForm } from '../rules/giveaway-form';
import { canSponsor, entryRefusal } from '../rules/eligibility';
import { command } from '../../../test/support/interactions';

const example = 'Type a duration like `30m`, `2h` or `1d`.';

describe('a giveaway’s duration', () => {
  it('quotes what was typed, trimmed and cut to 20 characters, when it is not a duration', () => {
    expect(parseGiveawayDuration(' soon ')).toEqual({ ok: false, problem: `\`soon\` isn’t a duration. ${example}` });
    expect(parseGiveawayDuration('')).toEqual({ ok: false, problem: `\` \` isn’t a duration. ${example}` });
    expect(parseGiveawayDuration('in about twenty-five minutes')).toEqual({ ok: false, problem: `\`in about twenty-five\` isn’t a duration. ${example}` });
  });

  it('takes exactly a minute and exactly a week, and no more', () => {
    expect(parseGiveawayDuration('1m')).toEqual({ ok: true, seconds: 60 });
    expect(parseGiveawayDuration('59s')).toEqual({ ok: false, problem: `A giveaway runs at least a minute. ${example}` });
    expect(parseGiveawayDuration('7d')).toEqual({ ok: true, seconds: 604_800 });
    expect(parseGiveawayDuration('10d')).toEqual({ ok: false, problem: `A giveaway runs at most 7 days. ${example}` });
  });
});

describe('a giveaway’s form', () => {
  const form = { prize: 'Keycaps', duration: '1h' };

  it('trims the prize, and takes one up to 200 characters', () => {
    expect(readGiveawayForm({ ...form, prize: '  Keycaps  ' })).toMatchObject({ ok: true, form: { prize: 'Keycaps' } });
    expect(readGiveawayForm({ ...form, prize: 'K'.repeat(200) })).toMatchObject({ ok: true });
    expect(readGiveawayForm({ ...form, prize: 'K'.repeat(201) })).toEqual({ ok: false, problem: 'A prize is at most 200 characters.' });
  });

  it('asks for the prize when none was given', () => {
    expect(readGiveawayForm({ duration: '1h' })).toEqual({ ok: false, problem: 'Say what the prize is: `prize:<text>`.' });
  });

  it('answers a missing or bad duration as the duration does', () => {
    expect(readGiveawayForm({ prize: 'Keycaps' })).toEqual({ ok: false, problem: `\` \` isn’t a duration. ${example}` });
    expect(readGiveawayForm({ ...form, duration: '10s' })).toEqual({ ok: false, problem: `A giveaway runs at least a minute. ${example}` });
  });

  it('takes from 1 to 20 whole winners', () => {
    const problem = { ok: false, problem: '`winners` is a whole number from 1 to 20.' };
    expect(readGiveawayForm({ ...form, winners: 20 })).toMatchObject({ ok: true, form: { winners: 20 } });
    expect(readGiveawayForm({ ...form, winners: 1 })).toMatchObject({ ok: true, form: { winners: 1 } });
    expect(readGiveawayForm({ ...form, winners: 2.5 })).toEqual(problem);
    expect(readGiveawayForm({ ...form, winners: '3' })).toEqual(problem);
  });

  it('takes from 1 to 1,440 whole minutes to confirm, 5 unless told', () => {
    const problem = { ok: false, problem: '`confirm-minutes` is a whole number of minutes from 1 to 1440.' };
    expect(readGiveawayForm(form)).toEqual({ ok: true, form: { prize: 'Keycaps', durationSeconds: 3600, winners: 1, confirmMinutes: 5 } });
    expect(readGiveawayForm({ ...form, 'confirm-minutes': 1 })).toMatchObject({ ok: true, form: { confirmMinutes: 1 } });
    expect(readGiveawayForm({ ...form, 'confirm-minutes': 1440 })).toMatchObject({ ok: true, form: { confirmMinutes: 1440 } });
    expect(readGiveawayForm({ ...form, 'confirm-minutes': 1441 })).toEqual(problem);
    expect(readGiveawayForm({ ...form, 'confirm-minutes': 0 })).toEqual(problem);
    expect(readGiveawayForm({ ...form, 'confirm-minutes': 2.5 })).toEqual(problem);
    expect(readGiveawayForm({ ...form, 'confirm-minutes': '30' })).toEqual(problem);
  });
});

describe('who may sponsor, without a host role or outside a server', () => {
  const start = (guildId?: null) => command({ name: 'giveaway', path: ['start'], guildId });

  it('refuses a member of a server that has no settings or no shows', () => {
    expect(canSponsor(start(), undefined, undefined)).toBe(false);
    expect(canSponsor(start(), undefined, {})).toBe(false);
  });

  it('refuses someone outside a server, whatever the host role', () => {
    expect(canSponsor(start(null), undefined, { shows: { hostRoleId: '940000000000000001' } })).toBe(false);
  });
});

describe('who may enter a giveaway', () => {
  const sponsor = { sponsorId: '830000000000000009' };

  it('lets a chatter in when the sponsor has no Twitch channel and nobody is blocked', () => {
    expect(entryRefusal({ twitchId: '700', twitchLogin: 'chatter' }, sponsor, undefined)).toBeUndefined();
    expect(entryRefusal({ twitchId: '700', twitchLogin: 'chatter' }, sponsor, { blocked: [] })).toBeUndefined();
  });

  it('refuses the sponsor’s own Twitch account even when it is linked to nobody', () => {
    expect(entryRefusal({ twitchId: '700', twitchLogin: 'host' }, { ...sponsor, broadcasterId: '700' }, undefined)).toBe('sponsor');
    expect(entryRefusal({ memberId: '830000000000000003' }, { ...sponsor, broadcasterId: '700' }, undefined)).toBeUndefined();
  });
});
