import { browserBinding, mac, newNonce, openToken, sameText, sealToken } from '../rules/signed-token';

const purpose = 'c500:test:v1:';
const key = 'k'.repeat(32);

/** A token signed properly over any JSON at all, as only someone holding the key could make. */
const signedOver = (json: string) => {
  const body = Buffer.from(json, 'utf8').toString('base64url');
  return `${body}.${mac(purpose, body, key)}`;
};

describe('the signed tokens of chat bidding', () => {
  it('opens what it sealed, text beyond ASCII included', () => {
    expect(openToken(purpose, sealToken(purpose, { u: 'Ánä ✓', e: 5 }, key), key)).toEqual({ u: 'Ánä ✓', e: 5 });
  });

  it('opens a token of 2,000 characters, and refuses a longer one even when signed', () => {
    const longest = sealToken(purpose, { a: 'x'.repeat(1_459) }, key);
    expect(longest).toHaveLength(2_000);
    expect(openToken(purpose, longest, key)).toEqual({ a: 'x'.repeat(1_459) });
    const tooLong = sealToken(purpose, { a: 'x'.repeat(1_460) }, key);
    expect(tooLong.length).toBeGreaterThan(2_000);
    expect(openToken(purpose, tooLong, key)).toBeUndefined();
  });

  it.each(['null', '5', '"text"', '[1,2]'])('refuses a signed token whose fields are %s, not an object', (json) => {
    expect(openToken(purpose, signedOver(json), key)).toBeUndefined();
  });

  it('refuses a signed token that is not JSON', () => {
    expect(openToken(purpose, signedOver('{not json'), key)).toBeUndefined();
  });

  it('refuses a signature of another length rather than fail', () => {
    const [body] = sealToken(purpose, { u: '42' }, key).split('.');
    expect(openToken(purpose, `${body}.abc`, key)).toBeUndefined();
    expect(sameText('abc', 'abcd')).toBe(false);
    expect(sameText('abcd', 'abcd')).toBe(true);
  });
});

describe('what ties a sign-in to the browser that started it', () => {
  it('gives each browser a fresh random nonce of 144 bits, in URL-safe text', () => {
    const nonces = [newNonce(), newNonce()];
    nonces.forEach((nonce) => expect(nonce).toMatch(/^[A-Za-z0-9_-]{24}$/));
    expect(nonces[0]).not.toBe(nonces[1]);
  });

  it('binds a link to a nonce by a hash that stays the same from one release to the next', () => {
    expect(browserBinding('nonce-1')).toBe('btRhURKloDRNL0TEnB-2EFQoSMGFl83LYQnUFUvGeOw');
    expect(browserBinding('nonce-2')).not.toBe(browserBinding('nonce-1'));
  });
});
