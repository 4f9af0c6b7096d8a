/**
 * @module refresh-auction-embed
 * The trailing edit: a bid that came within a second of the last embed edit left this
 * task behind, so the final state of a burst always shows, at most one edit a second.
 */
import type { AuctionBook, Clock, DiscordMessenger } from '../../ports';
import { liveCard } from '../rules/auction-messages';
import { phaseOf } from '../rules/auction-book';
import type { EmbedTask } from './auction-tasks';
import { TaskNotDueYet } from '../../errors';

/** Answers whether it edited; throws TaskNotDueYet when it ran early (clocks differ), so the queue retries it. */
export async function refreshAuctionEmbed(deps: { book: AuctionBook; discord: DiscordMessenger; clock: Clock }, task: EmbedTask): Promise<boolean> {
  const slot = await deps.book.claimEmbedEdit(task.auctionId, task.behindMs, deps.clock.now().getTime());
  if (slot.kind === 'trailing') throw new TaskNotDueYet(slot.atMs);
  if (slot.kind === 'none') return false;
  const snapshot = await deps.book.read(task.auctionId);
  if (!snapshot?.messageId || snapshot.status !== 'live') return false;
  // In the final call nothing public moves: the final call's own edit (close-auction) shows what
  // it began with and the draw's commitment, which this edit would drop.
  if (phaseOf(snapshot) === 'final-call') return false;
  await deps.discord.editChannelMessage(snapshot.channelId, snapshot.messageId, liveCard(snapshot));
  return true;
}
