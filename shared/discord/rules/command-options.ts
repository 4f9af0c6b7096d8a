/**
 * @module command-options
 * How a module describes its slash commands to Discord (what `npm run register-commands`
 * sends) and to people (`/c500 help`): the shapes and a few builders. Names and options
 * are a contract: people's habits and tests rely on them.
 */
import { OptionType } from './interaction-shape';

/** Text and announcement channels: where the bot can post. */
export const postableChannelTypes = [0, 5];

/** Discord permission bits the product checks. */
export const Permission = {
  Administrator: 1n << 3n,
  ManageGuild: 1n << 5n,
} as const;

export interface CommandOption {
  type: number;
  name: string;
  description: string;
  required?: boolean;
  options?: CommandOption[];
  channel_types?: number[];
  min_value?: number;
  max_value?: number;
  min_length?: number;
  max_length?: number;
  choices?: Array<{ name: string; value: string }>;
}

export interface CommandDefinition {
  name: string;
  description: string;
  options?: CommandOption[];
  /** Discord hides the command from members without these bits; the use case checks too. */
  default_member_permissions?: string;
  /** Guild only: every command belongs to a server's marketplace. */
  contexts: number[];
}

/** One line of `/c500 help`. */
export interface HelpLine {
  usage: string;
  what: string;
}

export const str = (name: string, description: string, required = true): CommandOption => ({ type: OptionType.String, name, description, required });
export const num = (name: string, description: string, required = true): CommandOption => ({ type: OptionType.Number, name, description, required });
export const sub = (name: string, description: string, options: CommandOption[] = []): CommandOption => ({
  type: OptionType.SubCommand,
  name,
  description,
  options,
});
export const group = (name: string, description: string, options: CommandOption[]): CommandOption => ({
  type: OptionType.SubCommandGroup,
  name,
  description,
  options,
});

/**
 * Discord's limits on one registered command: the characters of every name, description and
 * choice together, and the options at any one level (the command's, a group's, a subcommand's).
 * Discord refuses the whole registration past either.
 */
export const commandLimits = { characters: 8_000, optionsPerLevel: 25 } as const;

type Described = { name: string; description: string; options?: readonly CommandOption[]; choices?: ReadonlyArray<{ name: string; value: string }> };

/** What Discord counts against `commandLimits.characters`: the name and description of the command and of every option in it, and each choice's name and value. */
export function commandCharacters(command: Described): number {
  const choices = (command.choices ?? []).reduce((sum, c) => sum + c.name.length + c.value.length, 0);
  const options = (command.options ?? []).reduce((sum, o) => sum + commandCharacters(o), 0);
  return command.name.length + command.description.length + choices + options;
}

/** The most options at any one level of the command, against `commandLimits.optionsPerLevel`. */
export function widestOptionLevel(command: Described): number {
  const options = command.options ?? [];
  return Math.max(options.length, ...options.map(widestOptionLevel));
}
