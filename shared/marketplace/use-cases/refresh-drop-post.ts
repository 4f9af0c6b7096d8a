/**
 * @module refresh-drop-post
 * Shows a drop's stock as it is now on its public post. Best effort: the stock itself is
 * kept in the store; a failed edit must not fail a payment or a reservation.
 */
import type { DiscordMessenger, DocumentStore } from '../../ports';
import { dropPost } from '../rules/drop-messages';
import { log } from '../../log';
import { dropWithStock } from './drop-stock';

export async function refreshDropPost(deps: { store: DocumentStore; discord: DiscordMessenger }, dropId: string): Promise<void> {
  const drop = await dropWithStock(deps.store, dropId);
  if (!drop?.messageId) return;
  try {
    await deps.discord.editChannelMessage(drop.channelId, drop.messageId, dropPost(drop));
  } catch (error) {
    log.warn('drop post not refreshed', { dropId, error });
  }
}
