/**
 * @module sealed-secret
 * A person's secret (an OAuth token C500 keeps for them) sealed before it is stored, so a copy
 * of the database alone reveals none. AES-256-GCM (node:crypto) under a key of ours from
 * Secret Manager (`TOKEN_SEAL_KEYS`): the sealed value names its key, so keys can rotate (a
 * new key first in the list seals; the old ones stay to open what they sealed until every
 * value was sealed again). The key id and the field's purpose are authenticated with the
 * text, so a value moved to another field, or relabelled with another key's id, is refused.
 *
 * @example
 * const keys = readSealKeys('k2=<64 hex>,k1=<64 hex>');
 * const sealed = sealSecret('discord-token', 'dashboard-token', keys); // 'sealed:v1:k2:…'
 * openSealed(sealed, 'dashboard-token', keys); // { ok: true, secret: 'discord-token', stale: false }
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export interface SealKey {
  id: string;
  key: Buffer;
}

/** The keys in `TOKEN_SEAL_KEYS`'s order: the first seals, every one opens what it sealed. */
export interface SealKeys {
  current: SealKey;
  all: readonly SealKey[];
}

export type SealedOpening =
  | { ok: true; secret: string; /** Sealed with an older key: seal it again with the current one. */ stale: boolean }
  | { ok: false; reason: 'not-sealed' | 'unknown-key' | 'tampered' };

const sealedPrefix = 'sealed:v1:';
const keyIdShape = /^[a-z0-9-]{1,16}$/;
const keyShape = /^[0-9a-f]{64}$/;

/** `id=<64 hex>` entries, comma-separated; an error message naming what is wrong, else the keys. */
export function readSealKeys(text: string): SealKeys {
  const all = text
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .map((entry) => {
      const [id = '', hex = '', extra] = entry.split('=');
      if (extra !== undefined || !keyIdShape.test(id) || !keyShape.test(hex.toLowerCase())) {
        throw new Error('TOKEN_SEAL_KEYS: each key is id=<64 hex characters> (openssl rand -hex 32), the id of [a-z0-9-], comma-separated');
      }
      return { id, key: Buffer.from(hex, 'hex') };
    });
  const [current] = all;
  if (!current) throw new Error('TOKEN_SEAL_KEYS: no key given');
  if (new Set(all.map((k) => k.id)).size !== all.length) throw new Error('TOKEN_SEAL_KEYS: two keys share an id');
  return { current, all };
}

export function isSealed(value: string): boolean {
  return value.startsWith(sealedPrefix);
}

export function sealSecret(secret: string, purpose: string, keys: SealKeys): string {
  const { id, key } = keys.current;
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(associatedData(id, purpose));
  const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return `${sealedPrefix}${id}:${[iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url')).join(':')}`;
}

/** The secret, or why not: a value not sealed at all, sealed by a key we do not hold, or altered (or another field's). */
export function openSealed(value: string, purpose: string, keys: SealKeys): SealedOpening {
  if (!isSealed(value)) return { ok: false, reason: 'not-sealed' };
  const [id = '', ...parts] = value.slice(sealedPrefix.length).split(':');
  const sealKey = keys.all.find((k) => k.id === id);
  if (!sealKey) return { ok: false, reason: 'unknown-key' };
  const [iv, tag, body] = parts.map((p) => Buffer.from(p, 'base64url'));
  if (parts.length !== 3 || !iv || !tag || !body || iv.length !== 12 || tag.length !== 16) return { ok: false, reason: 'tampered' };
  try {
    const decipher = createDecipheriv('aes-256-gcm', sealKey.key, iv);
    decipher.setAAD(associatedData(id, purpose));
    decipher.setAuthTag(tag);
    const secret = Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
    return { ok: true, secret, stale: id !== keys.current.id };
  } catch {
    return { ok: false, reason: 'tampered' };
  }
}

function associatedData(keyId: string, purpose: string): Buffer {
  return Buffer.from(`${sealedPrefix}${keyId}:${purpose}`, 'utf8');
}
