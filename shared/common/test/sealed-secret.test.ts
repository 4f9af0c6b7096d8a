import { isSealed, openSealed, readSealKeys, sealSecret } from '../rules/sealed-secret';

const newKey = `k2=${'a2'.repeat(32)}`;
const oldKey = `k1=${'b1'.repeat(32)}`;
const purpose = 'dashboard-session:discord-token';

describe('sealing a person’s secret before it is stored', () => {
  it('opens what it sealed, and the sealed value shows neither the secret nor the key', () => {
    const keys = readSealKeys(`${newKey},${oldKey}`);
    const sealed = sealSecret('discord-access-token', purpose, keys);
    expect(sealed).toMatch(/^sealed:v1:k2:/);
    expect(isSealed(sealed)).toBe(true);
    expect(sealed).not.toContain('discord-access-token');
    expect(sealed).not.toContain('a2a2');
    expect(openSealed(sealed, purpose, keys)).toEqual({ ok: true, secret: 'discord-access-token', stale: false });
  });

  it('seals the same secret differently each time (a fresh IV), so equal tokens are not seen as equal', () => {
    const keys = readSealKeys(newKey);
    expect(sealSecret('same', purpose, keys)).not.toBe(sealSecret('same', purpose, keys));
  });

  it('GIVEN keys rotated (a new key first, the old kept) THEN an old value still opens and says it is stale', () => {
    const sealedBefore = sealSecret('token', purpose, readSealKeys(oldKey));
    expect(openSealed(sealedBefore, purpose, readSealKeys(`${newKey},${oldKey}`))).toEqual({ ok: true, secret: 'token', stale: true });
  });

  it('GIVEN a value sealed by a key we do not hold THEN it is refused as an unknown key', () => {
    const foreign = sealSecret('token', purpose, readSealKeys(`k9=${'c3'.repeat(32)}`));
    expect(openSealed(foreign, purpose, readSealKeys(`${newKey},${oldKey}`))).toEqual({ ok: false, reason: 'unknown-key' });
  });

  it('GIVEN a foreign key under one of our ids THEN it is refused as tampered', () => {
    const foreign = sealSecret('token', purpose, readSealKeys(`k2=${'c3'.repeat(32)}`));
    expect(openSealed(foreign, purpose, readSealKeys(newKey))).toEqual({ ok: false, reason: 'tampered' });
  });

  it('GIVEN a sealed value altered, relabelled with another key id, cut short or moved to another field THEN it is refused', () => {
    const keys = readSealKeys(`${newKey},${oldKey}`);
    const sealed = sealSecret('token', purpose, keys);
    const [prefix, version, id, iv, tag, body] = sealed.split(':') as [string, string, string, string, string, string];
    const flipped = Buffer.from(body, 'base64url');
    flipped[0] = (flipped[0] as number) ^ 1;
    expect(openSealed([prefix, version, id, iv, tag, flipped.toString('base64url')].join(':'), purpose, keys)).toEqual({ ok: false, reason: 'tampered' });
    expect(openSealed([prefix, version, 'k1', iv, tag, body].join(':'), purpose, keys)).toEqual({ ok: false, reason: 'tampered' });
    expect(openSealed([prefix, version, id, iv, tag].join(':'), purpose, keys)).toEqual({ ok: false, reason: 'tampered' });
    expect(openSealed([prefix, version, id, iv, tag, body, body].join(':'), purpose, keys)).toEqual({ ok: false, reason: 'tampered' });
    expect(openSealed([prefix, version, id, iv.slice(2), tag, body].join(':'), purpose, keys)).toEqual({ ok: false, reason: 'tampered' });
    expect(openSealed(sealed, 'twitch:refresh-token', keys)).toEqual({ ok: false, reason: 'tampered' });
  });

  it('GIVEN a value never sealed THEN it says so, so the caller can tell an old plain document', () => {
    const keys = readSealKeys(newKey);
    expect(isSealed('plain-token')).toBe(false);
    expect(openSealed('plain-token', purpose, keys)).toEqual({ ok: false, reason: 'not-sealed' });
  });

  it('GIVEN TOKEN_SEAL_KEYS malformed (no key, a short key, no id, an id twice) THEN reading it says what to give', () => {
    expect(() => readSealKeys('')).toThrow(/no key given/);
    expect(() => readSealKeys('k1=abcd')).toThrow(/id=<64 hex characters>/);
    expect(() => readSealKeys('a2'.repeat(32))).toThrow(/id=<64 hex characters>/);
    expect(() => readSealKeys(`k1=${'a2'.repeat(32)}=x`)).toThrow(/id=<64 hex characters>/);
    expect(() => readSealKeys(`${newKey},${newKey}`)).toThrow(/share an id/);
    expect(readSealKeys(` ${newKey} , ${oldKey} `).all.map((k) => k.id)).toEqual(['k2', 'k1']);
  });
});
