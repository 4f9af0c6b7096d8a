import { discordSignatureShape, stripeSignatureShape } from '../rules/signature-shape';

const nowMs = 1_800_000_000_000;
const nowS = nowMs / 1000;
const ed = 'ab'.repeat(64);
const hmac = 'cd'.repeat(32);

describe('a Discord signature’s shape', () => {
  it('is fresh when both headers are well formed and the timestamp is inside Discord’s window (5 minutes back, 1 ahead)', () => {
    expect(discordSignatureShape(ed, String(nowS), nowMs)).toBe('fresh');
    expect(discordSignatureShape(ed, String(nowS - 300), nowMs)).toBe('fresh');
    expect(discordSignatureShape(ed, String(nowS + 60), nowMs)).toBe('fresh');
  });

  it('is stale just outside that window', () => {
    expect(discordSignatureShape(ed, String(nowS - 301), nowMs)).toBe('stale');
    expect(discordSignatureShape(ed, String(nowS + 61), nowMs)).toBe('stale');
  });

  it('is absent with neither header, and malformed with one, a short signature or a timestamp that is not seconds', () => {
    expect(discordSignatureShape(undefined, undefined, nowMs)).toBe('absent');
    expect(discordSignatureShape(ed, undefined, nowMs)).toBe('malformed');
    expect(discordSignatureShape(undefined, String(nowS), nowMs)).toBe('malformed');
    expect(discordSignatureShape(ed.slice(2), String(nowS), nowMs)).toBe('malformed');
    expect(discordSignatureShape(`${ed.slice(1)}z`, String(nowS), nowMs)).toBe('malformed');
    expect(discordSignatureShape(ed, 'yesterday', nowMs)).toBe('malformed');
  });
});

describe('a Stripe signature’s shape', () => {
  it('is fresh with one timestamp inside Stripe’s 300 s tolerance and a v1 HMAC, whatever else the header carries', () => {
    expect(stripeSignatureShape(`t=${nowS},v1=${hmac}`, nowMs)).toBe('fresh');
    expect(stripeSignatureShape(`t=${nowS - 300},v1=${hmac},v0=old`, nowMs)).toBe('fresh');
    expect(stripeSignatureShape(`t=${nowS + 300}, v1=${hmac}, v1=${hmac}`, nowMs)).toBe('fresh');
  });

  it('is stale outside the tolerance either way', () => {
    expect(stripeSignatureShape(`t=${nowS - 301},v1=${hmac}`, nowMs)).toBe('stale');
    expect(stripeSignatureShape(`t=${nowS + 301},v1=${hmac}`, nowMs)).toBe('stale');
  });

  it('is absent without the header, and malformed without a v1 HMAC of 32 bytes or with no single timestamp', () => {
    expect(stripeSignatureShape(undefined, nowMs)).toBe('absent');
    expect(stripeSignatureShape('', nowMs)).toBe('absent');
    expect(stripeSignatureShape(`t=${nowS}`, nowMs)).toBe('malformed');
    expect(stripeSignatureShape(`t=${nowS},v1=${hmac.slice(2)}`, nowMs)).toBe('malformed');
    expect(stripeSignatureShape(`v1=${hmac}`, nowMs)).toBe('malformed');
    expect(stripeSignatureShape(`t=${nowS},t=${nowS},v1=${hmac}`, nowMs)).toBe('malformed');
    expect(stripeSignatureShape('garbage', nowMs)).toBe('malformed');
  });
});
