/**
 * @module group-buy-posts
 * A group buy's post as its document stands: progress to the MOQ as pledges come and go, the
 * new close once extended (see follow-post for why it is read again after an edit).
 */
import { groupBuyPath } from '../rules/group-buy';
import { groupBuyPost } from '../rules/group-buy-messages';
import { followPost, type PostsDeps } from './follow-post';

export async function followGroupBuyPost(deps: PostsDeps, groupBuyId: string): Promise<void> {
  await followPost(
    deps,
    groupBuyPath(groupBuyId),
    async (groupBuy) => ({ channelId: groupBuy.channelId, ...(groupBuy.messageId ? { messageId: groupBuy.messageId } : {}), message: groupBuyPost(groupBuy) }),
    { groupBuyId },
  );
}
