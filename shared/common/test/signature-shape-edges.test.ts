/** The edges of a signature's shape: one header without the other, characters around a well-formed value, keys Stripe does not sign with. */
import {
  carrierSignatureShape,
  discordSignatureShape,
  kofiTokenShape,
  shopifySignatureShape,
  stripeSignatureShape,
  twitchSignatureShape,
} from '../rules/signature-shape';

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

describe('a signature that signs no time, or Twitch’s, with characters around a well-formed value', () => {
  const shopify = `${'A'.repeat(43)}=`;
  const carrier = `hmac-sha256-hex=${hmac}`;
  const kofi = '4f2b8c1e-9d3a-4b7e-8f60-1a2b3c4d5e6f';
  const twitch = (signature: string) => twitchSignatureShape(signature, 'message-1', '2026-11-30T12:00:00Z', () => true);

  it.each([
    ['Twitch’s', twitch, `sha256=${hmac}`],
    ['Shopify’s', shopifySignatureShape, shopify],
    ['EasyPost’s', carrierSignatureShape, carrier],
    ['Ko-fi’s token', kofiTokenShape, kofi],
  ])('GIVEN %s as sent THEN it is fresh, and with a character before or after it is malformed', (_who, shape, wellFormed) => {
    expect([shape(wellFormed), shape(`!${wellFormed}`), shape(`${wellFormed}!`)]).toEqual(['fresh', 'malformed', 'malformed']);
  });
});
