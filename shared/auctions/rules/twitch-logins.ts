/**
 * @module twitch-logins
 * Which Twitch account went by a login, as C500 last saw it: `twitchLogins/<login>`, written
 * when a chatter signs in and when a chat message pairs its `chatter_user_id` with a login
 * not seen before. A block by login (`/c500 block twitch:<login>`) is resolved through it to
 * the account's id, which the book refuses: a rename on Twitch changes the login, never the
 * id. A login Twitch hands to someone else later names the newest account seen with it.
 */
import { collectionPath, docPath } from '../../ports';

export interface TwitchLoginSeen {
  /** Lower case, as Twitch keeps logins. */
  login: string;
  twitchUserId: string;
  seenAt: string;
}

export const twitchLoginsCollection = collectionPath<TwitchLoginSeen>('twitchLogins');
export const twitchLoginPath = (login: string) => docPath<TwitchLoginSeen>(`${twitchLoginsCollection}/${login.trim().toLowerCase()}`);

/** The record of one login seen with one account. */
export function twitchLoginSeen(login: string, twitchUserId: string, seenAt: string): TwitchLoginSeen {
  return { login: login.trim().toLowerCase(), twitchUserId, seenAt };
}
