/**
 * @module release-pledges
 * Pledges let go without a charge, a batch at a time (`groupbuy-release-<id>-<n>`): at a close
 * short of its MOQ every pledge with a saved card (`pledged`, `waitlisted`), once a group buy
 * is funded its waitlist, and at a call-off before the close every pledge (call-off). As with the charging, a pledge's own state is the cursor and
 * nothing is locked: a batch takes up to 20 pledges still to let go, tells each once (the
 * discord module's `tellOnce`: a redelivered batch tells nobody twice), then lets them go in
 * one transaction that checks each is still to be let go, and arms the next batch a second
 * after it ended. A batch whose DM fails (Discord's 429) fails whole and is run again: the
 * ones it told are not told again, the rest are. The batch that finds none left ends the
 * chain: for a close short of its MOQ, the builder is told once, after everyone who joined.
 */
import type { DiscordMessage } from '../../ports';
import { tellOnce } from '../../discord';
import { inItsChannel } from '../rules/closed-dms';
import { groupBuyPath, pledgePath, pledgesCollection, type GroupBuy, type PledgeStatus } from '../rules/group-buy';
import { releasedAtClose } from '../rules/close-rules';
import { releasePace, type ReleaseTask } from '../rules/charge-tasks';
import { closeDms } from '../rules/close-messages';
import { releasedAtCallOff } from '../rules/call-off';
import { callOffDms } from '../rules/call-off-messages';
import { scheduleReleaseBatch, type GroupBuyMoneyDeps } from './close-deps';
import { releaseSavedCardOrLater } from './release-saved-card';

/** What a group buy in this state lets go, and what each pledger let go is told (a fact told once). */
interface Release {
  statuses: readonly PledgeStatus[];
  fact: string;
  dm: DiscordMessage;
}

function releaseOf(groupBuy: GroupBuy): Release | undefined {
  if (groupBuy.status === 'not-met')
    return { statuses: releasedAtClose, fact: `groupbuy-not-met:${groupBuy.groupBuyId}`, dm: closeDms.notMet(groupBuy, groupBuy.pledgedUnits) };
  // Once funded, only the waitlist is left to let go: nothing else moves a pledge of a funded group buy
  // (called off after it was funded, the waitlist still to let go is the funding's, told as the funding tells it).
  if (groupBuy.status === 'funded' || groupBuy.cancelled?.afterClose === true)
    return { statuses: ['waitlisted'], fact: `groupbuy-waitlist-released:${groupBuy.groupBuyId}`, dm: closeDms.waitlistReleased(groupBuy) };
  if (groupBuy.status === 'cancelled')
    return { statuses: releasedAtCallOff, fact: `groupbuy-called-off:${groupBuy.groupBuyId}`, dm: callOffDms.released(groupBuy) };
  return undefined;
}

/** Starts the chain (the close, the funding): its first batch at once, by a name a second start finds armed. */
export function startRelease(deps: Pick<GroupBuyMoneyDeps, 'tasks' | 'clock'>, groupBuyId: string): Promise<unknown> {
  return scheduleReleaseBatch(deps.tasks, { groupBuyId, releaseBatch: 1 }, deps.clock.now().getTime());
}

export async function releaseBatch(deps: GroupBuyMoneyDeps, task: ReleaseTask): Promise<void> {
  const groupBuy = await deps.store.get(groupBuyPath(task.groupBuyId));
  const release = groupBuy && releaseOf(groupBuy);
  // Run again after it armed its successor (a redelivery): the successor lets the rest go.
  if (!groupBuy || !release || (groupBuy.releaseBatchArmed ?? 0) >= task.releaseBatch) return;
  const batch = await deps.store.query(pledgesCollection(task.groupBuyId), {
    where: [['status', 'in', [...release.statuses]]],
    limit: releasePace.batchSize,
  });
  if (batch.length === 0) return endRelease(deps, groupBuy);
  // One after another: a DM is two of Discord's requests, and the pace is counted in them.
  for (const { data } of batch) await tellOnce(deps, release.fact, data.buyerId, release.dm, inItsChannel(groupBuy, data.buyerId));
  await letGo(
    deps,
    groupBuy.groupBuyId,
    batch.map((p) => p.data.buyerId),
    release.statuses,
  );
  // Let go without a charge: their saved cards are detached (a redelivered batch finds them marked, or Stripe says so).
  for (const { data } of batch) await releaseSavedCardOrLater(deps, groupBuy.groupBuyId, data.buyerId);
  await scheduleReleaseBatch(deps.tasks, { ...task, releaseBatch: task.releaseBatch + 1 }, deps.clock.now().getTime() + releasePace.spacingMs);
  await deps.store.update(groupBuyPath(task.groupBuyId), { releaseBatchArmed: task.releaseBatch });
}

/** The told pledges let go, each checked where it is written: one that moved on meanwhile is left as it is. */
async function letGo(deps: GroupBuyMoneyDeps, groupBuyId: string, buyerIds: readonly string[], statuses: readonly PledgeStatus[]): Promise<void> {
  const at = deps.clock.now().toISOString();
  await deps.store.runTransaction(async (tx) => {
    const now = await Promise.all(buyerIds.map((buyerId) => tx.get(pledgePath(groupBuyId, buyerId))));
    now.forEach((pledge, i) => {
      const buyerId = buyerIds[i];
      if (pledge && buyerId && statuses.includes(pledge.status)) tx.update(pledgePath(groupBuyId, buyerId), { status: 'released', releasedAt: at });
    });
  });
}

/** Everyone let go and told: the builder of a group buy short of its MOQ hears it once (a funded one's heard the result already). */
async function endRelease(deps: GroupBuyMoneyDeps, groupBuy: GroupBuy): Promise<void> {
  if (groupBuy.status !== 'not-met') return;
  await tellOnce(
    deps,
    `groupbuy-not-met-builder:${groupBuy.groupBuyId}`,
    groupBuy.builderId,
    closeDms.notMetBuilder(groupBuy, groupBuy.pledgedUnits, groupBuy.pledgers),
  );
}
