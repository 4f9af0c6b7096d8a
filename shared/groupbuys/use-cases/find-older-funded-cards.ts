/**
 * @module find-older-funded-cards
 * Pledges charged or paid before `cardReleaseOwed` existed carry no flag, so the funded cards'
 * chain (release-funded-cards) would never find them and their cards would wait for the
 * member's erasure. Once the flagged ones run out, the chain looks once through the group buy's
 * charged and paid pledges and flags each whose card is still attached; the group buy remembers
 * it looked (`olderCardsFoundAt`), so a card Stripe keeps refusing is not flagged again and the
 * chain still ends.
 */
import { groupBuyPath, pledgePath, pledgesCollection, type GroupBuy } from '../rules/group-buy';
import { cardToDetach } from '../rules/saved-card-release';
import type { GroupBuyMoneyDeps } from './close-deps';

/** The statuses a funded group buy's pledge had its card charged in. */
const chargedStatuses = ['charged', 'paid'] as const;

/** How many older cards it flagged: 0 once it has looked, or found none. */
export async function flagOlderFundedCards(deps: Pick<GroupBuyMoneyDeps, 'store' | 'clock'>, groupBuy: GroupBuy): Promise<number> {
  if (groupBuy.olderCardsFoundAt) return 0;
  const charged = await deps.store.query(pledgesCollection(groupBuy.groupBuyId), { where: [['status', 'in', [...chargedStatuses]]] });
  let flagged = 0;
  for (const { data } of charged.filter(({ data }) => cardToDetach(data) && !data.cardReleaseOwed)) {
    // Read where it is written: a pledge erased or let go meanwhile is left as it is.
    flagged += await deps.store.runTransaction(async (tx) => {
      const path = pledgePath(groupBuy.groupBuyId, data.buyerId);
      const pledge = await tx.get(path);
      if (!pledge || !cardToDetach(pledge) || pledge.cardReleaseOwed) return 0;
      tx.update(path, { cardReleaseOwed: true });
      return 1;
    });
  }
  await deps.store.update(groupBuyPath(groupBuy.groupBuyId), { olderCardsFoundAt: deps.clock.now().toISOString() });
  return flagged;
}
