/**
 * @module shop-secret
 * Which secret a shop's delivery to `/webhooks/<shop>/<guild>` is checked against: the one
 * the guild's admin connected with `/race connect`, or the deployment's own
 * (`KOFI_VERIFICATION_TOKEN`, `SHOPIFY_WEBHOOK_SECRET`) for a guild that has none.
 */
import type { ShopConnectionReader } from '../../ports';
import type { SecretShop } from '../rules/shop-connection';

export function secretOfShop(
  connections: ShopConnectionReader,
  shop: SecretShop,
  deploymentSecret: string | undefined,
): (guildId: string) => Promise<string | undefined> {
  return async (guildId) => (await connections.connectionsOf(guildId))?.[shop]?.secret ?? deploymentSecret;
}
