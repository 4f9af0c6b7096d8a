/**
 * @module shop-connection
 * A guild's connected shops (`shopConnections/<guild>`): the secret each shop's webhook is
 * checked against. Kept in a database of their own (`shopSecretsDatabase`), apart from
 * everything else: the public shop ingresses may read that database and nothing more, and
 * only the command that connects a shop writes it.
 */
import { collectionPath, docPath } from '../../ports';

/** The Firestore database that holds the shops' webhook secrets and nothing else. */
export const shopSecretsDatabase = 'shop-secrets';

export interface ConnectedShop {
  secret: string;
  connectedBy: string;
  connectedAt: string;
}

export interface ShopConnections {
  guildId: string;
  kofi?: ConnectedShop;
  shopify?: ConnectedShop;
}

export type SecretShop = 'kofi' | 'shopify';

export const shopConnectionsCollection = collectionPath<ShopConnections>('shopConnections');
export const shopConnectionsPath = (guildId: string) => docPath<ShopConnections>(`${shopConnectionsCollection}/${guildId}`);
