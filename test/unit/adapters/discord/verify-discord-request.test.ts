/**
 * Our Ed25519 check is Node's `crypto.verify`; `discord-interactions` is the reference the
 * Discord docs point to. On every case, signed well or badly, the two must agree.
 */
import fc from 'fast-check';
import { verifyKey } from 'discord-interactions';
import { discordVerifier } from '../../../../shared/adapters/discord/verify-discord-request';
import { generateDiscordKeyPair, signInteraction } from '../../../../shared/local/discord-signing';

const keys = generateDiscordKeyPair();
const other = generateDiscordKeyPair();
let nowMs = Date.now();
const ours = discordVerifier(keys.publicKeyHex, { now: () => new Date(nowMs) });
const reference = (body: Buffer, signature: string, timestamp: string) => verifyKey(body, signature, timestamp, keys.publicKeyHex);

describe('the Discord request verifier', () => {
  it('accepts exactly what discord-interactions accepts, for good, tampered and foreign signatures', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ maxLength: 300 }),
        fc.integer({ min: 1_500_000_000, max: 2_000_000_000 }),
        fc.constantFrom('good', 'body', 'timestamp', 'foreign', 'flipped'),
        async (text, seconds, tamper) => {
          const timestamp = String(seconds);
          const signed = signInteraction(text, tamper === 'foreign' ? other.privateKeyHex : keys.privateKeyHex, timestamp);
          let signature = signed['x-signature-ed25519'] as string;
          if (tamper === 'flipped') signature = `${signature[0] === 'a' ? 'b' : 'a'}${signature.slice(1)}`;
          const body = Buffer.from(tamper === 'body' ? `${text} ` : text);
          const stamp = tamper === 'timestamp' ? String(seconds + 1) : timestamp;
          nowMs = seconds * 1000; // a fresh request: the signature alone decides
          const expected = await reference(body, signature, stamp);
          expect(ours(body, signature, stamp)).toBe(expected);
          expect(expected).toBe(tamper === 'good');
        },
      ),
      { numRuns: 200 },
    );
  });

  it('refuses a well-signed request older than five minutes, more than a minute ahead, or with a timestamp that is not seconds', () => {
    const body = Buffer.from('{}');
    const at = (seconds: number | string) => {
      const signed = signInteraction('{}', keys.privateKeyHex, String(seconds));
      return ours(body, signed['x-signature-ed25519'], signed['x-signature-timestamp']);
    };
    nowMs = 1_800_000_000_000;
    const now = nowMs / 1000;
    expect(at(now)).toBe(true);
    expect(at(now - 300)).toBe(true);
    expect(at(now - 301)).toBe(false);
    expect(at(now - 30 * 24 * 3600)).toBe(false);
    expect(at(now + 60)).toBe(true);
    expect(at(now + 61)).toBe(false);
    for (const malformed of ['1.8e9', ' 1800000000', '-1', 'NaN', '', '18000000000000']) expect(at(malformed)).toBe(false);
  });

  it('refuses a missing or malformed signature or timestamp without trying', () => {
    nowMs = Date.now();
    const body = Buffer.from('{}');
    const { 'x-signature-ed25519': signature, 'x-signature-timestamp': timestamp } = signInteraction('{}', keys.privateKeyHex);
    expect(ours(body, signature, timestamp)).toBe(true);
    expect(ours(body, undefined, timestamp)).toBe(false);
    expect(ours(body, signature, undefined)).toBe(false);
    expect(ours(body, (signature as string).slice(2), timestamp)).toBe(false);
    expect(ours(body, `${(signature as string).slice(2)}zz`, timestamp)).toBe(false);
  });
});
