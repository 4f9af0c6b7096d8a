/**
 * @module route-interaction
 * Decides, from the interaction alone, whether the ingress answers in the request or
 * defers and hands the work to a subscriber: each module says so for its own commands,
 * buttons and modals (its routes); this only finds the module. Pure, so the ingress stays
 * fast and the decision is testable without HTTP.
 */
import {
  commandCall,
  InteractionType,
  ResponseType,
  type Interaction,
  colors,
  refusals,
  EPHEMERAL,
  deferPrivately,
  reply,
  replyWithModal,
  type CommandRoute,
  type Route,
  type RouteContext,
} from '../discord';
import type { TopicName } from '../registry';
import type { DiscordMessage } from '../ports';
import { helpLines } from './command-surface';
import { modules } from './modules';

export type { CommandJob, InteractionResponse, Route, RouteContext } from '../discord';
export { deferredResponse } from '../discord';
export { commandJobs, jobTopics, type CommandJobName } from './modules';

const commandRoutes = new Map<string, CommandRoute>(modules.flatMap((m) => Object.entries(m.routes ?? {})));
const modalJobs = new Map(modules.flatMap((m) => Object.entries(m.modals ?? {}).map(([customId, job]) => [customId, { module: m, job }] as const)));

export function routeInteraction(interaction: Interaction, context: RouteContext): Route {
  switch (interaction.type) {
    case InteractionType.Ping:
      return { kind: 'reply', response: { type: ResponseType.Pong } };
    case InteractionType.Command:
      return routeCommand(interaction, context);
    case InteractionType.Autocomplete:
      return { kind: 'reply', response: { type: ResponseType.AutocompleteResult, data: { choices: [] } } };
    case InteractionType.ModalSubmit: {
      const modal = modalJobs.get(interaction.data?.custom_id ?? '');
      return modal ? deferred(modal.module.jobs, modal.job) : reply(refusals.staleComponent);
    }
    case InteractionType.Component:
      return routeButton(interaction.data?.custom_id ?? '');
    default:
      return reply(refusals.staleComponent);
  }
}

function routeButton(customId: string): Route {
  for (const m of modules) {
    const modal = 'buttonModal' in m ? m.buttonModal?.(customId) : undefined;
    if (modal) return replyWithModal(modal);
    const job = m.button?.(customId);
    if (job) return deferred(m.jobs, job);
  }
  return reply(refusals.staleComponent);
}

function routeCommand(interaction: Interaction, context: RouteContext): Route {
  const name = `/${commandCall(interaction).path.join(' ')}`;
  if (!interaction.guild_id) return reply(refusals.guildOnly);
  if (name === '/c500 help') return reply(helpMessage());
  const route = commandRoutes.get(name);
  return route ? route(interaction, context) : reply(refusals.unknownCommand(name));
}

function deferred(jobs: Readonly<Record<string, TopicName>>, job: string): Route {
  return deferPrivately(jobs, job);
}

export function helpMessage(): DiscordMessage {
  const lines = helpLines.map((l) => `**\`${l.usage}\`**\n${l.what}`);
  return {
    flags: EPHEMERAL,
    embeds: [
      {
        title: 'C500 Collective: commands',
        description: lines.join('\n\n'),
        color: colors.peach,
        footer: { text: 'Buy drops, watch builders work live, bid in auctions, race for a share of the merch.' },
      },
    ],
  };
}
