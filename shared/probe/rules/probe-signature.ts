/**
 * @module probe-signature
 * The probe signs as Discord does (Ed25519 over the timestamp header followed by the raw
 * body), with a key pair of its own: the ingress checks it with the same code and the same
 * five-minute freshness as Discord's, so a captured probe request cannot be replayed later.
 */
import { createPrivateKey, sign, type KeyObject } from 'node:crypto';

export type ProbeSigner = (body: string, timestamp?: string) => Record<string, string>;

/** The private key as kept in PROBE_PRIVATE_KEY or a key file: PKCS#8 DER in hex, or PEM. */
export function probePrivateKey(text: string): KeyObject {
  const trimmed = text.trim();
  if (trimmed.includes('BEGIN PRIVATE KEY')) return createPrivateKey({ key: trimmed, format: 'pem' });
  if (!/^[0-9a-f]+$/i.test(trimmed)) throw new Error('the probe key is neither PEM nor PKCS#8 DER in hex');
  return createPrivateKey({ key: Buffer.from(trimmed, 'hex'), format: 'der', type: 'pkcs8' });
}

/** Signs each request with the probe's key, stamped with the time given (seconds) or now. */
export function probeSigner(privateKey: KeyObject, now: () => Date = () => new Date()): ProbeSigner {
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error('the probe key is not an Ed25519 key');
  return (body, timestamp = Math.floor(now().getTime() / 1000).toString()) => ({
    'content-type': 'application/json',
    'x-signature-ed25519': sign(null, Buffer.from(timestamp + body), privateKey).toString('hex'),
    'x-signature-timestamp': timestamp,
  });
}
