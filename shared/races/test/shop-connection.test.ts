import { shopConnectionsPath, shopWebhookUrl } from '../rules/shop-connection';

describe('where a guild’s shop connections are kept', () => {
  it('keeps one document per guild under shopConnections', () => {
    expect(shopConnectionsPath('900000000000000001')).toBe('shopConnections/900000000000000001');
  });
});

describe('the webhook address a shop is given', () => {
  const base = 'https://c500.example';

  it('sends Ko-fi to the Ko-fi ingress, with the guild in the route', () => {
    expect(shopWebhookUrl(base, 'kofi', '900000000000000001')).toBe('https://c500.example/webhooks/kofi/900000000000000001');
  });

  it('sends Shopify to the Shopify ingress, with the guild in the route', () => {
    expect(shopWebhookUrl(base, 'shopify', '900000000000000002')).toBe('https://c500.example/webhooks/shopify/900000000000000002');
  });
});
