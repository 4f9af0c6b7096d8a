/**
 * @module interaction
 * The parts of a Discord interaction the product reads, and pure helpers over them.
 */
import { Permission } from '../../router/command-surface';
import { interactionProblem } from './interaction-shape';

export const InteractionType = { Ping: 1, Command: 2, Component: 3, Autocomplete: 4, ModalSubmit: 5 } as const;

export const ResponseType = {
  Pong: 1,
  Message: 4,
  DeferredMessage: 5,
  DeferredUpdate: 6,
  UpdateMessage: 7,
  AutocompleteResult: 8,
  Modal: 9,
} as const;

/** Only the person who ran the command sees the message. */
export const EPHEMERAL = 64;

export interface DiscordUser {
  id: string;
  username: string;
  global_name?: string | null;
}

export interface CommandOptionValue {
  name: string;
  type: number;
  value?: string | number | boolean;
  options?: CommandOptionValue[];
}

export interface Interaction {
  id: string;
  type: number;
  token: string;
  application_id: string;
  guild_id?: string;
  channel_id?: string;
  /** `roles`: the member's role ids, which a guild's race host role is checked against. */
  member?: { user: DiscordUser; permissions: string; roles?: string[] };
  user?: DiscordUser;
  data?: {
    name?: string;
    options?: CommandOptionValue[];
    custom_id?: string;
    component_type?: number;
    values?: string[];
    components?: unknown[];
    resolved?: unknown;
  };
}

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
