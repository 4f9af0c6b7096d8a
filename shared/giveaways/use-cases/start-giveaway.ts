/**
 * @module start-giveaway
 * `/giveaway start prize:<text> duration:<…> [winners:<n>] [confirm-minutes:<n>]`: a
 * builder, show host or admin opens a giveaway in the channel. The seed is made and kept
 * apart, sealed under a key of ours (the store alone never holds it), its SHA-256 published
 * on the post, with the drand round the draw will also use: the first one published after
 * entry closes, so nobody knows it while an entry can be made. The draw is a named task at the end. Redelivered,
 * it finds its own giveaway (the id is the interaction's) and posts nothing twice.
 */
import type { Clock, DiscordMessage, DiscordMessenger, DocumentStore, RandomnessBeacon, TaskQueue } from '../../ports';
import { beaconRoundTimeMs, firstBeaconRoundFrom } from '../../ports';
import { commandCall, placeOf, refusals, type Interaction } from '../../discord';
import { personName, scheduleTask, sealSecret, type SealKeys } from '../../common';
import { builderPath } from '../../onboarding';
import { commitmentOf, newSeed, seedSealPurpose } from '../rules/draw';
import { giveawayChatPath, giveawayIdFrom, giveawayPath, giveawaySeedPath, giveawayTaskName, type Giveaway } from '../rules/giveaway';
import { readGiveawayForm } from '../rules/giveaway-form';
import { canSponsor, guildHostRolePath } from '../rules/eligibility';
import { giveawayAnswers, giveawayPost } from '../rules/giveaway-messages';

export interface StartGiveawayDeps {
  store: DocumentStore;
  discord: DiscordMessenger;
  clock: Clock;
  tasks: TaskQueue;
  publicBaseUrl: string;
  /** Seals the seed at rest (`TOKEN_SEAL_KEYS`): the draw opens it; nobody reading the store can. */
  sealKeys: SealKeys;
  /** The public randomness beacon (drand) whose round, named now, the draw takes its randomness from. */
  beacon: RandomnessBeacon;
}

/** The draw waits this long after the end, so an entry made just before it and delivered late still counts. */
export const drawSettleMs = 3_000;

export async function startGiveaway(deps: StartGiveawayDeps, interaction: Interaction): Promise<DiscordMessage> {
  const place = placeOf(interaction);
  if (!place) return refusals.guildOnly;
  const read = readGiveawayForm(commandCall(interaction).options);
  if (!read.ok) return giveawayAnswers.invalid(read.problem);
  const [builder, guild] = await Promise.all([deps.store.get(builderPath(place.user.id)), deps.store.get(guildHostRolePath(place.guildId))]);
  if (!canSponsor(interaction, builder, guild)) return giveawayAnswers.notAllowed;
  const giveawayId = giveawayIdFrom(interaction.id);
  const now = deps.clock.now();
  const seed = newSeed();
  const salt = newSeed();
  const endsAtMs = now.getTime() + read.form.durationSeconds * 1000;
  const chain = await deps.beacon.chain();
  // Entries are judged by Discord's (or Twitch's) signed time, so none counts from endsAt on; the round is out only after.
  const round = firstBeaconRoundFrom(chain, endsAtMs + drawSettleMs);
  const fresh: Giveaway = {
    giveawayId,
    guildId: place.guildId,
    channelId: place.channelId,
    sponsorId: place.user.id,
    sponsorName: personName(place.user),
    prize: read.form.prize,
    winners: read.form.winners,
    confirmMinutes: read.form.confirmMinutes,
    startedAt: now.toISOString(),
    endsAt: new Date(endsAtMs).toISOString(),
    commitment: commitmentOf(seed),
    scheme: 'beacon-bound',
    beacon: { chainHash: chain.chainHash, url: chain.url, round, at: new Date(beaconRoundTimeMs(chain, round)).toISOString() },
    status: 'open',
    byInteraction: interaction.id,
    ...(builder?.twitch ? { broadcasterId: builder.twitch.userId, broadcasterLogin: builder.twitch.login } : {}),
  };
  const giveaway = await deps.store.runTransaction(async (tx) => {
    const existing = await tx.get(giveawayPath(giveawayId));
    if (existing) return existing;
    tx.create(giveawaySeedPath(giveawayId), { sealedSeed: sealSecret(seed, seedSealPurpose(giveawayId), deps.sealKeys), salt });
    tx.create(giveawayPath(giveawayId), fresh);
    // The channel's latest giveaway is the one `!enter` in its chat enters.
    if (fresh.broadcasterId) tx.set(giveawayChatPath(fresh.broadcasterId), { giveawayId, guildId: fresh.guildId });
    return fresh;
  });
  const task = { giveawayId, round: 0 };
  await scheduleTask(deps.tasks, 'giveawayDraw', { name: giveawayTaskName(task), payload: task, atMs: Date.parse(giveaway.endsAt) + drawSettleMs });
  if (!giveaway.messageId) {
    const post = { ...giveawayPost(giveaway, deps.publicBaseUrl), nonce: `gw-${giveawayId}`, enforce_nonce: true };
    const { messageId } = await deps.discord.postToChannel(giveaway.channelId, post);
    await deps.store.update(giveawayPath(giveawayId), { messageId });
  }
  return giveawayAnswers.started(giveaway, deps.publicBaseUrl);
}
