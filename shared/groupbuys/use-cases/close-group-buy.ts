/**
 * @module close-group-buy
 * The group buy's close (`groupbuy-close-<id>-<closesAt ms>`): the pledges with a saved card
 * are counted in one transaction that also ends the window, so a Join or Leave either came
 * before it or finds it closed. MOQ met: `charging`, and the first batch of charges is armed
 * (charge-pledges). Not met: `not-met`, every pledge let go, nobody charged, everyone told
 * once, the post edited. A task armed for an earlier close (the builder extended since) does
 * nothing; one that comes before its time (the close plus the front half's settle window) is
 * refused (TaskNotDueYet); a redelivered one finds
 * the close made and only finishes what follows it.
 */
import { tellOnce } from '../../discord';
import { TaskNotDueYet } from '../../errors';
import { groupBuyPath, pledgesCollection, type GroupBuy, type Pledge } from '../rules/group-buy';
import { closeOutcome, releasedAtClose } from '../rules/close-rules';
import { closeDueAtMs, type CloseTask } from '../rules/charge-tasks';
import { closeDms } from '../rules/close-messages';
import { inItsChannel } from '../rules/closed-dms';
import { scheduleChargeBatch, type GroupBuyCloseDeps } from './close-deps';
import { releasePledges } from './release-pledges';
import { followGroupBuyPost } from './group-buy-posts';

export async function closeGroupBuy(deps: GroupBuyCloseDeps, task: CloseTask): Promise<void> {
  const stored = await deps.store.get(groupBuyPath(task.groupBuyId));
  // Extended since this task was armed: the close's own task is the one named by the new time.
  if (!stored || Date.parse(stored.closesAt) !== task.closesAtMs) return;
  // Not before the settle window has passed: a card saved just before the close, whose event comes late, still counts.
  if (stored.status === 'open' && deps.clock.now().getTime() < closeDueAtMs(task)) throw new TaskNotDueYet(closeDueAtMs(task));
  const closed = await deps.store.runTransaction(async (tx) => {
    const groupBuy = await tx.get(groupBuyPath(task.groupBuyId));
    if (!groupBuy || Date.parse(groupBuy.closesAt) !== task.closesAtMs) return undefined;
    const pledges = (await tx.query(pledgesCollection(task.groupBuyId))).map((d) => d.data);
    // Closed already: this is a redelivery, which finishes what the first may not have.
    if (groupBuy.status !== 'open') return { groupBuy, pledges };
    const { units, met } = closeOutcome(groupBuy, pledges);
    // The counts the close was decided on, from the pledges themselves, kept as the post and the DMs say them.
    const update = {
      status: met ? 'charging' : 'not-met',
      closedAt: deps.clock.now().toISOString(),
      pledgedUnits: units,
      pledgers: pledges.filter((p) => p.status === 'pledged').length,
      ...(met ? { fundedUnits: 0 } : {}),
    } as const;
    tx.update(groupBuyPath(task.groupBuyId), update);
    return { groupBuy: { ...groupBuy, ...update }, pledges };
  });
  if (!closed) return;
  const { groupBuy, pledges } = closed;
  if (groupBuy.status === 'charging') {
    await scheduleChargeBatch(deps.tasks, { groupBuyId: groupBuy.groupBuyId, chain: 'close', batch: 1 }, deps.clock.now().getTime());
    await followGroupBuyPost(deps, groupBuy.groupBuyId);
  } else if (groupBuy.status === 'not-met') await closeNotMet(deps, groupBuy, pledges);
}

/** Nobody is charged: every pledge is let go, each pledger (waitlisted too) and the builder told once, the post edited. */
async function closeNotMet(deps: GroupBuyCloseDeps, groupBuy: GroupBuy, pledges: Pledge[]): Promise<void> {
  await releasePledges(deps.store, groupBuy.groupBuyId, pledges, releasedAtClose, deps.clock.now().toISOString());
  // `released` is this close's own doing (read by a redelivery): nothing else releases a pledge before a close.
  const told = pledges.filter((p) => releasedAtClose.includes(p.status) || p.status === 'released');
  const dm = closeDms.notMet(groupBuy, groupBuy.pledgedUnits);
  for (const pledge of told) await tellOnce(deps, `groupbuy-not-met:${groupBuy.groupBuyId}`, pledge.buyerId, dm, inItsChannel(groupBuy, pledge.buyerId));
  await tellOnce(
    deps,
    `groupbuy-not-met-builder:${groupBuy.groupBuyId}`,
    groupBuy.builderId,
    closeDms.notMetBuilder(groupBuy, groupBuy.pledgedUnits, groupBuy.pledgers),
  );
  await followGroupBuyPost(deps, groupBuy.groupBuyId);
}
