/**
 * Every bid: one Lua script on Redis decides it. No Firestore on the way, and no runOnce
 * record: the book itself recognises a redelivered bid by its interaction id. Only a bidder
 * the book refuses as new is looked up in Firestore (loaded then, never before).
 */
import type { Platform } from '../shared/platform';
import { PoisonMessage } from '../shared/errors';
import { pubsubFunction } from '../shared/triggers/pubsub-trigger';
import { decodeMessageData } from '../shared/adapters/pubsub/pubsub-envelope';
import { parseCommandJob } from '../shared/discord';
import { placeBid } from '../shared/auctions';
import { bidDeps } from '../shared/router/chat-wiring';
import { decideProbeBid, probeBidJob } from '../shared/probe';

export function auctionBids(platform: Platform) {
  const deps = bidDeps(platform);
  return pubsubFunction('auctionBids', async (event) => {
    const job = parseCommandJob(decodeMessageData(event));
    // The synthetic probe's bid: its own lot on the same book, nothing of a member's touched (docs/operations/probe.md).
    if (job.job === probeBidJob) return decideProbeBid(deps, job.interaction);
    if (job.job !== 'place-bid') throw new PoisonMessage(`${job.job} is not a bid`);
    await placeBid(deps, job.interaction);
  });
}
