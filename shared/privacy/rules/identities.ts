/**
 * @module identities
 * The ids a person is known by: a Discord user id, or `twitch:<user id>` for a Twitch account
 * (a chatter, or a member's linked account), as the auction book and orders name bidders.
 */
export const twitchIdentityPrefix = 'twitch:';

export const isTwitchIdentity = (id: string) => id.startsWith(twitchIdentityPrefix);

/** The bare Twitch user id of a `twitch:<id>` identity; undefined for a Discord id. */
export const bareTwitchIdOf = (id: string): string | undefined => (isTwitchIdentity(id) ? id.slice(twitchIdentityPrefix.length) : undefined);
