/**
 * @module guild
 * A server's settings, stored at `guilds/<guild id>`: where C500 posts (from `/c500 setup`),
 * the race rules under `races` (from `/race settings`, and the first race's start), and the
 * show rules under `shows` (from `/c500 show settings`).
 * Either command may come first and each merges only its own fields in, so every field
 * may be missing.
 */
import { collectionPath, docPath } from '../../ports';
import type { RaceSettings } from '../../races/rules/race';
import type { ShowSettings } from '../../shows/rules/show';

export interface Guild {
  generalChannelId?: string;
  marketplaceChannelId?: string;
  /** Pinged for drops; null once setup ran without one. */
  dropRoleId?: string | null;
  configuredBy?: string;
  configuredAt?: string;
  /** What `/race settings` changed over the defaults; from the first race on, the currency is fixed. */
  races?: Partial<RaceSettings> & { firstRaceAt?: string };
  /** What `/c500 show settings` changed over the defaults: the host role, the host's cut, the gap between lots. */
  shows?: Partial<ShowSettings>;
}

export const guildsCollection = collectionPath<Guild>('guilds');
export const guildPath = (guildId: string) => docPath<Guild>(`${guildsCollection}/${guildId}`);

/** Where C500 posts in a server that ran `/c500 setup`. */
export type GuildChannels = Required<Pick<Guild, 'generalChannelId' | 'marketplaceChannelId'>> & Pick<Guild, 'dropRoleId'>;
