/**
 * @module dispute-block
 * A buyer who disputed a payment with their bank is blocked in that server (the same block
 * list as `/c500 block`: no bids, no Buy Now) until an admin runs `/c500 unblock`. Blocked
 * once per dispute: a redelivered event after an admin's unblock does not block again.
 */
import type { AuctionBook, Clock, DocumentStore } from '../../ports';
import { blockedForDispute, bookTrustOf, trustLimits, withBlocked, withLinked } from '../rules/bidder-trust';
import { changeAuctionRules, loadAuctionRules } from './guild-trust';
import { linkedKeysOf } from './linked-identities';

export async function blockDisputingBuyer(
  deps: { store: DocumentStore; book: AuctionBook; clock: Clock },
  guildId: string,
  buyerId: string,
  disputeId: string,
): Promise<void> {
  await changeAuctionRules(deps, guildId, async (now, tx) => {
    const list = now.blocked ?? [];
    if (list.some((b) => b.key === buyerId) || list.length >= trustLimits.maxBlocked) return undefined;
    const entry = withLinked(
      { key: buyerId, label: `<@${buyerId}>`, blockedBy: buyerId, blockedAt: deps.clock.now().toISOString(), disputeId },
      await linkedKeysOf(tx, buyerId),
    );
    return { ...now, blocked: withBlocked(list, entry) };
  });
}

/**
 * Whether this member (or an account linked to them) is on the server's block list, and why:
 * `dispute` when C500 blocked them itself after a payment they disputed (a decision about them
 * they are told of, and may contest with the server's admins), `admin` for `/c500 block`.
 * Buy Now refuses them as bids do.
 */
export async function isBlockedBuyer(store: DocumentStore, guildId: string, userId: string): Promise<false | 'admin' | 'dispute'> {
  const rules = await loadAuctionRules(store, guildId);
  if (!bookTrustOf(rules).blocked.includes(userId)) return false;
  return blockedForDispute(rules, userId) ? 'dispute' : 'admin';
}
