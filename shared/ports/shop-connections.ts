/**
 * @module shop-connections
 * The secrets the Ko-fi and Shopify ingresses check deliveries against, kept per guild.
 */

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

export interface ShopConnectionReader {
  /** The guild's connected shops, or undefined when it has connected none. */
  connectionsOf(guildId: string): Promise<ShopConnections | undefined>;
}
