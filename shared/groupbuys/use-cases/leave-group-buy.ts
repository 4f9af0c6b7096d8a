/**
 * @module leave-group-buy
 * **Leave** on a group buy's post, before the close: the pledge is withdrawn (it costs nothing
 * and its units no longer count), in one transaction with the group buy's counts; units it
 * frees go to the waitlist, earliest first, as far as they fit. After the close it is refused,
 * with why. Judged at the moment Discord received the press; the same press delivered again
 * answers as the first did.
 */
import type { Clock, DiscordMessage, DiscordMessenger, DocumentStore, Payments, Transaction } from '../../ports';
import { placeOf, refusals, tellOnce, type Interaction } from '../../discord';
import { snowflakeTimeMs } from '../../common';
import { groupBuyPath, pledgePath, pledgesCollection, type GroupBuy, type Pledge } from '../rules/group-buy';
import { idOfComponent, pressedOnItsPost } from '../rules/components';
import { joinAnswers, movedInDm } from '../rules/group-buy-answers';
import { inItsChannel } from '../rules/closed-dms';
import { followGroupBuyPost } from './group-buy-posts';
import { releaseSavedCardOrLater } from './release-saved-card';

export interface LeaveGroupBuyDeps {
  store: DocumentStore;
  discord: DiscordMessenger;
  clock: Clock;
  /** Stripe, to detach the card the pledge saved: a pledge left is never charged. */
  payments: Pick<Payments, 'detachPaymentMethod' | 'deleteCustomer'>;
}

type Left = { answer: DiscordMessage; groupBuy?: GroupBuy; movedIn: Pledge[] };

export async function leaveGroupBuy(deps: LeaveGroupBuyDeps, interaction: Interaction): Promise<DiscordMessage> {
  const place = placeOf(interaction);
  if (!place) return refusals.guildOnly;
  const groupBuyId = idOfComponent('leave', interaction.data?.custom_id ?? '');
  if (!groupBuyId) return refusals.staleComponent;
  const atMs = snowflakeTimeMs(interaction.id) ?? deps.clock.now().getTime();
  const buyerId = place.user.id;
  const left = await deps.store.runTransaction(async (tx): Promise<Left> => {
    const [groupBuy, pledge] = await Promise.all([tx.get(groupBuyPath(groupBuyId)), tx.get(pledgePath(groupBuyId, buyerId))]);
    if (!groupBuy || !pressedOnItsPost(groupBuy, place)) return { answer: joinAnswers.notFound, movedIn: [] };
    // This very Leave delivered again (its first run's answer lost to a crash or Discord): answered as the first was.
    if (pledge?.status === 'withdrawn' && pledge.byInteraction === interaction.id) return { answer: joinAnswers.left(groupBuy), groupBuy, movedIn: [] };
    if (groupBuy.status !== 'open' || atMs >= Date.parse(groupBuy.closesAt)) return { answer: joinAnswers.tooLateToLeave(groupBuy), movedIn: [] };
    if (!pledge || pledge.status === 'withdrawn') return { answer: joinAnswers.notIn(groupBuy), movedIn: [] };
    const counted = pledge.status === 'pledged';
    const freed = counted ? { pledgedUnits: groupBuy.pledgedUnits - pledge.quantity, pledgers: groupBuy.pledgers - 1 } : {};
    const movedIn = counted ? await fromWaitlist(tx, { ...groupBuy, ...freed }) : { fields: {}, pledges: [] };
    tx.update(pledgePath(groupBuyId, buyerId), { status: 'withdrawn', withdrawnAt: new Date(atMs).toISOString(), byInteraction: interaction.id });
    if (counted) tx.update(groupBuyPath(groupBuyId), { ...freed, ...movedIn.fields });
    return { answer: joinAnswers.left(groupBuy), groupBuy: { ...groupBuy, ...freed, ...movedIn.fields }, movedIn: movedIn.pledges };
  });
  if (left.groupBuy) await followGroupBuyPost(deps, groupBuyId);
  // Left: the card saved for it is detached (a redelivered Leave finds it marked so, or Stripe says it is).
  if (left.groupBuy) await releaseSavedCardOrLater(deps, groupBuyId, buyerId);
  for (const pledge of left.movedIn)
    if (left.groupBuy)
      await tellOnce(
        deps,
        `groupbuy-moved-in:${groupBuyId}:${pledge.pledgedAt ?? ''}`,
        pledge.buyerId,
        movedInDm(left.groupBuy, pledge.quantity, pledge.shippingCents),
        inItsChannel(left.groupBuy, pledge.buyerId),
      );
  return left.answer;
}

/**
 * The waitlisted pledges that now fit under the cap, earliest saved first, stopping at the
 * first that does not (a later, smaller pledge does not jump the line): staged as pledged,
 * with the counts they add.
 */
async function fromWaitlist(tx: Transaction, groupBuy: GroupBuy): Promise<{ fields: Partial<GroupBuy>; pledges: Pledge[] }> {
  if (groupBuy.cap === undefined) return { fields: {}, pledges: [] };
  const waiting = (await tx.query(pledgesCollection(groupBuy.groupBuyId), { where: [['status', '==', 'waitlisted']] }))
    .map((p) => p.data)
    .sort((a, b) => (a.pledgedAt ?? '').localeCompare(b.pledgedAt ?? ''));
  let units = groupBuy.pledgedUnits;
  let pledgers = groupBuy.pledgers;
  const pledges: Pledge[] = [];
  for (const pledge of waiting) {
    if (units + pledge.quantity > groupBuy.cap) break;
    units += pledge.quantity;
    pledgers += 1;
    pledges.push(pledge);
    tx.update(pledgePath(groupBuy.groupBuyId, pledge.buyerId), { status: 'pledged' });
  }
  return { fields: pledges.length > 0 ? { pledgedUnits: units, pledgers } : {}, pledges };
}
