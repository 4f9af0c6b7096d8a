/**
 * @module create-show
 * `/c500 show create title:<text>`: a host sets up a show in the channel and its run sheet
 * is posted there. One show per channel until it ends; the channel's pointer and the show
 * are written in one transaction, so two hosts at once cannot both get the channel.
 */
import type { DiscordMessage } from '../../ports';
import { commandCall, type Interaction, refusals, placeOf } from '../../discord';
import { shortIdFrom, personName } from '../../common';
import { canHostShow, showChannelPath, showPath, type Show } from '../rules/show';
import { parseShowTitle } from '../rules/show-forms';
import { runSheet, showAnswers, showRefusals } from '../rules/show-messages';
import { loadShowSettings } from './show-settings';
import type { ShowDeps } from './show-deps';

export async function createShow(deps: ShowDeps, interaction: Interaction): Promise<DiscordMessage> {
  const place = placeOf(interaction);
  if (!place) return refusals.guildOnly;
  const { user: host, guildId, channelId } = place;
  const settings = await loadShowSettings(deps.store, guildId);
  if (!canHostShow(interaction, settings)) return showRefusals.notHost;
  const title = parseShowTitle(commandCall(interaction).options);
  if (!title.ok) return showRefusals.invalidTitle(title.problem);

  const showId = shortIdFrom(`show:${interaction.id}`);
  const made = await deps.store.runTransaction(async (tx): Promise<{ show: Show } | { taken: Show }> => {
    const own = await tx.get(showPath(showId));
    if (own) return { show: own };
    const pointer = await tx.get(showChannelPath(channelId));
    const other = pointer ? await tx.get(showPath(pointer.showId)) : undefined;
    if (other && other.status !== 'ended') return { taken: other };
    const show: Show = {
      showId,
      guildId,
      channelId,
      hostId: host.id,
      hostName: personName(host),
      title: title.title,
      currency: deps.marketplace.currency,
      status: 'planning',
      lots: [],
      gapSeconds: settings.gapSeconds,
      createdAt: deps.clock.now().toISOString(),
      step: 0,
    };
    tx.create(showPath(showId), show);
    tx.set(showChannelPath(channelId), { showId, guildId });
    return { show };
  });
  if ('taken' in made) return showRefusals.showExists(made.taken);
  let show = made.show;
  if (!show.messageId) {
    const { messageId } = await deps.discord.postToChannel(channelId, runSheet(show, [], settings.hostCutBps));
    await deps.store.update(showPath(showId), { messageId });
    show = { ...show, messageId };
  }
  return showAnswers.created(show, settings);
}
