/**
 * A member's erasure reaches the shop connections in their own database: the admin's id that
 * says who connected a shop becomes the placeholder, the secret and the time stay.
 */
import { LocalDocumentStore } from '../../local/firestore/document-store';
import { erasedName } from '../../privacy';
import { shopConnectionsPath, shopSecretsDatabase } from '../rules/shop-connection';
import { forgetShopConnector } from '../use-cases/forget-shop-connector';

const admin = '811000000000000101';
const other = '811000000000000202';
const at = '2026-11-01T12:00:00.000Z';

describe('an erased admin’s shop connections', () => {
  it('keep the secret and when it was connected, and no longer who connected it; another admin’s stays theirs', async () => {
    const shopSecrets = new LocalDocumentStore({ database: shopSecretsDatabase });
    await shopSecrets.set(shopConnectionsPath('g1'), {
      guildId: 'g1',
      kofi: { secret: 'k', connectedBy: admin, connectedAt: at },
      shopify: { secret: 's', connectedBy: other, connectedAt: at },
    });
    await shopSecrets.set(shopConnectionsPath('g2'), { guildId: 'g2', shopify: { secret: 's2', connectedBy: admin, connectedAt: at } });

    expect(await forgetShopConnector(shopSecrets, admin)).toBe(2);
    expect(await shopSecrets.get(shopConnectionsPath('g1'))).toEqual({
      guildId: 'g1',
      kofi: { secret: 'k', connectedBy: erasedName, connectedAt: at },
      shopify: { secret: 's', connectedBy: other, connectedAt: at },
    });
    expect((await shopSecrets.get(shopConnectionsPath('g2')))?.shopify?.connectedBy).toBe(erasedName);
  });

  it('change nothing the second time, nor for a member who connected no shop', async () => {
    const shopSecrets = new LocalDocumentStore({ database: shopSecretsDatabase });
    await shopSecrets.set(shopConnectionsPath('g1'), { guildId: 'g1', kofi: { secret: 'k', connectedBy: admin, connectedAt: at } });
    await forgetShopConnector(shopSecrets, admin);
    expect(await forgetShopConnector(shopSecrets, admin)).toBe(0);
    expect(await forgetShopConnector(shopSecrets, other)).toBe(0);
  });
});
