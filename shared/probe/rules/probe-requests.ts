/**
 * @module probe-requests
 * The only two requests the synthetic probe may make, as interactions the ingress reads like
 * Discord's: a PING, and a press of the probe's own bid button in the probe's channel. Every
 * id in them is `probeId`, the smallest id an interaction's shape takes: a snowflake stamped
 * late January 2015, months before Discord launched, so no member's server, channel or user
 * can ever have it, nor the probe any of theirs.
 */
import { snowflakeAt } from '../../common';
import { InteractionType, type Interaction } from '../../discord';

/** The probe's server, channel, user and application: an id no Discord object has (see above). */
export const probeId = '10000000000000000';

/** The probe's bid button. An interaction Discord signed that carries it is refused. */
export const probeBidCustomId = 'c500-probe:bid';

/** The job the ingress publishes a probe bid as, on the auction-bids topic; the ingress publishes it for probe-signed requests alone. */
export const probeBidJob = 'probe-bid';

/** The amount the probe bids: never charged, since its channel never holds an auction. */
export const probeBidCents = 100;

export type ProbeRequest = 'ping' | 'bid';

/** A probe request, made at `atMs` (its id's snowflake time, as Discord stamps an interaction's). */
export function probeInteraction(request: ProbeRequest, atMs: number, sequence: number): Interaction {
  const base = { id: snowflakeAt(atMs, sequence), application_id: probeId, token: `c500-probe-${sequence}`, version: 1 };
  if (request === 'ping') return { ...base, type: InteractionType.Ping } as Interaction;
  return {
    ...base,
    type: InteractionType.Component,
    guild_id: probeId,
    channel_id: probeId,
    member: { user: { id: probeId, username: 'c500-probe' }, permissions: '0' },
    data: { custom_id: probeBidCustomId, component_type: 2 },
  } as Interaction;
}

/** What a probe-signed interaction asks for; anything else it asks is refused. */
export function probeRequestOf(interaction: Interaction): ProbeRequest | undefined {
  if (interaction.type === InteractionType.Ping) return 'ping';
  if (interaction.type === InteractionType.Component && isProbeBid(interaction)) return 'bid';
  return undefined;
}

/** The probe's own bid in the probe's own channel, whoever signed it. */
export function isProbeBid(interaction: Interaction): boolean {
  return interaction.data?.custom_id === probeBidCustomId && interaction.channel_id === probeId && interaction.guild_id === probeId;
}

/** Anything that claims to be the probe's: Discord's path refuses it, so only the probe's key reaches the probe's lot. */
export function claimsToBeProbe(interaction: Interaction): boolean {
  return interaction.data?.custom_id === probeBidCustomId || interaction.channel_id === probeId || interaction.guild_id === probeId;
}
