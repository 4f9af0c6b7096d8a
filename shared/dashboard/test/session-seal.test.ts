import { createCipheriv, createHmac, randomBytes } from 'node:crypto';
import type { DiscordOAuthGuild } from '../../ports';
import { adminGuildsOf, sealToken, unsealToken } from '../rules/session';

const key = 'dashboard-session-key-for-tests-0123456789';
const b64 = (b: Buffer) => b.toString('base64url');

/** A seal made the way the dashboard makes one, with the IV and tag lengths chosen by the test. */
function sealWith(token: string, ivBytes: number, tagBytes: number): string {
  const sealKey = createHmac('sha256', key).update('c500:dashboard-token-seal:v1').digest();
  const iv = randomBytes(ivBytes);
  const cipher = createCipheriv('aes-256-gcm', sealKey, iv);
  const body = Buffer.concat([cipher.update(token, 'utf8'), cipher.final()]);
  return [b64(iv), b64(cipher.getAuthTag().subarray(0, tagBytes)), b64(body)].join('.');
}

describe('the sealed Discord token', () => {
  it('opens a seal made with the session key for the token seal, as earlier releases made them', () => {
    expect(unsealToken(sealWith('discord-token', 12, 16), key)).toBe('discord-token');
  });

  it('refuses a seal whose IV is not 12 bytes or whose tag is cut short, though either would decrypt', () => {
    expect(unsealToken(sealWith('discord-token', 16, 16), key)).toBeUndefined();
    expect(unsealToken(sealWith('discord-token', 12, 12), key)).toBeUndefined();
  });

  it('refuses a seal missing its tag or its body', () => {
    const [iv, tag] = sealToken('discord-token', key).split('.') as [string, string];
    expect(unsealToken(iv, key)).toBeUndefined();
    expect(unsealToken(`${iv}.${tag}`, key)).toBeUndefined();
  });
});

describe('the servers a session keeps', () => {
  const owned = (i: number, name = `Server ${i}`): DiscordOAuthGuild => ({ id: String(900000000000000000 + i), name, owner: true, permissions: '0' });

  it('keeps at most 200 servers', () => {
    const kept = adminGuildsOf(Array.from({ length: 201 }, (_, i) => owned(i)));
    expect(kept).toHaveLength(200);
    expect(kept[199]?.name).toBe('Server 199');
  });

  it('keeps the first 100 characters of a server’s name', () => {
    expect(adminGuildsOf([owned(1, 'k'.repeat(150))])[0]?.name).toBe('k'.repeat(100));
  });
});
