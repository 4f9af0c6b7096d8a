/**
 * @module giveaway-posts
 * The giveaway's posts follow its state, so nothing in the channel says what has ended: the
 * draw edits the entry post (no "drawn in…", no **Enter**), and a round confirmed or lapsed
 * edits the post that offered its Confirm button (the draw's, or a redraw's), without it. An edit is the same each time it runs, so
 * redelivery needs no guard; a refused edit (the post deleted by a moderator) is only logged:
 * the giveaway's own steps must not fail for a message nobody can see any more.
 */
import type { DiscordMessage, DiscordMessenger, DocumentStore } from '../../ports';
import { log } from '../../log';
import { giveawayPath, type Giveaway } from '../rules/giveaway';
import { drawPost, giveawayPost, redrawPost } from '../rules/giveaway-messages';

export interface GiveawayPostsDeps {
  store: DocumentStore;
  discord: DiscordMessenger;
  publicBaseUrl: string;
}

/** The entry post, once drawn: when it was drawn instead of when it will be, and no Enter button. */
export async function closeEntryPost(deps: GiveawayPostsDeps, giveaway: Giveaway): Promise<void> {
  if (!giveaway.messageId || !giveaway.drawnAt) return;
  await deps.discord
    .editChannelMessage(giveaway.channelId, giveaway.messageId, giveawayPost(giveaway, deps.publicBaseUrl))
    .catch((error: unknown) => log.info('a giveaway’s entry post was not edited after its draw', { giveawayId: giveaway.giveawayId, error }));
}

/** The draw's post and each redraw's as their rounds stand now: each confirmed or lapsed round said so, without its button. */
export async function followDrawPost(deps: GiveawayPostsDeps, giveawayId: string): Promise<void> {
  const giveaway = await deps.store.get(giveawayPath(giveawayId));
  if (!giveaway?.rounds) return;
  const rounds = giveaway.rounds;
  const edit = (messageId: string, message: DiscordMessage) =>
    deps.discord
      .editChannelMessage(giveaway.channelId, messageId, message)
      .catch((error: unknown) => log.info('a giveaway’s draw post was not edited after a round ended', { giveawayId, error }));
  if (giveaway.drawMessageId)
    await edit(
      giveaway.drawMessageId,
      drawPost(
        giveaway,
        rounds.filter((r) => r.round <= giveaway.winners),
        deps.publicBaseUrl,
      ),
    );
  for (const round of rounds) {
    const lapsed = rounds.find((r) => r.round === round.replaces);
    if (lapsed && round.postMessageId && round.state !== 'waiting') await edit(round.postMessageId, redrawPost(giveaway, lapsed, round));
  }
}
