/** The edges of a signature's shape: one header without the other, characters around a well-formed value, keys Stripe does not sign with. */
import { discordSignatureShape, stripeSignatureShape } from '../rules/signature-shape';

const nowMs = 1_800_000_000_000;
const nowS = String(nowMs / 1000);
const ed = 'ab'.repeat(64);
const hmac = 'cd'.repeat(32);

describe('a Discord signature', () => {
  it('with only one of its two headers is malformed, not absent', () => {
    expect(discordSignatureShape(ed, undefined, nowMs)).toBe('malformed');
    expect(discordSignatureShape(undefined, nowS, nowMs)).toBe('malformed');
  });

  it.each([
    ['a character before the signature', `x${ed}`, nowS],
    ['a character after the signature', `${ed}x`, nowS],
    ['a letter before the timestamp', ed, `x${nowS}`],
    ['a letter after the timestamp', ed, `${nowS}x`],
  ])('with %s is malformed', (_what, signature, timestamp) => {
    expect(discordSignatureShape(signature, timestamp, nowMs)).toBe('malformed');
  });
});

describe('a Stripe signature', () => {
  it.each([
    ['a timestamp under another key', `x=${nowS},v1=${hmac}`],
    ['a signature under a scheme Stripe does not sign with', `t=${nowS},v0=${hmac}`],
    ['a letter before the timestamp', `t=x${nowS},v1=${hmac}`],
    ['a letter after the timestamp', `t=${nowS}x,v1=${hmac}`],
    ['a character before the signature', `t=${nowS},v1=x${hmac}`],
    ['a character after the signature', `t=${nowS},v1=${hmac}x`],
    ['keys without values', 't,v1'],
  ])('with %s is malformed', (_what, header) => {
    expect(stripeSignatureShape(header, nowMs)).toBe('malformed');
  });

  it('with its timestamp and a well-formed v1 beside an unknown scheme is fresh', () => {
    expect(stripeSignatureShape(`t=${nowS},v0=${hmac},v1=${hmac}`, nowMs)).toBe('fresh');
  });
});
