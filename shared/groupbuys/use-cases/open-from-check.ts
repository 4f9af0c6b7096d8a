/**
 * @module open-from-check
 * A check opened as a group buy: its post says "Now open" with a link to the group buy's, its
 * buttons gone, and everyone who said they were interested is told by DM, each once (a
 * redelivered start tells nobody twice; one whose DMs are closed is mentioned in the group
 * buy's channel instead). Then their interest, its job done, is deleted.
 */
import type { Clock, DiscordMessenger, DocumentStore } from '../../ports';
import { tellOnce } from '../../discord';
import type { GroupBuy } from '../rules/group-buy';
import { interestCheckPath, interestCollection } from '../rules/interest-check';
import { messageLink, openedDm } from '../rules/interest-messages';
import { inItsChannel } from '../rules/closed-dms';
import { followInterestPost } from './interest-posts';
import { forgetInterest } from './forget-interest';

/** Answers how many interested members there were to tell (the check's count: a redelivery, after the interest is gone, answers as the first). */
export async function tellInterested(
  deps: { store: DocumentStore; discord: DiscordMessenger; clock: Clock },
  checkId: string,
  groupBuy: GroupBuy,
): Promise<number> {
  await followInterestPost(deps, checkId);
  const check = await deps.store.get(interestCheckPath(checkId));
  if (!check) return 0;
  const interested = await deps.store.query(interestCollection(checkId));
  const link = groupBuy.messageId ? messageLink(groupBuy.guildId, groupBuy.channelId, groupBuy.messageId) : undefined;
  for (const { data } of interested)
    await tellOnce(deps, `groupbuy-opened:${groupBuy.groupBuyId}`, data.memberId, openedDm(check, groupBuy.title, link), inItsChannel(groupBuy, data.memberId));
  await forgetInterest(deps.store, checkId);
  return check.interestedPeople;
}
