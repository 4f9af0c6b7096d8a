/**
 * @module linked-identities
 * Who else a blocked bidder is, as far as C500 knows, so a block holds for all of them: a
 * Discord member's linked Twitch account (`/c500 link-twitch`, `builders/<id>.twitch`); for a
 * Twitch login, the account that went by it (a signed-in chatter, or a chat message's own
 * id and login: `twitchLogins/<login>`) and the Discord member a channel by that login is
 * linked to (`twitchChannels/<twitch user id>`) with that account's id. Blocked by id, a
 * chatter who renames on Twitch stays blocked. Each is named as the book knows bidders: a member by id, a chatter as
 * `twitch:<id>`. Read when an admin blocks someone and when an auction of the server opens
 * (`syncGuildTrust`), never on a bid: a Discord bid stays one Lua call with no Firestore
 * read (a chat bid names its account's linked member itself, read through the chat memory).
 */
import type { DocumentStore } from '../../ports';
import { builderPath, twitchChannelsCollection } from '../../onboarding';
import { loginOfAlias, twitchBidderId } from '../rules/auction-book';
import { withLinked, type BlockedBidder } from '../rules/bidder-trust';
import { twitchLoginPath } from '../rules/twitch-logins';

/** A store or a transaction: what is read to find someone's linked accounts. */
export type LinkReader = Pick<DocumentStore, 'get' | 'query'>;

/** The keys of the accounts linked to the bidder `key` names (a member's id, or a `twitch-login:` alias). */
export async function linkedKeysOf(reader: LinkReader, key: string): Promise<string[]> {
  const login = loginOfAlias(key);
  if (login === undefined) {
    const twitch = (await reader.get(builderPath(key)))?.twitch;
    return twitch ? [twitchBidderId(twitch.userId)] : [];
  }
  const [seen, channels] = await Promise.all([reader.get(twitchLoginPath(login)), reader.query(twitchChannelsCollection, { where: [['login', '==', login]] })]);
  const keys = channels.flatMap((c) => [c.data.builderId, twitchBidderId(c.id)]);
  return [...new Set(seen ? [twitchBidderId(seen.twitchUserId), ...keys] : keys)];
}

/** The block list with every entry's linked accounts as they are now added to what it had (a link undone later is kept: the block was of that person). */
export async function withLinkedIdentities(reader: LinkReader, list: readonly BlockedBidder[]): Promise<BlockedBidder[]> {
  return Promise.all(list.map(async (entry) => withLinked(entry, await linkedKeysOf(reader, entry.key))));
}
