import { parseShopConnection } from '../rules/race-settings-form';

const chooseTheShop =
  'Choose the shop: `/race connect shop:kofi secret:<verification token>` or `shop:shopify secret:<webhook signing secret>` (`shop:stripe` explains Payment Links).';
const kofiSecretProblem = '`secret` is the verification token from Ko-fi (Settings → API → Webhooks → Advanced): 8 to 200 characters without spaces.';
const shopifySecretProblem =
  '`secret` is the webhook signing secret Shopify shows under Settings → Notifications → Webhooks: 8 to 200 characters without spaces.';

describe('/race connect: which shop', () => {
  it.each([
    ['kofi', 'kofi'],
    ['KoFi', 'kofi'],
    ['shopify', 'shopify'],
    ['SHOPIFY', 'shopify'],
  ] as const)('reads shop:%s as %s', (typed, shop) => {
    expect(parseShopConnection({ shop: typed, secret: 'abcdefgh' })).toStrictEqual({ ok: true, shop, secret: 'abcdefgh' });
  });

  it.each([
    ['no shop at all', {}],
    ['a shop C500 cannot connect', { shop: 'etsy', secret: 'abcdefgh' }],
    ['a blank shop', { shop: '', secret: 'abcdefgh' }],
    ['a shop with a letter too many', { shop: 'kofix', secret: 'abcdefgh' }],
  ])('refuses %s, showing how to choose one', (_, options) => {
    expect(parseShopConnection(options)).toStrictEqual({ ok: false, problem: chooseTheShop });
  });

  it('connects Stripe Payment Links without a secret, and ignores one typed', () => {
    expect(parseShopConnection({ shop: 'stripe' })).toStrictEqual({ ok: true, shop: 'stripe' });
    expect(parseShopConnection({ shop: 'Stripe', secret: 'a secret with spaces' })).toStrictEqual({ ok: true, shop: 'stripe' });
  });
});

describe('/race connect: the secret', () => {
  it('keeps a secret of 8 characters and one of 200', () => {
    const short = 'k'.repeat(8);
    const long = 's'.repeat(200);
    expect(parseShopConnection({ shop: 'kofi', secret: short })).toStrictEqual({ ok: true, shop: 'kofi', secret: short });
    expect(parseShopConnection({ shop: 'shopify', secret: long })).toStrictEqual({ ok: true, shop: 'shopify', secret: long });
  });

  it('drops the spaces a paste leaves around the secret', () => {
    expect(parseShopConnection({ shop: 'kofi', secret: '  a1b2c3d4-e5f6  ' })).toStrictEqual({ ok: true, shop: 'kofi', secret: 'a1b2c3d4-e5f6' });
  });

  it('counts the length without the spaces around it', () => {
    expect(parseShopConnection({ shop: 'kofi', secret: ` ${'k'.repeat(7)} ` })).toStrictEqual({ ok: false, problem: kofiSecretProblem });
    expect(parseShopConnection({ shop: 'kofi', secret: ` ${'k'.repeat(200)} ` })).toMatchObject({ ok: true, secret: 'k'.repeat(200) });
  });

  it.each([
    ['no secret', undefined],
    ['a blank secret', '   '],
    ['7 characters', 'k'.repeat(7)],
    ['201 characters', 'k'.repeat(201)],
    ['a space inside', 'abcd efgh'],
    ['a line break inside', 'abcd\nefgh'],
    ['a number instead of text', 12345678],
  ])('refuses %s for Ko-fi, saying where Ko-fi shows its token', (_, secret) => {
    const options: Record<string, string | number> = secret === undefined ? { shop: 'kofi' } : { shop: 'kofi', secret };
    expect(parseShopConnection(options)).toStrictEqual({ ok: false, problem: kofiSecretProblem });
  });

  it('refuses a bad secret for Shopify, saying where Shopify shows its signing secret', () => {
    expect(parseShopConnection({ shop: 'shopify', secret: 'short' })).toStrictEqual({ ok: false, problem: shopifySecretProblem });
    expect(parseShopConnection({ shop: 'shopify' })).toStrictEqual({ ok: false, problem: shopifySecretProblem });
  });
});
