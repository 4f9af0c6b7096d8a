/**
 * @module verify-discord-request
 * Ed25519 check of an interaction's raw body with `discord-interactions`, before anything
 * reads the body. The public key is imported once per instance, not once per request.
 */
import { verifyKey } from 'discord-interactions';
import { webcrypto } from 'node:crypto';

export type DiscordVerifier = (rawBody: Buffer, signature: string | undefined, timestamp: string | undefined) => Promise<boolean>;

export function discordVerifier(publicKeyHex: string): DiscordVerifier {
  const key = webcrypto.subtle.importKey('raw', Buffer.from(publicKeyHex, 'hex'), { name: 'Ed25519' }, false, ['verify']);
  return async (rawBody, signature, timestamp) => {
    if (!signature || !timestamp || !/^[0-9a-f]{128}$/i.test(signature)) return false;
    return verifyKey(rawBody, signature, timestamp, (await key) as Parameters<typeof verifyKey>[3]);
  };
}
