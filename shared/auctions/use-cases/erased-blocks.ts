/**
 * @module erased-blocks
 * A person who erases their data leaves every server's block list (`/c500 block`, or C500's own
 * block after a payment they disputed): a block names them by id, and nothing may keep their id
 * once they asked to be forgotten. Each server's rules change with the next version, so the
 * book hears it at once. The servers are found by the list's flat index of ids (`blockedIds`).
 */
import type { AuctionBook, DocumentStore } from '../../ports';
import { collectionPath } from '../../ports';
import type { BlockedBidder, GuildAuctions } from '../rules/bidder-trust';
import { changeAuctionRules } from './guild-trust';

const guildsWithAuctions = collectionPath<GuildAuctions>('guilds');

/** Answers how many servers' block lists named them. */
export async function forgetBlockedPerson(deps: { store: DocumentStore; book: AuctionBook }, personId: string): Promise<number> {
  const blocking = await deps.store.query(guildsWithAuctions, { where: [['auctions.blockedIds', 'array-contains', personId]] });
  let forgotten = 0;
  for (const { id: guildId } of blocking) {
    const { changed } = await changeAuctionRules(deps, guildId, (now) => {
      const list = now.blocked ?? [];
      const next = list.flatMap((entry) => withoutPerson(entry, personId));
      // The last change's key (an admin's last block or unblock of them) goes with the table's own pass.
      return next.every((entry, i) => entry === list[i]) && next.length === list.length ? undefined : { ...now, blocked: next };
    });
    if (changed) forgotten += 1;
  }
  return forgotten;
}

/** The entry without the person: gone when it is theirs, their linked account taken out of another's. */
function withoutPerson(entry: BlockedBidder, personId: string): BlockedBidder[] {
  if (entry.key === personId) return [];
  if (!(entry.linked ?? []).includes(personId)) return [entry];
  return [{ ...entry, linked: (entry.linked ?? []).filter((id) => id !== personId) }];
}
