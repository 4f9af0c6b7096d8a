/**
 * @module discord-signing
 * Signs interactions the way Discord does (Ed25519 over timestamp + raw body), so the
 * demo and the tests can send really signed requests to their own server.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign } from 'node:crypto';

export interface DiscordKeyPair {
  /** Raw 32-byte public key in hex: the form the developer portal shows. */
  publicKeyHex: string;
  /** PKCS#8 DER in hex: only ever for local signing. */
  privateKeyHex: string;
}

export function generateDiscordKeyPair(): DiscordKeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const spki = publicKey.export({ format: 'der', type: 'spki' });
  return {
    // An Ed25519 SPKI is a fixed 12-byte header followed by the 32-byte key.
    publicKeyHex: spki.subarray(spki.length - 32).toString('hex'),
    privateKeyHex: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('hex'),
  };
}

/** The public key (raw, hex: the developer portal's "Public Key") of a local signing key: what the local Discord reports as its `verify_key`. */
export function publicKeyHexOf(privateKeyHex: string): string {
  const spki = createPublicKey(createPrivateKey({ key: Buffer.from(privateKeyHex, 'hex'), format: 'der', type: 'pkcs8' })).export({
    format: 'der',
    type: 'spki',
  });
  return spki.subarray(spki.length - 32).toString('hex');
}

export type InteractionSigner = (body: string, timestamp?: string) => Record<string, string>;

/** Signs many interactions with one key, imported once: what a load generator wants. */
export function interactionSigner(privateKeyHex: string): InteractionSigner {
  const key = createPrivateKey({ key: Buffer.from(privateKeyHex, 'hex'), format: 'der', type: 'pkcs8' });
  return (body, timestamp = Math.floor(Date.now() / 1000).toString()) => {
    const signature = sign(null, Buffer.from(timestamp + body), key).toString('hex');
    return { 'content-type': 'application/json', 'x-signature-ed25519': signature, 'x-signature-timestamp': timestamp };
  };
}

export function signInteraction(body: string, privateKeyHex: string, timestamp?: string): Record<string, string> {
  return interactionSigner(privateKeyHex)(body, timestamp);
}
