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
import { inItsChannel } from '../rules/closed-dms';
import { followGroupBuyPost } from './group-buy-posts';
import type { GroupBuyMoneyDeps } from './close-deps';
import { releasePledges } from './release-pledges';

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
  await tellFunded(deps, funded.groupBuy, funded.pledges, at);
  await followGroupBuyPost(deps, groupBuyId);
}

/** The waitlist let go and told, and the builder told the result: each once, whatever asks again. */
async function tellFunded(deps: GroupBuyMoneyDeps, groupBuy: GroupBuy, pledges: readonly Pledge[], at: string): Promise<void> {
  await releasePledges(deps.store, groupBuy.groupBuyId, pledges, ['waitlisted'], at);
  // Once funded, `released` is the waitlist's (read by a second call): nothing else releases a pledge of a funded group buy.
  for (const pledge of pledges.filter((p) => p.status === 'waitlisted' || p.status === 'released'))
    await tellOnce(
      deps,
      `groupbuy-waitlist-released:${groupBuy.groupBuyId}`,
      pledge.buyerId,
      closeDms.waitlistReleased(groupBuy),
      inItsChannel(groupBuy, pledge.buyerId),
    );
  const count = (status: Pledge['status']) => pledges.filter((p) => p.status === status).length;
  const counts = { charged: count('charged'), paid: count('paid'), lapsed: count('lapsed') };
  await tellOnce(deps, `groupbuy-funded:${groupBuy.groupBuyId}`, groupBuy.builderId, closeDms.funded(groupBuy, counts));
}
