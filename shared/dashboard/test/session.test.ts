import { adminGuildsOf, administers, rightsAreStale, sealToken, unsealToken } from '../rules/session';

const guild = (id: string, permissions: string, owner = false) => ({ id, name: `Server ${id}`, owner, permissions });

describe('who administers a guild, by Discord’s answer', () => {
  it('counts the owner, Administrator (0x8) and Manage Server (0x20), and nobody else', () => {
    const admins = adminGuildsOf([
      guild('1', '0', true),
      guild('2', '8'),
      guild('3', '32'),
      guild('4', String(0x8 | 0x400)),
      guild('5', '3072'),
      guild('6', '16'),
      guild('7', '0'),
    ]);
    expect(admins.map((g) => g.id)).toEqual(['1', '2', '3', '4']);
  });

  it('reads permissions above 2^53 exactly, as Discord sends them as strings', () => {
    const high = (1n << 60n) | 0x20n;
    expect(adminGuildsOf([guild('1', high.toString())]).map((g) => g.id)).toEqual(['1']);
    expect(adminGuildsOf([guild('1', (1n << 60n).toString())])).toEqual([]);
  });

  it('refuses permissions that are not a decimal string', () => {
    expect(adminGuildsOf([guild('1', '0x8'), guild('2', '8; drop'), guild('3', '')])).toEqual([]);
  });

  it('checks a guild id against the session’s list only', () => {
    expect(administers({ adminGuilds: [{ id: '1', name: 'a' }] }, '1')).toBe(true);
    expect(administers({ adminGuilds: [{ id: '1', name: 'a' }] }, '2')).toBe(false);
  });
});

describe('when Discord is asked again', () => {
  it('is once the recheck window has passed, and when the time is unreadable', () => {
    const checked = '2026-11-21T12:00:00.000Z';
    const at = Date.parse(checked);
    expect(rightsAreStale({ guildsCheckedAt: checked }, at + 5 * 60_000 - 1, 5)).toBe(false);
    expect(rightsAreStale({ guildsCheckedAt: checked }, at + 5 * 60_000, 5)).toBe(true);
    expect(rightsAreStale({ guildsCheckedAt: 'never' }, at, 5)).toBe(true);
  });
});

describe('Discord’s token, sealed in the store', () => {
  const key = 'dashboard-session-key-for-tests-0123456789';

  it('opens with the key it was sealed with, and shows nothing of the token', () => {
    const sealed = sealToken('discord-access-token', key);
    expect(sealed).not.toContain('discord-access-token');
    expect(unsealToken(sealed, key)).toBe('discord-access-token');
  });

  it('does not open with another key, or once tampered with', () => {
    const sealed = sealToken('discord-access-token', key);
    expect(unsealToken(sealed, 'another-key-0123456789abcdef01234567')).toBeUndefined();
    const [iv, tag, body] = sealed.split('.') as [string, string, string];
    const flipped = Buffer.from(body, 'base64url');
    flipped[0] = (flipped[0] as number) ^ 1;
    expect(unsealToken(`${iv}.${tag}.${flipped.toString('base64url')}`, key)).toBeUndefined();
    expect(unsealToken('garbage', key)).toBeUndefined();
  });
});
