/**
 * The shapes of the Twitch, Shopify, carrier and Ko-fi signatures: what the real sender sends
 * (fresh, counted by its ingress's SLI) against what a stranger sends (absent, malformed,
 * stale: noise).
 */
import { carrierSignatureShape, kofiTokenShape, shopifySignatureShape, twitchSignatureShape } from '../rules/signature-shape';

const hex = 'ab'.repeat(32);
const inWindow = () => true;
const outOfWindow = () => false;

describe('a Twitch EventSub signature’s shape', () => {
  it('GIVEN sha256=<64 hex>, a message id and an RFC 3339 time inside the replay window THEN it is fresh; outside it, stale', () => {
    expect(twitchSignatureShape(`sha256=${hex}`, 'm1', '2026-11-30T04:00:00.123456789Z', inWindow)).toBe('fresh');
    expect(twitchSignatureShape(`sha256=${hex}`, 'm1', '2026-11-30T04:00:00Z', outOfWindow)).toBe('stale');
  });

  it('GIVEN no signature THEN absent; GIVEN another form, no id or no readable time THEN malformed', () => {
    expect(twitchSignatureShape(undefined, 'm1', '2026-11-30T04:00:00Z', inWindow)).toBe('absent');
    expect(twitchSignatureShape(hex, 'm1', '2026-11-30T04:00:00Z', inWindow)).toBe('malformed');
    expect(twitchSignatureShape(`sha256=${hex.slice(2)}`, 'm1', '2026-11-30T04:00:00Z', inWindow)).toBe('malformed');
    expect(twitchSignatureShape(`sha256=${hex}`, undefined, '2026-11-30T04:00:00Z', inWindow)).toBe('malformed');
    expect(twitchSignatureShape(`sha256=${hex}`, 'm1', 'yesterday', inWindow)).toBe('malformed');
  });
});

describe('the shapes of signatures that sign no time', () => {
  it('GIVEN Shopify’s base64 SHA-256 THEN fresh; GIVEN hex or a short one THEN malformed; GIVEN none THEN absent', () => {
    expect(shopifySignatureShape(`${'A'.repeat(43)}=`)).toBe('fresh');
    expect(shopifySignatureShape(hex)).toBe('malformed');
    expect(shopifySignatureShape('abc=')).toBe('malformed');
    expect(shopifySignatureShape(undefined)).toBe('absent');
  });

  it('GIVEN EasyPost’s hmac-sha256-hex=<64 hex> THEN fresh; GIVEN a bare hex THEN malformed; GIVEN none THEN absent', () => {
    expect(carrierSignatureShape(`hmac-sha256-hex=${hex}`)).toBe('fresh');
    expect(carrierSignatureShape(hex)).toBe('malformed');
    expect(carrierSignatureShape('')).toBe('absent');
  });

  it('GIVEN a Ko-fi token (a UUID, or the hex a server sets) THEN fresh; GIVEN a sentence or two characters THEN malformed; GIVEN none THEN absent', () => {
    expect(kofiTokenShape('0f8fad5b-d9cb-469f-a165-70867728950e')).toBe('fresh');
    expect(kofiTokenShape(hex)).toBe('fresh');
    expect(kofiTokenShape('<script>alert(1)</script>')).toBe('malformed');
    expect(kofiTokenShape('ab')).toBe('malformed');
    expect(kofiTokenShape(undefined)).toBe('absent');
  });
});
