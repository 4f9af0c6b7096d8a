/**
 * @module setup-state
 * Whether the playground's server is set up, read from the store each time the page loads:
 * its channels chosen (`/c500 setup`), and its builder linked to Twitch and able to sell, as
 * "Set up this server" leaves it. So the header reads as set up after a reload, or after a
 * restart of the runtime on the same data, not only in the tab that pressed the button.
 */
import type { DocumentStore } from '../../ports';
import { guildPath } from '../../guild';
import { builderPath, canSell } from '../../onboarding';

export async function isSetUp(store: DocumentStore, guildId: string, builderId: string | undefined): Promise<boolean> {
  if (!builderId) return false;
  const [guild, builder] = await Promise.all([store.get(guildPath(guildId)), store.get(builderPath(builderId))]);
  return Boolean(guild?.generalChannelId && guild.marketplaceChannelId && builder?.twitch && canSell(builder));
}
