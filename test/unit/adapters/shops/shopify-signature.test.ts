import { createHmac } from 'node:crypto';
import { shopifySignature, verifyShopifySignature } from '../../../../shared/adapters/shops/shopify-signature';
import { kofiTokenMatches } from '../../../../shared/adapters/shops/kofi-token';

const secret = 'shopify_test_secret';
const payload = JSON.stringify({ id: 5000000001, name: '#1001', total_price: '42.00' });
const body = Buffer.from(payload);

describe('Shopify webhook signatures', () => {
  it('signs as Shopify documents it: base64 of the HMAC-SHA256 of the raw body', () => {
    expect(shopifySignature(payload, secret)).toBe(createHmac('sha256', secret).update(payload, 'utf8').digest('base64'));
  });

  it('accepts the signature of exactly these bytes', () => {
    expect(verifyShopifySignature(body, shopifySignature(body, secret), secret)).toBe(true);
  });

  it('rejects a body changed after signing, even by one byte', () => {
    const tampered = Buffer.from(body);
    tampered[tampered.length - 2] ^= 1;
    expect(verifyShopifySignature(tampered, shopifySignature(body, secret), secret)).toBe(false);
  });

  it('rejects a body re-serialised after signing', () => {
    const pretty = Buffer.from(JSON.stringify(JSON.parse(payload), null, 2));
    expect(verifyShopifySignature(pretty, shopifySignature(body, secret), secret)).toBe(false);
  });

  it('rejects a signature made with another secret', () => {
    expect(verifyShopifySignature(body, shopifySignature(body, 'another_secret'), secret)).toBe(false);
  });

  it('rejects a missing header', () => {
    expect(verifyShopifySignature(body, undefined, secret)).toBe(false);
    expect(verifyShopifySignature(body, '', secret)).toBe(false);
  });

  it('rejects malformed headers without throwing', () => {
    const good = shopifySignature(body, secret);
    const hex = createHmac('sha256', secret).update(body).digest('hex');
    for (const header of [good.slice(1), `${good}=`, ` ${good}`, `sha256=${good}`, hex, good.replace(/[A-Za-z]/, '!'), 'not base64 at all']) {
      expect(verifyShopifySignature(body, header, secret)).toBe(false);
    }
  });

  it('rejects everything when the secret is empty', () => {
    expect(verifyShopifySignature(body, shopifySignature(body, ''), '')).toBe(false);
  });
});

describe('the Ko-fi verification token', () => {
  it('matches the same token', () => {
    expect(kofiTokenMatches('c0ffee-token', 'c0ffee-token')).toBe(true);
  });

  it('refuses another token, of the same or another length', () => {
    expect(kofiTokenMatches('c0ffee-tokem', 'c0ffee-token')).toBe(false);
    expect(kofiTokenMatches('c0ffee', 'c0ffee-token')).toBe(false);
    expect(kofiTokenMatches('c0ffee-token-and-more', 'c0ffee-token')).toBe(false);
  });

  it('refuses a missing or empty token, and matches nothing when none is expected', () => {
    expect(kofiTokenMatches(undefined, 'c0ffee-token')).toBe(false);
    expect(kofiTokenMatches('', 'c0ffee-token')).toBe(false);
    expect(kofiTokenMatches('', '')).toBe(false);
  });
});
