/**
 * Cloud Tasks target: the trailing edit of a live auction embed, at most one a second.
 */
import type { Platform } from '../shared/platform';
import { rawBodyOf } from '../shared/adapters/http/http-trigger';
import { taskFunction } from '../shared/adapters/http/task-trigger';
import { parseEmbedTask } from '../shared/app/auction-deps';
import { refreshAuctionEmbed } from '../shared/app/refresh-auction-embed';
import { jsonOf } from '../shared/domain/json';

export function auctionEmbed(platform: Platform) {
  return taskFunction('auctionEmbed', platform.config, '/tasks/auction-embed', async (req) => {
    const task = parseEmbedTask(jsonOf(rawBodyOf(req)));
    // A malformed task can never succeed: acknowledge it instead of retrying.
    if (task) await refreshAuctionEmbed({ book: platform.auctionBook(), discord: platform.discord(), clock: platform.clock }, task);
    return { status: 204, text: '' };
  });
}
