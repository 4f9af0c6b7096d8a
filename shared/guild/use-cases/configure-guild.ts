/**
 * @module configure-guild
 * `/c500 setup`: an admin chooses where C500 posts. The permission is decided here, not
 * only by the ingress, so no other path can store a guild's settings.
 */
import type { Clock, DiscordMessage, DocumentStore } from '../../ports';
import { commandCall, isGuildAdmin, type Interaction, refusals, placeOf } from '../../discord';
import { setupRefusal, setupSaved } from '../rules/guild-messages';
import { guildPath } from '../rules/guild';
import { deliveryWindow, deliveryWindowDays } from '../../orders';

export async function configureGuild(deps: { store: DocumentStore; clock: Clock }, interaction: Interaction): Promise<DiscordMessage> {
  const place = placeOf(interaction);
  if (!place) return refusals.guildOnly;
  const { user: admin, guildId } = place;
  if (!isGuildAdmin(interaction)) return setupRefusal('needs-admin');
  const { options } = commandCall(interaction);
  const general = options.general;
  const marketplace = options.marketplace;
  const dropRole = options['drop-role'];
  if (typeof general !== 'string' || typeof marketplace !== 'string') return setupRefusal('needs-channels');
  // Discord holds the option to its range, but a request's fields are input: anything else is refused, not stored.
  const windowDays = options['delivery-window'];
  const windowOk = typeof windowDays === 'number' && Number.isInteger(windowDays) && windowDays >= 0 && windowDays <= deliveryWindow.maxDays;
  if (windowDays !== undefined && !windowOk) return setupRefusal('bad-window');
  const settings = {
    generalChannelId: general,
    marketplaceChannelId: marketplace,
    // Running setup without a role clears it, as the confirmation says.
    dropRoleId: typeof dropRole === 'string' ? dropRole : null,
    configuredBy: admin.id,
    configuredAt: deps.clock.now().toISOString(),
    // Left out when not given: running setup for its channels keeps the window an admin set before.
    ...(typeof windowDays === 'number' ? { deliveryWindowDays: windowDays } : {}),
  };
  // Merge: later features keep other guild settings (rates, shops) in the same document.
  await deps.store.set(guildPath(guildId), settings, { merge: true });
  const stored = await deps.store.get(guildPath(guildId));
  return setupSaved(
    { generalChannelId: general, marketplaceChannelId: marketplace, dropRoleId: settings.dropRoleId ?? undefined },
    deliveryWindowDays(stored?.deliveryWindowDays),
  );
}
