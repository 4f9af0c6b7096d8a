/**
 * @module close-group-buy
 * The group buy's close (`groupbuy-close-<id>-<closesAt ms>`): every pledge still waiting for its
 * card is first read from Stripe (cards-at-close); then the pledges with a saved card
 * are counted in one transaction that also ends the window, so a Join or Leave either came
 * before it or finds it closed. MOQ met: `charging`, and the first batch of charges is armed
 * (charge-pledges). Not met: `not-met`, nobody charged, the post edited, and the first batch
 * of pledges let go is armed (release-pledges: each pledger told once, a batch at a time, then
 * the builder). A task armed for an earlier close (the builder extended since) does
 * nothing; one that comes before its time (the close plus the front half's settle window) is
 * refused (TaskNotDueYet); a redelivered one finds
 * the close made and only finishes what follows it.
 */
import { TaskNotDueYet } from '../../errors';
import { groupBuyPath, pledgesCollection } from '../rules/group-buy';
import { closeOutcome } from '../rules/close-rules';
import { closeDueAtMs, type CloseTask } from '../rules/charge-tasks';
import { scheduleChargeBatch, type GroupBuyCloseDeps } from './close-deps';
import { startRelease } from './release-pledges';
import { followGroupBuyPost } from './group-buy-posts';
import { countCardsSavedInTime } from './cards-at-close';

export async function closeGroupBuy(deps: GroupBuyCloseDeps, task: CloseTask): Promise<void> {
  const stored = await deps.store.get(groupBuyPath(task.groupBuyId));
  // Extended since this task was armed: the close's own task is the one named by the new time.
  if (!stored || Date.parse(stored.closesAt) !== task.closesAtMs) return;
  // Not before the settle window has passed: a card saved just before the close, whose event comes late, still counts.
  if (stored.status === 'open' && deps.clock.now().getTime() < closeDueAtMs(task)) throw new TaskNotDueYet(closeDueAtMs(task));
  // Stripe's word, not only its events: a card saved before the close counts whenever its event comes.
  if (stored.status === 'open') await countCardsSavedInTime(deps, stored);
  const closed = await deps.store.runTransaction(async (tx) => {
    const groupBuy = await tx.get(groupBuyPath(task.groupBuyId));
    if (!groupBuy || Date.parse(groupBuy.closesAt) !== task.closesAtMs) return undefined;
    const pledges = (await tx.query(pledgesCollection(task.groupBuyId))).map((d) => d.data);
    // Closed already: this is a redelivery, which finishes what the first may not have.
    if (groupBuy.status !== 'open') return groupBuy;
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
    return { ...groupBuy, ...update };
  });
  if (closed?.status !== 'charging' && closed?.status !== 'not-met') return;
  if (closed.status === 'charging')
    await scheduleChargeBatch(deps.tasks, { groupBuyId: closed.groupBuyId, chain: 'close', batch: 1 }, deps.clock.now().getTime());
  // Nobody is charged: every pledge is let go and its pledger told, a batch at a time, then the builder.
  else await startRelease(deps, closed.groupBuyId);
  await followGroupBuyPost(deps, closed.groupBuyId);
}
