/**
 * @module shop-connections
 * The shop connection reader over any way of reading one document: the Firestore REST
 * reader in a deployed ingress, the embedded store locally. A deployed ingress keeps what
 * it read for a few seconds, so a burst of webhooks costs one read; a secret an admin
 * changes with `/race connect` is in force within that time.
 */
import type { Clock, DocPath, ShopConnectionReader } from '../../ports';
import { shopConnectionsPath, type ShopConnections } from '../../races';

export function shopConnectionsFrom(
  read: (path: DocPath<ShopConnections>) => Promise<ShopConnections | undefined>,
  options: { clock: Clock; ttlMs: number },
): ShopConnectionReader {
  const cache = new Map<string, { at: number; value: ShopConnections | undefined }>();
  return {
    async connectionsOf(guildId) {
      const now = options.clock.now().getTime();
      const cached = cache.get(guildId);
      if (cached && now - cached.at < options.ttlMs) return cached.value;
      const value = await read(shopConnectionsPath(guildId));
      if (options.ttlMs > 0) {
        // Bounded: the guild id comes from the URL, which anyone can vary.
        if (cache.size >= 1_000) cache.delete(cache.keys().next().value as string);
        cache.set(guildId, { at: now, value });
      }
      return value;
    },
  };
}
