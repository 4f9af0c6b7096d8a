/**
 * @module go-live
 * `/c500 live`: whatever the mode, the builder must be live on the Twitch channel they
 * authorized; offline (or a rerun) is refused and nothing changes. Then: a hangout post,
 * a drop hype with the role ping, proof of work on orders, each order on its own, or a
 * group buy's milestone proved once for all its orders (prove-group-buy).
 */
import type { Clock, DiscordMessage, DiscordMessenger, DocumentStore, Payments, TaskQueue, TwitchGateway } from '../../ports';
import { builderPath, streamUrl, type Builder, type TwitchLink } from '../../onboarding';
import { commandCall, type Interaction, refusals, placeOf } from '../../discord';
import { announced, dropHype, hangoutAnnouncement, liveRefusals, ordersVerified, type OrderOutcome } from '../rules/live-messages';
import { parseLiveMode } from '../rules/live-mode';
import { guildPath } from '../../guild';
import { confirmLive } from './confirm-live';
import { proveStep } from './prove-step';
import { makeProofMedia, type ProofMediaDeps } from './make-proof-media';
import { proveGroupBuy } from './prove-group-buy';
import type { ProofMedia } from '../rules/proof-media';

export interface GoLiveDeps {
  store: DocumentStore;
  discord: DiscordMessenger;
  payments: Payments;
  twitch: TwitchGateway;
  clock: Clock;
  tasks: TaskQueue;
  clipWait?: ProofMediaDeps['clipWait'];
}

export async function goLive(deps: GoLiveDeps, interaction: Interaction): Promise<DiscordMessage> {
  const place = placeOf(interaction);
  if (!place) return refusals.guildOnly;
  const { user, guildId } = place;
  const parsed = parseLiveMode(commandCall(interaction).options);
  if (!parsed.ok) return liveRefusals.invalid(parsed.reason);
  const builder = await deps.store.get(builderPath(user.id));
  if (!builder?.twitch) return liveRefusals.notLinked;
  const linked = builder as Builder & { twitch: TwitchLink };
  const live = await confirmLive(deps.twitch, linked);
  if (!live.ok) return live.refusal;
  const link = streamUrl(linked.twitch.login);

  const { mode } = parsed;
  if (mode.kind === 'orders') {
    const outcomes: OrderOutcome[] = [];
    // One clip for the whole command, made when the first order is proved (none when every order is refused).
    let media: Promise<ProofMedia> | undefined;
    const proofMedia = () => (media ??= makeProofMedia(deps, interaction.id, { broadcasterId: linked.twitch.userId, streamId: live.stream.streamId }));
    // One at a time: each order succeeds or fails on its own, and the summary keeps their order.
    const withMedia = { ...deps, proofMedia: { make: proofMedia, tasks: deps.tasks } };
    const { milestone } = mode;
    for (const orderId of mode.orderIds) outcomes.push(await proveStep(withMedia, linked, orderId, milestone, live.stream, interaction.id));
    return ordersVerified(outcomes, link);
  }
  if (mode.kind === 'groupbuy')
    return proveGroupBuy(deps, linked, { guildId, groupBuyId: mode.groupBuyId, milestone: mode.milestone, interactionId: interaction.id }, live.stream);
  const guild = await deps.store.get(guildPath(guildId));
  // A guild whose admins only ran `/race settings` has a document but no channels yet.
  if (!guild?.generalChannelId || !guild.marketplaceChannelId) return liveRefusals.guildNotSetUp;
  if (mode.kind === 'chat') {
    await deps.discord.postToChannel(guild.generalChannelId, hangoutAnnouncement(user.id, link));
    return announced(guild.generalChannelId, 'hangout');
  }
  await deps.discord.postToChannel(guild.marketplaceChannelId, dropHype(user.id, link, guild.dropRoleId));
  return announced(guild.marketplaceChannelId, 'drop');
}
