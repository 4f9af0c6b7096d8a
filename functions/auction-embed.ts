/**
 * Cloud Tasks target: the trailing edit of a live auction embed, at most one a second.
 */
import type { Platform } from '../shared/platform';
import { rawBodyOf } from '../shared/triggers/http-trigger';
import { taskFunction } from '../shared/triggers/task-trigger';
import { parseEmbedTask } from '../shared/app/auctions/auction-tasks';
import { refreshAuctionEmbed } from '../shared/app/auctions/refresh-auction-embed';
import { jsonOf } from '../shared/domain/common/json';

export function auctionEmbed(platform: Platform) {
  return taskFunction('auctionEmbed', platform.config, '/tasks/auction-embed', async (req) => {
    const task = parseEmbedTask(jsonOf(rawBodyOf(req)));
    // A malformed task can never succeed: acknowledge it instead of retrying.
    if (task) await refreshAuctionEmbed({ book: platform.auctionBook(), discord: platform.discord(), clock: platform.clock }, task);
    return { status: 204, text: '' };
  });
}
