/**
 * @module interaction
 * The parts of a Discord interaction the product reads, and pure helpers over them.
 */
import { Permission } from './command-options';
import { interactionProblem } from './interaction-shape';
import type { DiscordUser, Interaction } from './interaction-types';

export { EPHEMERAL, InteractionType, ResponseType } from './interaction-types';
export type { CommandOptionValue, DiscordUser, Interaction } from './interaction-types';

/** A command flattened: `/c500 auction start item:x` -> path ['c500','auction','start'], options {item:'x'}. */
export interface CommandCall {
  path: string[];
  options: Record<string, string | number | boolean>;
}

/** The interaction when every field the product reads has the shape it relies on (see interaction-shape). */
export function parseInteraction(json: unknown): Interaction | undefined {
  return interactionProblem(json) === undefined ? (json as Interaction) : undefined;
}

export function invoker(interaction: Interaction): DiscordUser | undefined {
  return interaction.member?.user ?? interaction.user;
}

/** Who acted, in which server and which channel of it. */
export interface Place {
  user: DiscordUser;
  guildId: string;
  channelId: string;
}

/**
 * Where and by whom an interaction was made: what every use case checks before it acts on
 * anything, which belongs to a server and a channel. Undefined in a DM (or anything else
 * outside a server's channel), where use cases answer `refusals.guildOnly`.
 */
export function placeOf(interaction: Interaction): Place | undefined {
  const user = invoker(interaction);
  const { guild_id: guildId, channel_id: channelId } = interaction;
  return user && guildId && channelId ? { user, guildId, channelId } : undefined;
}

export function commandCall(interaction: Interaction): CommandCall {
  const path = interaction.data?.name ? [interaction.data.name] : [];
  const options: CommandCall['options'] = {};
  let level = interaction.data?.options ?? [];
  for (;;) {
    const nested = level.find((o) => o.type === 1 || o.type === 2);
    if (!nested) break;
    path.push(nested.name);
    level = nested.options ?? [];
  }
  for (const option of level) if (option.value !== undefined) options[option.name] = option.value;
  return { path, options };
}

/**
 * Admin is ADMINISTRATOR or MANAGE_GUILD in the permissions Discord computed for the
 * member in this channel. Anything unparsable counts as no permission at all.
 */
export function isGuildAdmin(interaction: Interaction): boolean {
  const raw = interaction.member?.permissions;
  if (raw === undefined || !/^\d+$/.test(raw)) return false;
  const bits = BigInt(raw);
  return (bits & Permission.Administrator) !== 0n || (bits & Permission.ManageGuild) !== 0n;
}
