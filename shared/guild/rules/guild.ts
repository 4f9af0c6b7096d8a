/**
 * @module guild
 * A server's settings, stored at `guilds/<guild id>`: where C500 posts (from `/c500 setup`).
 * Other modules keep their own rules in the same document under a field of their own (races
 * under `races`, shows under `shows`), each through a typed path of its own (`guildDocPath`),
 * so this module knows none of them. Any command may come first and each merges only its
 * own fields in, so every field may be missing.
 */
import { collectionPath, docPath } from '../../ports';

export interface Guild {
  generalChannelId?: string;
  marketplaceChannelId?: string;
  /** Pinged for drops; null once setup ran without one. */
  dropRoleId?: string | null;
  configuredBy?: string;
  configuredAt?: string;
  /**
   * Days after the carrier's delivery during which the buyer can report a problem before the
   * order's last payout leaves (orders' delivery-gate); unset means its default of 3.
   */
  deliveryWindowDays?: number;
}

export const guildsCollection = collectionPath<Guild>('guilds');
export const guildPath = (guildId: string) => docPath<Guild>(`${guildsCollection}/${guildId}`);

/** The guild's document as a module that keeps its own field there sees it (`{ races?: RaceRules }`). */
export const guildDocPath = <T>(guildId: string) => docPath<T>(`${guildsCollection}/${guildId}`);

/** Where C500 posts in a server that ran `/c500 setup`. */
export type GuildChannels = Required<Pick<Guild, 'generalChannelId' | 'marketplaceChannelId'>> & Pick<Guild, 'dropRoleId'>;
