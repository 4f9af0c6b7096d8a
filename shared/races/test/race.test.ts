import { canHost, joinButtonId, leaveButtonId, parseRacerMentions, raceButtonOf, raceMessageSlot } from '../rules/race';
import { ADMIN, MEMBER, command } from '../../../test/support/interactions';
import { percentToBps } from '../../common';

const ana = '100000000000000001';
const bo = '100000000000000002';
const cy = '100000000000000003';

describe('a racer list typed as mentions', () => {
  it('keeps the racers in the order they were typed, whatever separates them', () => {
    expect(parseRacerMentions(`<@${cy}> <@${ana}>,<@${bo}>`, 8)).toEqual({ ok: true, racerIds: [cy, ana, bo] });
  });

  it('takes the nickname form of a mention, <@!id>, as the same member', () => {
    expect(parseRacerMentions(`<@!${ana}> <@${bo}>`, 8)).toEqual({ ok: true, racerIds: [ana, bo] });
  });

  it('refuses a racer named twice, even once as a nickname mention, naming them', () => {
    const list = parseRacerMentions(`<@${ana}> <@${bo}> <@!${ana}>`, 8);
    expect(list).toEqual({ ok: false, reason: expect.stringContaining(`<@${ana}> is in the list twice`) });
  });

  it.each([
    ['a plain name', `<@${ana}> bo`, '`bo`'],
    ['an @name typed without picking the member', '@ana', '`@ana`'],
    ['a role mention', `<@&${ana}>`, `\`<@&${ana}>\``],
    ['a channel mention', `<#${ana}>`, `\`<#${ana}>\``],
    ['an id that is too short to be a snowflake', '<@123>', '`<@123>`'],
  ])('refuses %s, quoting it and showing what to type', (_, text, quoted) => {
    const list = parseRacerMentions(text, 8);
    expect(list).toEqual({ ok: false, reason: expect.stringContaining(`${quoted} isn’t a member mention`) });
    expect(list.ok || list.reason).toContain('/race start racers:@ana @bo');
  });

  it('refuses more racers than the maximum, saying how many there were and the limit', () => {
    const list = parseRacerMentions(`<@${ana}> <@${bo}> <@${cy}>`, 2);
    expect(list).toEqual({ ok: false, reason: expect.stringContaining('That’s 3 racers; a lobby here takes at most 2') });
  });

  it('takes exactly the maximum', () => {
    expect(parseRacerMentions(`<@${ana}> <@${bo}>`, 2)).toMatchObject({ ok: true });
  });

  it.each([
    ['nothing', ''],
    ['only spaces and commas', ' , ,  '],
  ])('refuses %s and says how to name racers or start with those who joined', (_, text) => {
    expect(parseRacerMentions(text, 8)).toEqual({ ok: false, reason: expect.stringContaining('Name at least one racer') });
  });
});

describe('who may host a race', () => {
  const hostRole = '930000000000000777';
  const withRoles = (permissions: string, roles: string[]) => {
    const interaction = command({ name: 'race', path: ['open'], permissions });
    if (interaction.member) interaction.member.roles = roles;
    return interaction;
  };

  it('lets a server admin host, with or without a host role set', () => {
    expect(canHost(withRoles(ADMIN, []), { hostRoleId: null })).toBe(true);
    expect(canHost(withRoles(ADMIN, []), { hostRoleId: hostRole })).toBe(true);
  });

  it('lets a member with the guild’s host role host', () => {
    expect(canHost(withRoles(MEMBER, ['930000000000000001', hostRole]), { hostRoleId: hostRole })).toBe(true);
  });

  it('refuses a member without the host role', () => {
    expect(canHost(withRoles(MEMBER, ['930000000000000001']), { hostRoleId: hostRole })).toBe(false);
  });

  it('refuses every member when the guild has no host role', () => {
    expect(canHost(withRoles(MEMBER, [hostRole]), { hostRoleId: null })).toBe(false);
  });

  it('refuses a member whose interaction carries no roles at all', () => {
    expect(canHost(command({ name: 'race', path: ['open'], permissions: MEMBER }), { hostRoleId: hostRole })).toBe(false);
  });
});

describe('the lobby buttons', () => {
  it('reads back the Join and Leave buttons a lobby message carries', () => {
    expect(raceButtonOf(joinButtonId('a1b2c3d4'))).toEqual({ action: 'join', lobbyId: 'a1b2c3d4' });
    expect(raceButtonOf(leaveButtonId('a1b2c3d4'))).toEqual({ action: 'leave', lobbyId: 'a1b2c3d4' });
  });

  it.each([
    ['another action', 'race:start:a1b2c3d4'],
    ['a lobby id that is too short', 'race:join:a1b2c3'],
    ['a lobby id that is too long', 'race:join:a1b2c3d4e'],
    ['upper-case letters in the id', 'race:join:A1B2C3D4'],
    ['another feature’s button', 'buy:a1b2c3d4'],
    ['trailing text', 'race:join:a1b2c3d4:x'],
  ])('is not a race button with %s', (_, customId) => {
    expect(raceButtonOf(customId)).toBeUndefined();
  });
});

describe('when the lobby message is next edited', () => {
  const second = Date.parse('2026-11-22T13:04:30.000Z');

  it('gives every change within the same second the same task name', () => {
    expect(raceMessageSlot('a1b2c3d4', second + 10).name).toBe(raceMessageSlot('a1b2c3d4', second + 990).name);
  });

  it('gives a change in the next second the next name', () => {
    const now = raceMessageSlot('a1b2c3d4', second + 500);
    const next = raceMessageSlot('a1b2c3d4', second + 1_000);
    expect(now.name).toBe(`race-message-a1b2c3d4-${second / 1000 + 1}`);
    expect(next.name).toBe(`race-message-a1b2c3d4-${second / 1000 + 2}`);
  });

  it('runs the edit at the next whole second, even for a change made exactly on one', () => {
    expect(raceMessageSlot('a1b2c3d4', second + 1).atMs).toBe(second + 1_000);
    expect(raceMessageSlot('a1b2c3d4', second + 999).atMs).toBe(second + 1_000);
    expect(raceMessageSlot('a1b2c3d4', second).atMs).toBe(second + 1_000);
  });

  it('keeps lobbies apart', () => {
    expect(raceMessageSlot('a1b2c3d4', second).name).not.toBe(raceMessageSlot('e5f6g7h8', second).name);
  });
});

describe('a commission rate typed as a percentage', () => {
  it.each([
    ['20', 2000],
    ['12.5', 1250],
    ['12.50', 1250],
    ['0.01', 1],
    ['100', 10_000],
    ['20%', 2000],
    [' 7 ', 700],
  ])('reads %p as %p basis points', (text, bps) => {
    expect(percentToBps(text)).toBe(bps);
  });

  it.each(['0', '0.00', '100.01', '1.234', '-5', '', 'twenty', '1e2', '.5'])('refuses %p', (text) => {
    expect(percentToBps(text)).toBeUndefined();
  });
});
