/**
 * @module forget-shop-connector
 * A member's erasure reaches the shops they connected (`/race connect`): the connection stays,
 * since the server's sales still arrive through it, and says an admin connected it and when, no
 * longer who (the table's `name-removed` on `connectedBy`). The connections live in a database
 * of their own (shop-connection), which the privacy module's lookups do not read, so the router
 * wires this into every erasure (erasureReach).
 */
import type { DocumentStore } from '../../ports';
import { erasedName } from '../../privacy';
import { shopConnectionsCollection, shopConnectionsPath, type SecretShop } from '../rules/shop-connection';

/** Answers how many servers' connections named the member: each changed once, read again in its transaction. */
export async function forgetShopConnector(shopSecrets: DocumentStore, memberId: string): Promise<number> {
  const found = [
    ...(await shopSecrets.query(shopConnectionsCollection, { where: [['kofi.connectedBy', '==', memberId]] })),
    ...(await shopSecrets.query(shopConnectionsCollection, { where: [['shopify.connectedBy', '==', memberId]] })),
  ];
  let changed = 0;
  for (const guildId of new Set(found.map((one) => one.id))) {
    const done = await shopSecrets.runTransaction(async (tx) => {
      const connections = await tx.get(shopConnectionsPath(guildId));
      if (!connections) return false;
      const next = { ...connections };
      for (const shop of ['kofi', 'shopify'] as const satisfies readonly SecretShop[]) {
        const connection = next[shop];
        if (connection?.connectedBy === memberId) next[shop] = { ...connection, connectedBy: erasedName };
      }
      if (next.kofi === connections.kofi && next.shopify === connections.shopify) return false;
      tx.set(shopConnectionsPath(guildId), next);
      return true;
    });
    if (done) changed += 1;
  }
  return changed;
}
