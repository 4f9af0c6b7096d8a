/**
 * @module command-surface
 * The product's command surface, made of what each module declares: what `npm run
 * register-commands` sends to Discord, and what `/c500 help` lists. Names and options are a
 * contract (docs/architecture.md, the command surface): people's habits and tests rely on them.
 */
import { sub, type CommandDefinition, type CommandOption, type HelpLine, OptionType } from '../discord';
import { modules } from './modules';

export const commandDefinitions: CommandDefinition[] = [
  {
    name: 'c500',
    description: 'C500 Collective: drops, live proof of work, auctions',
    // 0: servers; 1: the bot's DMs, where `/c500 privacy` works (every other subcommand says it works inside a server).
    contexts: [0, 1],
    options: [sub('help', 'What every C500 command does'), ...modules.flatMap((m) => m.c500 ?? [])],
  },
  ...modules.flatMap((m) => m.commands ?? []),
];

/** The lines of `/c500 help`, in the order a newcomer meets them. */
export const helpLines: HelpLine[] = modules.flatMap((m) => m.help ?? []);

/** Every command path Discord can send us, such as `/c500 auction start` or `/wallet`. */
export function commandPaths(definitions: CommandDefinition[] = commandDefinitions): string[] {
  const paths: string[] = [];
  const walk = (prefix: string, options: readonly CommandOption[] | undefined): void => {
    const nested = (options ?? []).filter((o) => o.type === OptionType.SubCommand || o.type === OptionType.SubCommandGroup);
    if (nested.length === 0) paths.push(prefix);
    for (const o of nested) walk(`${prefix} ${o.name}`, o.options);
  };
  for (const d of definitions) walk(`/${d.name}`, d.options);
  return paths;
}
