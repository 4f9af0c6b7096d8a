/**
 * Cloud Tasks target: the trailing edit of a live auction embed, at most one a second.
 */
import type { Platform } from '../shared/platform';
import { taskDone, taskFunction, taskPayload } from '../shared/triggers/task-trigger';
import { parseEmbedTask, refreshAuctionEmbed } from '../shared/auctions';
import { auctionEmbedDeps } from '../shared/router/board-wiring';

export function auctionEmbed(platform: Platform) {
  return taskFunction('auctionEmbed', platform.config, async (req) => {
    const task = taskPayload(req, parseEmbedTask);
    if (task) await refreshAuctionEmbed(auctionEmbedDeps(platform), task);
    return taskDone;
  });
}
