/**
 * Our Ed25519 check is Node's `crypto.verify`; `discord-interactions` is the reference the
 * Discord docs point to. On every case, signed well or badly, the two must agree.
 */
import fc from 'fast-check';
import { verifyKey } from 'discord-interactions';
import { discordVerifier } from '../../../shared/adapters/discord/verify-discord-request';
import { generateDiscordKeyPair, signInteraction } from '../../../shared/local/discord-signing';

const keys = generateDiscordKeyPair();
const other = generateDiscordKeyPair();
const ours = discordVerifier(keys.publicKeyHex);
const reference = (body: Buffer, signature: string, timestamp: string) => verifyKey(body, signature, timestamp, keys.publicKeyHex);

describe('the Discord request verifier', () => {
  it('accepts exactly what discord-interactions accepts, for good, tampered and foreign signatures', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 300 }), fc.integer({ min: 1_500_000_000, max: 2_000_000_000 }), fc.constantFrom('good', 'body', 'timestamp', 'foreign', 'flipped'), async (text, seconds, tamper) => {
        const timestamp = String(seconds);
        const signed = signInteraction(text, tamper === 'foreign' ? other.privateKeyHex : keys.privateKeyHex, timestamp);
        let signature = signed['x-signature-ed25519'] as string;
        if (tamper === 'flipped') signature = `${signature[0] === 'a' ? 'b' : 'a'}${signature.slice(1)}`;
        const body = Buffer.from(tamper === 'body' ? `${text} ` : text);
        const stamp = tamper === 'timestamp' ? String(seconds + 1) : timestamp;
        const expected = await reference(body, signature, stamp);
        expect(ours(body, signature, stamp)).toBe(expected);
        expect(expected).toBe(tamper === 'good');
      }),
      { numRuns: 200 },
    );
  });

  it('refuses a missing or malformed signature or timestamp without trying', () => {
    const body = Buffer.from('{}');
    const { 'x-signature-ed25519': signature, 'x-signature-timestamp': timestamp } = signInteraction('{}', keys.privateKeyHex);
    expect(ours(body, signature, timestamp)).toBe(true);
    expect(ours(body, undefined, timestamp)).toBe(false);
    expect(ours(body, signature, undefined)).toBe(false);
    expect(ours(body, (signature as string).slice(2), timestamp)).toBe(false);
    expect(ours(body, `${(signature as string).slice(2)}zz`, timestamp)).toBe(false);
  });
});
