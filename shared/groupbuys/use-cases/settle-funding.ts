/**
 * @module settle-funding
 * The end of the close's money half: once no pledge is left to charge (`pledged`) or waiting
 * on its buyer (`needs-buyer`), the group buy is `funded`, its waitlist let go (nothing
 * charged), the builder told the result once, and the post says the count funded. Asked after
 * each chain of charges ends, each pay-link payment and each lapse; it decides from the
 * pledges, so asking again changes nothing. The post is the front half's (`followGroupBuyPost`),
 * edited to what the group buy says now: closed, and the count funded.
 */
import { tellOnce } from '../../discord';
import { groupBuyPath, pledgesCollection, type GroupBuy, type Pledge } from '../rules/group-buy';
import { closeDms } from '../rules/close-messages';
import { followGroupBuyPost } from './group-buy-posts';
import type { GroupBuyMoneyDeps } from './close-deps';
import { startRelease } from './release-pledges';
import { releaseSavedCardOrLater } from './release-saved-card';
import { cardToDetach } from '../rules/saved-card-release';

export async function settleFunding(deps: GroupBuyMoneyDeps, groupBuyId: string): Promise<void> {
  const open = await deps.store.query(pledgesCollection(groupBuyId), { where: [['status', 'in', ['pledged', 'needs-buyer']]], limit: 1 });
  if (open.length > 0) return followGroupBuyPost(deps, groupBuyId);
  const at = deps.clock.now().toISOString();
  const funded = await deps.store.runTransaction(async (tx) => {
    const groupBuy = await tx.get(groupBuyPath(groupBuyId));
    if (!groupBuy || (groupBuy.status !== 'charging' && groupBuy.status !== 'funded')) return undefined;
    const pledges = (await tx.query(pledgesCollection(groupBuyId))).map((d) => d.data);
    if (pledges.some((p) => p.status === 'pledged' || p.status === 'needs-buyer')) return undefined;
    if (groupBuy.status === 'charging') tx.update(groupBuyPath(groupBuyId), { status: 'funded', fundedAt: at });
    return { groupBuy: { ...groupBuy, status: 'funded' as const, fundedAt: groupBuy.fundedAt ?? at }, pledges };
  });
  if (!funded) return;
  await releaseEndedCards(deps, groupBuyId, funded.pledges);
  if (funded.pledges.some((p) => p.status === 'waitlisted')) await startRelease(deps, groupBuyId);
  await tellFunded(deps, funded.groupBuy, funded.pledges);
  await followGroupBuyPost(deps, groupBuyId);
}

/**
 * Every card the funding no longer needs (charged, paid on a link, lapsed, left), detached once
 * the charging is over, so no detach takes a second of Stripe's from a charge.
 */
async function releaseEndedCards(deps: GroupBuyMoneyDeps, groupBuyId: string, pledges: readonly Pledge[]): Promise<void> {
  for (const pledge of pledges.filter(cardToDetach)) await releaseSavedCardOrLater(deps, groupBuyId, pledge.buyerId);
}

/** The builder told the result, once, whatever asks again. */
async function tellFunded(deps: GroupBuyMoneyDeps, groupBuy: GroupBuy, pledges: readonly Pledge[]): Promise<void> {
  const count = (status: Pledge['status']) => pledges.filter((p) => p.status === status).length;
  const counts = { charged: count('charged'), paid: count('paid'), lapsed: count('lapsed') };
  await tellOnce(deps, `groupbuy-funded:${groupBuy.groupBuyId}`, groupBuy.builderId, closeDms.funded(groupBuy, counts));
}
