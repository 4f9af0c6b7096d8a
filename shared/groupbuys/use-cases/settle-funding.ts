/**
 * @module settle-funding
 * The end of the close's money half: once no pledge is left to charge (`pledged`) or waiting
 * on its buyer (`needs-buyer`), the group buy is `funded`, its waitlist let go (nothing
 * charged), the builder told the result once, and the post says the count funded. Asked after
 * each chain of charges ends, each pay-link payment and each lapse; it decides from the
 * pledges, so asking again changes nothing. Its saved cards are let go after, a batch at a time
 * (release-funded-cards). The post is the front half's (`followGroupBuyPost`),
 * edited to what the group buy says now: closed, and the count funded.
 */
import { tellOnce } from '../../discord';
import { groupBuyPath, pledgesCollection, type GroupBuy, type Pledge } from '../rules/group-buy';
import { closeDms } from '../rules/close-messages';
import { followGroupBuyPost } from './group-buy-posts';
import type { GroupBuyMoneyDeps } from './close-deps';
import { startRelease } from './release-pledges';
import { startCardRelease } from './release-funded-cards';

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
  // The cards the funding no longer needs are let go by a chain of tasks of their own, never here: a card is one or two
  // of Stripe's writes, and a close of thousands would hold this event (the last buyer's receipt comes after it) and the
  // builder's DM for minutes, past Pub/Sub's ack deadline. After the charging, so no detach takes a charge's second.
  await startCardRelease(deps, groupBuyId);
  if (funded.pledges.some((p) => p.status === 'waitlisted')) await startRelease(deps, groupBuyId);
  await tellFunded(deps, funded.groupBuy, funded.pledges);
  await followGroupBuyPost(deps, groupBuyId);
}

/** The builder told the result, once, whatever asks again. */
async function tellFunded(deps: GroupBuyMoneyDeps, groupBuy: GroupBuy, pledges: readonly Pledge[]): Promise<void> {
  const count = (status: Pledge['status']) => pledges.filter((p) => p.status === status).length;
  const counts = { charged: count('charged'), paid: count('paid'), lapsed: count('lapsed') };
  await tellOnce(deps, `groupbuy-funded:${groupBuy.groupBuyId}`, groupBuy.builderId, closeDms.funded(groupBuy, counts));
}
