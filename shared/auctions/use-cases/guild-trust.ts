/**
 * @module guild-trust
 * A server's trust rules for its auctions: read from Firestore and handed to the book when
 * an auction opens, and changed by admins (`/c500 auction settings`, `/c500 block`,
 * `/c500 unblock`). Each change is one transaction that bumps the rules' version, then the
 * book is told at once, so live auctions follow it; the version keeps an auction that opened
 * with what it read before the change from putting the old rules back.
 */
import type { AuctionBook, DocumentStore } from '../../ports';
import { log } from '../../log';
import { bookTrustOf, guildAuctionsPath, type GuildAuctionRules } from '../rules/bidder-trust';

export async function loadAuctionRules(store: DocumentStore, guildId: string): Promise<GuildAuctionRules | undefined> {
  return (await store.get(guildAuctionsPath(guildId)))?.auctions;
}

/** The book gets the server's rules as Firestore has them (a copy as new or newer is kept). */
export async function syncGuildTrust(deps: { store: DocumentStore; book: AuctionBook }, guildId: string): Promise<void> {
  await deps.book.setGuildTrust(guildId, bookTrustOf(await loadAuctionRules(deps.store, guildId)));
}

/**
 * One change: `change` sees the rules as they stand and answers the new ones, or undefined
 * to change nothing; the new ones are written with the next version. Then the book hears
 * the rules as they now stand, changed or not, so a command run again after the book was
 * down brings it up to date. Answers the rules, whether they changed, and whether the book
 * heard them.
 */
export async function changeAuctionRules(
  deps: { store: DocumentStore; book: AuctionBook },
  guildId: string,
  change: (rules: GuildAuctionRules) => GuildAuctionRules | undefined,
): Promise<{ rules: GuildAuctionRules; changed: boolean; bookTold: boolean }> {
  const path = guildAuctionsPath(guildId);
  const { rules, changed } = await deps.store.runTransaction(async (tx) => {
    const now = (await tx.get(path))?.auctions ?? {};
    const next = change(now);
    if (!next) return { rules: now, changed: false };
    const written: GuildAuctionRules = { ...next, version: (now.version ?? 0) + 1 };
    tx.set(path, { auctions: written }, { merge: true });
    return { rules: written, changed: true };
  });
  try {
    await deps.book.setGuildTrust(guildId, bookTrustOf(rules));
    return { rules, changed, bookTold: true };
  } catch (error) {
    // Saved: the next auction to open hears it; the admin is told to run it again for live ones.
    log.warn('auction book unavailable; trust rules saved but not yet in the book', { guildId, error });
    return { rules, changed, bookTold: false };
  }
}
