/**
 * @module interest-posts
 * An interest check's post as its document stands: the count as interest comes and goes, and
 * once converted, the link to the group buy it opened as (read from the group buy).
 */
import { groupBuyPath } from '../rules/group-buy';
import { interestCheckPath } from '../rules/interest-check';
import { interestPost } from '../rules/interest-messages';
import { followPost, type PostsDeps } from './follow-post';

export async function followInterestPost(deps: PostsDeps, checkId: string): Promise<void> {
  await followPost(
    deps,
    interestCheckPath(checkId),
    async (check) => {
      const groupBuy = check.groupBuyId ? await deps.store.get(groupBuyPath(check.groupBuyId)) : undefined;
      const message = interestPost(check, groupBuy && { channelId: groupBuy.channelId, ...(groupBuy.messageId ? { messageId: groupBuy.messageId } : {}) });
      return { channelId: check.channelId, ...(check.messageId ? { messageId: check.messageId } : {}), message };
    },
    { checkId },
  );
}
