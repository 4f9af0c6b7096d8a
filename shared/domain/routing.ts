/**
 * @module routing
 * Decides, from the interaction alone, whether the ingress answers in the request or
 * defers and hands the work to a subscriber. Pure, so the ingress stays fast and the
 * decision is testable without HTTP.
 */
import type { DiscordMessage } from '../ports';
import type { TopicName } from '../registry';
import { commandPaths } from './commands';
import { EPHEMERAL, InteractionType, ResponseType, commandCall, isGuildAdmin, type Interaction } from './interaction';
import { helpMessage, refusals } from './messages';

export interface InteractionResponse {
  type: number;
  data?: DiscordMessage & { choices?: unknown[] };
}

/** The deferred work a subscriber does; the name picks the use case. */
export const commandJobs = ['configure-guild', 'show-profile'] as const;
export type CommandJobName = (typeof commandJobs)[number];

export interface CommandJob {
  job: CommandJobName;
  interaction: Interaction;
}

export type Route =
  | { kind: 'reply'; response: InteractionResponse }
  | { kind: 'defer'; ephemeral: boolean; topic: TopicName; job: CommandJobName };

const reply = (message: DiscordMessage): Route => ({ kind: 'reply', response: { type: ResponseType.Message, data: message } });
const deferPrivately = (job: CommandJobName): Route => ({ kind: 'defer', ephemeral: true, topic: 'discord-commands', job });

export function routeInteraction(interaction: Interaction): Route {
  switch (interaction.type) {
    case InteractionType.Ping:
      return { kind: 'reply', response: { type: ResponseType.Pong } };
    case InteractionType.Command:
      return routeCommand(interaction);
    case InteractionType.Autocomplete:
      return { kind: 'reply', response: { type: ResponseType.AutocompleteResult, data: { choices: [] } } };
    default:
      // Components and modals of later features land here until they have a route.
      return reply(refusals.staleComponent);
  }
}

function routeCommand(interaction: Interaction): Route {
  const { path, options } = commandCall(interaction);
  const name = `/${path.join(' ')}`;
  if (!interaction.guild_id) return reply(refusals.guildOnly);
  switch (name) {
    case '/c500 help':
      return reply(helpMessage());
    case '/c500 setup':
      // Checked here for an instant answer and again in the use case, which decides.
      if (!isGuildAdmin(interaction)) return reply(refusals.setupNeedsAdmin);
      if (typeof options.general !== 'string' || typeof options.marketplace !== 'string') return reply(refusals.setupNeedsChannels);
      return deferPrivately('configure-guild');
    case '/c500 profile':
      return deferPrivately('show-profile');
  }
  return reply(commandPaths().includes(name) ? refusals.notReadyYet(name) : refusals.unknownCommand(name));
}

/** The deferred answer Discord shows as "thinking…" until the subscriber edits it. */
export function deferredResponse(ephemeral: boolean): InteractionResponse {
  return ephemeral ? { type: ResponseType.DeferredMessage, data: { flags: EPHEMERAL } } : { type: ResponseType.DeferredMessage };
}
