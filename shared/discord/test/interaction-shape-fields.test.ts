import { interactionProblem, readInteraction } from '../rules/interaction-shape';

type Json = Record<string, unknown>;

const USER_ID = '800000000000000002';
const ROLE_ID = '920000000000000001';

const user = (changes: Json = {}): Json => ({ id: USER_ID, username: 'keebfan', global_name: 'Keeb Fan', ...changes });

/** `/c500` run by a member in a server, as Discord sends it. */
function guildCommand(changes: Json = {}): Json {
  return {
    id: '1300000000000000001',
    type: 2,
    token: 'token-abc',
    application_id: '1100000000000000001',
    guild_id: '900000000000000001',
    channel_id: '910000000000000001',
    member: { user: user(), permissions: '3072', roles: [ROLE_ID] },
    data: { name: 'c500' },
    ...changes,
  };
}

const withMember = (changes: Json): Json => guildCommand({ member: { user: user(), permissions: '3072', ...changes } });

/** The same command run in a DM: a user, no member, no server. */
function dmCommand(changes: Json = {}): Json {
  const { member: _member, guild_id: _guild, ...rest } = guildCommand();
  return { ...rest, user: user(), ...changes };
}

const ping = (): Json => ({ id: '1300000000000000002', type: 1, token: 'token-ping', application_id: '1100000000000000001' });

describe('reading an interaction at the ingress', () => {
  it('hands back the interaction itself when it is fit, and the problem when it is not', () => {
    const fit = guildCommand();
    const read = readInteraction(fit);
    expect(read.ok).toBe(true);
    expect(read.ok && read.interaction).toBe(fit);
    expect(readInteraction(guildCommand({ id: 'abc' }))).toEqual({ ok: false, problem: 'id is not a snowflake' });
  });
});

describe('the fields every interaction carries', () => {
  it.each<[string, unknown, string]>([
    ['nothing at all', null, 'an interaction is a JSON object'],
    ['a list', [guildCommand()], 'an interaction is a JSON object'],
    ['a string', 'interaction', 'an interaction is a JSON object'],
    ['no id', guildCommand({ id: undefined }), 'id is not a snowflake'],
    ['an id given as a number', guildCommand({ id: 800000000000000000 }), 'id is not a snowflake'],
    ['type 0', guildCommand({ type: 0 }), 'type is not an interaction type'],
    ['type 6', guildCommand({ type: 6 }), 'type is not an interaction type'],
    ['a fractional type', guildCommand({ type: 2.5 }), 'type is not an interaction type'],
    ['a type given as text', guildCommand({ type: '2' }), 'type is not an interaction type'],
    ['a token given as a number', guildCommand({ token: 12345 }), 'token is malformed'],
    ['an empty token', guildCommand({ token: '' }), 'token is malformed'],
    ['a token that starts with a stray character', guildCommand({ token: '/abc' }), 'token is malformed'],
    ['a token that ends with a stray character', guildCommand({ token: 'abc/' }), 'token is malformed'],
    ['a token longer than 1,000 characters', guildCommand({ token: 'a'.repeat(1_001) }), 'token is malformed'],
    ['no application id', guildCommand({ application_id: undefined }), 'application_id is not a snowflake'],
    ['a guild id that is a name', guildCommand({ guild_id: 'general' }), 'guild_id is not a snowflake'],
    ['a channel id given as a number', guildCommand({ channel_id: 42 }), 'channel_id is not a snowflake'],
    ['a user whose id is no snowflake', dmCommand({ user: user({ id: 'me' }) }), 'user is malformed'],
    ['no member and no user', dmCommand({ user: undefined }), 'an interaction names who made it'],
  ])('refuses an interaction with %s, naming what is wrong', (_label, json, problem) => {
    expect(interactionProblem(json)).toBe(problem);
  });

  it('accepts a PING, which names nobody, and a command from a DM, which names its user', () => {
    expect(interactionProblem(ping())).toBeUndefined();
    expect(interactionProblem(dmCommand())).toBeUndefined();
  });

  it('accepts a token of every character Discord uses, up to 1,000 of them', () => {
    const token = 'Ab9._:-'.repeat(143).slice(0, 1_000);
    expect(token).toHaveLength(1_000);
    expect(interactionProblem(guildCommand({ token }))).toBeUndefined();
  });

  it('accepts every interaction type from a PING (1) to a modal submit (5)', () => {
    expect(interactionProblem({ ...ping(), type: 1 })).toBeUndefined();
    expect(interactionProblem(guildCommand({ type: 5, data: { custom_id: 'drop:create', components: [] } }))).toBeUndefined();
  });
});

describe('who made the interaction', () => {
  it.each<[string, Json]>([
    ['whose user is a name rather than an object', { user: 'keebfan', permissions: '3072' }],
    ['with no user', { permissions: '3072' }],
    ['whose user id is no snowflake', { user: user({ id: '12' }), permissions: '3072' }],
    ['whose user has no username', { user: user({ username: undefined }), permissions: '3072' }],
    ['whose username is a list', { user: user({ username: ['keebfan'] }), permissions: '3072' }],
    ['whose username is longer than 100 characters', { user: user({ username: 'k'.repeat(101) }), permissions: '3072' }],
    ['whose display name is a number', { user: user({ global_name: 5 }), permissions: '3072' }],
    ['whose display name is longer than 100 characters', { user: user({ global_name: 'K'.repeat(101) }), permissions: '3072' }],
  ])('refuses a member %s', (_label, member) => {
    expect(interactionProblem(guildCommand({ member }))).toBe('member.user is malformed');
  });

  it('refuses a member that is a name rather than an object', () => {
    expect(interactionProblem(guildCommand({ member: 'keebfan' }))).toBe('member.user is malformed');
  });

  it('refuses a DM user with a username too long or no username, as it does a member', () => {
    expect(interactionProblem(dmCommand({ user: user({ username: 'k'.repeat(101) }) }))).toBe('user is malformed');
    expect(interactionProblem(dmCommand({ user: user({ username: 7 }) }))).toBe('user is malformed');
  });

  it('accepts a username of exactly 100 characters, and a display name that is null, absent or 100 characters', () => {
    expect(interactionProblem(withMember({ user: user({ username: 'k'.repeat(100) }) }))).toBeUndefined();
    expect(interactionProblem(withMember({ user: user({ global_name: null }) }))).toBeUndefined();
    expect(interactionProblem(withMember({ user: user({ global_name: undefined }) }))).toBeUndefined();
    expect(interactionProblem(withMember({ user: user({ global_name: 'K'.repeat(100) }) }))).toBeUndefined();
    expect(interactionProblem(dmCommand({ user: user({ global_name: null }) }))).toBeUndefined();
  });

  it.each<[string, unknown]>([
    ['a number', 8],
    ['empty', ''],
    ['digits followed by text', '8x'],
    ['text followed by digits', 'x8'],
    ['more than 30 digits', '1'.repeat(31)],
  ])('refuses member permissions that are %s', (_label, permissions) => {
    expect(interactionProblem(withMember({ permissions }))).toBe('member.permissions is not a permission bit set');
  });

  it('accepts member permissions of up to 30 digits', () => {
    expect(interactionProblem(withMember({ permissions: '8' }))).toBeUndefined();
    expect(interactionProblem(withMember({ permissions: '9'.repeat(30) }))).toBeUndefined();
  });

  it.each<[string, unknown]>([
    ['a single id rather than a list', ROLE_ID],
    ['more than 1,000 role ids', Array.from({ length: 1_001 }, () => ROLE_ID)],
    ['a path among the role ids', [ROLE_ID, '../admins']],
  ])('refuses member roles that are %s', (_label, roles) => {
    expect(interactionProblem(withMember({ roles }))).toBe('member.roles is not a list of role ids');
  });

  it('accepts a member with no roles listed, none, or up to 1,000 role ids', () => {
    expect(interactionProblem(withMember({}))).toBeUndefined();
    expect(interactionProblem(withMember({ roles: [] }))).toBeUndefined();
    expect(interactionProblem(withMember({ roles: [ROLE_ID, '920000000000000002'] }))).toBeUndefined();
    expect(interactionProblem(withMember({ roles: Array.from({ length: 1_000 }, () => ROLE_ID) }))).toBeUndefined();
  });
});
