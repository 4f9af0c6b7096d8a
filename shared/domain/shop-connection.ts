/**
 * @module shop-connection
 * A guild's connected shops (`shopConnections/<guild>`): the secret each shop's webhook is
 * checked against. Kept apart from the guild's settings, which many functions read: only
 * the shop ingresses and the command that connects a shop touch it.
 */

export interface ConnectedShop {
  secret: string;
  connectedBy: string;
  connectedAt: string;
}

export interface ShopConnections {
  [field: string]: unknown;
  guildId: string;
  kofi?: ConnectedShop;
  shopify?: ConnectedShop;
}

export type SecretShop = 'kofi' | 'shopify';

export const shopConnectionsCollection = 'shopConnections';
export const shopConnectionsPath = (guildId: string) => `${shopConnectionsCollection}/${guildId}`;
