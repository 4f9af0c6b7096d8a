/**
 * Cloud Tasks target: the trailing edit of a live auction embed, at most one a second.
 */
import type { Platform } from '../shared/platform';
import { taskDone, taskFunction, taskPayload } from '../shared/triggers/task-trigger';
import { parseEmbedTask, refreshAuctionEmbed } from '../shared/auctions';

export function auctionEmbed(platform: Platform) {
  return taskFunction('auctionEmbed', platform.config, async (req) => {
    const task = taskPayload(req, parseEmbedTask);
    if (task) await refreshAuctionEmbed({ book: platform.auctionBook(), discord: platform.discord(), clock: platform.clock }, task);
    return taskDone;
  });
}
