/**
 * @module guild-trust
 * A server's trust rules for its auctions: read from Firestore and handed to the book when
 * an auction opens, and changed by admins (`/c500 auction settings`, `/c500 block`,
 * `/c500 unblock`). Each change is one transaction that bumps the rules' version, then the
 * book is told at once, so live auctions follow it; the version keeps an auction that opened
 * with what it read before the change from putting the old rules back.
 */
import type { AuctionBook, DocumentStore, Transaction } from '../../ports';
import { log } from '../../log';
import { blockedIdsOf, bookTrustOf, guildAuctionsPath, type GuildAuctionRules } from '../rules/bidder-trust';
import { withLinkedIdentities } from './linked-identities';

export async function loadAuctionRules(store: DocumentStore, guildId: string): Promise<GuildAuctionRules | undefined> {
  return (await store.get(guildAuctionsPath(guildId)))?.auctions;
}

/**
 * The book gets the server's rules as Firestore has them (a copy as new or newer is kept).
 * First, a blocked bidder's accounts linked since the block (a member who linked Twitch, a
 * Twitch login someone linked to their Discord account) join the block: written as a change
 * with the next version, so the book takes it. An auction opening is the moment: off every
 * bid's path, and before the auction's first bid.
 */
export async function syncGuildTrust(deps: { store: DocumentStore; book: AuctionBook }, guildId: string): Promise<void> {
  let rules = await loadAuctionRules(deps.store, guildId);
  const blocked = rules?.blocked ?? [];
  if (blocked.length > 0) {
    const linked = await withLinkedIdentities(deps.store, blocked);
    if (linked.some((entry, i) => entry !== blocked[i]))
      ({ rules } = await saveAuctionRules(deps.store, guildId, async (now, tx) => {
        const current = now.blocked ?? [];
        const refreshed = await withLinkedIdentities(tx, current);
        return refreshed.some((entry, i) => entry !== current[i]) ? { ...now, blocked: refreshed } : undefined;
      }));
  }
  await deps.book.setGuildTrust(guildId, bookTrustOf(rules));
}

/** What a change sees: the rules as they stand, and the transaction, for what else it must read. */
export type RulesChange = (rules: GuildAuctionRules, tx: Transaction) => GuildAuctionRules | undefined | Promise<GuildAuctionRules | undefined>;

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
  change: RulesChange,
): Promise<{ rules: GuildAuctionRules; changed: boolean; bookTold: boolean }> {
  const { rules, changed } = await saveAuctionRules(deps.store, guildId, change);
  try {
    await deps.book.setGuildTrust(guildId, bookTrustOf(rules));
    return { rules, changed, bookTold: true };
  } catch (error) {
    // Saved: the next auction to open hears it; the admin is told to run it again for live ones.
    log.warn('auction book unavailable; trust rules saved but not yet in the book', { guildId, error });
    return { rules, changed, bookTold: false };
  }
}

async function saveAuctionRules(store: DocumentStore, guildId: string, change: RulesChange): Promise<{ rules: GuildAuctionRules; changed: boolean }> {
  const path = guildAuctionsPath(guildId);
  return store.runTransaction(async (tx) => {
    const now = (await tx.get(path))?.auctions ?? {};
    const next = await change(now, tx);
    if (!next) return { rules: now, changed: false };
    const written: GuildAuctionRules = { ...next, ...(next.blocked ? { blockedIds: blockedIdsOf(next.blocked) } : {}), version: (now.version ?? 0) + 1 };
    tx.set(path, { auctions: written }, { merge: true });
    return { rules: written, changed: true };
  });
}
