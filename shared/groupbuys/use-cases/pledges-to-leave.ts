/**
 * @module pledges-to-leave
 * A member's pledges an erasure cannot undo: while a group buy is open, a pledge with a saved
 * card is charged at the close if the minimum is met, whatever the member erased. Before they
 * erase, `/c500 privacy` offers to leave each first, on the group buy's own post (its Leave
 * button: the leave use case, which checks the post, the close and the pledge as ever).
 */
import { collectionGroup, type Clock, type DocumentStore } from '../../ports';
import { groupBuyPath, type Pledge } from '../rules/group-buy';
import { messageLink } from '../rules/interest-messages';

export interface PledgeToLeave {
  title: string;
  /** The group buy's post, where its Leave button is. */
  postUrl: string;
}

/** Pledged, waitlisted or still saving a card: leaving costs nothing until the close. */
const leavable = new Set<Pledge['status']>(['saving-card', 'pledged', 'waitlisted']);

export async function pledgesToLeave(deps: { store: DocumentStore; clock: Clock }, memberId: string): Promise<PledgeToLeave[]> {
  const pledges = await deps.store.queryGroup(collectionGroup<Pledge>('pledges'), { where: [['buyerId', '==', memberId]] });
  const out: PledgeToLeave[] = [];
  for (const { data: pledge } of pledges) {
    if (!leavable.has(pledge.status)) continue;
    const groupBuy = await deps.store.get(groupBuyPath(pledge.groupBuyId));
    if (!groupBuy?.messageId || groupBuy.status !== 'open' || deps.clock.now().getTime() >= Date.parse(groupBuy.closesAt)) continue;
    out.push({ title: groupBuy.title, postUrl: messageLink(groupBuy.guildId, groupBuy.channelId, groupBuy.messageId) });
  }
  return out;
}
