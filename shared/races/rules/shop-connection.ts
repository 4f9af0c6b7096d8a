/**
 * @module shop-connection
 * A guild's connected shops (`shopConnections/<guild>`): the secret each shop's webhook is
 * checked against. Kept in a database of their own (`shopSecretsDatabase`), apart from
 * everything else: the public shop ingresses may read that database and nothing more, and
 * only the command that connects a shop writes it.
 */
import { collectionPath, docPath, type ShopConnections } from '../../ports';
export { shopSecretsDatabase } from '../../ports';
import { registryEntry } from '../../registry';

export type { ConnectedShop, ShopConnections } from '../../ports';

export type SecretShop = 'kofi' | 'shopify';

export const shopConnectionsCollection = collectionPath<ShopConnections>('shopConnections');
export const shopConnectionsPath = (guildId: string) => docPath<ShopConnections>(`${shopConnectionsCollection}/${guildId}`);

/** Where a guild's shop sends its webhooks: the registry's route for that shop's ingress, with the guild in it. */
export function shopWebhookUrl(publicBaseUrl: string, shop: 'kofi' | 'shopify', guildId: string): string {
  const route = registryEntry(shop === 'kofi' ? 'kofiWebhook' : 'shopifyWebhook', 'http').route;
  return `${publicBaseUrl}${route.replace(':guildId', guildId)}`;
}
