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
/** The commands about the person rather than a server (`/c500 privacy`): answered in the bot's DMs too. */
const outsideServers = new Set<string>(['/c500 help', ...modules.flatMap((m) => m.outsideServers ?? [])]);
const modalJobs = new Map(modules.flatMap((m) => Object.entries(m.modals ?? {}).map(([customId, job]) => [customId, { module: m, job }] as const)));

export function routeInteraction(interaction: Interaction, context: RouteContext): Route {
  switch (interaction.type) {
    case InteractionType.Ping:
      return { kind: 'reply', response: { type: ResponseType.Pong } };
    case InteractionType.Command:
      return routeCommand(interaction, context);
    case InteractionType.Autocomplete:
      return { kind: 'reply', response: { type: ResponseType.AutocompleteResult, data: { choices: [] } } };
    case InteractionType.ModalSubmit:
      return routeModal(interaction.data?.custom_id ?? '');
    case InteractionType.Component:
      return routeButton(interaction.data?.custom_id ?? '');
    default:
      return reply(refusals.staleComponent);
  }
}

function routeModal(customId: string): Route {
  const modal = modalJobs.get(customId);
  if (modal) return deferred(modal.module.jobs, modal.job);
  for (const m of modules) {
    const job = m.modal?.(customId);
    if (job) return deferred(m.jobs, job);
  }
  return reply(refusals.staleComponent);
}

function routeButton(customId: string): Route {
  for (const m of modules) {
    const form = m.buttonModal?.(customId);
    if (form) return replyWithModal(form);
  }
  for (const m of modules) {
    const job = m.button?.(customId);
    if (job)
      return deferred(
        m.jobs,
        job,
        m.updatesMessage?.some((j: string) => j === job),
      );
  }
  return reply(refusals.staleComponent);
}

function routeCommand(interaction: Interaction, context: RouteContext): Route {
  const name = `/${commandCall(interaction).path.join(' ')}`;
  if (!interaction.guild_id && !outsideServers.has(name)) return reply(refusals.guildOnly);
  if (name === '/c500 help') return reply(helpMessage());
  const route = commandRoutes.get(name);
  return route ? route(interaction, context) : reply(refusals.unknownCommand(name));
}

function deferred(jobs: Readonly<Record<string, TopicName>>, job: string, updatesMessage = false): Route {
  const route = deferPrivately(jobs, job);
  return updatesMessage && route.kind === 'defer' ? { ...route, updatesMessage: true } : route;
}

/**
 * A command's usage as `/c500 help` shows it: its optional options folded into one `[…]`, since
 * Discord lists each with its description as the command is typed, and every command must fit
 * one answer (Discord's 6,000 characters across its embeds). docs/reference/commands.md keeps them whole.
 * @example helpUsage('/bid amount:<n> [max:<n>]') // '/bid amount:<n> […]'
 */
export function helpUsage(usage: string): string {
  const required = usage.replace(/\s*\[[^\]]*\]/g, '');
  return required === usage ? usage : `${required} […]`;
}

export function helpMessage(): DiscordMessage {
  const lines = helpLines.map((l) => `**\`${helpUsage(l.usage)}\`**\n${l.what}`);
  // Every command no longer fits one embed's 4,096 characters: the list runs on in the next embed, in the same order.
  const parts: string[][] = [[]];
  for (const line of lines) {
    const part = parts[parts.length - 1] as string[];
    if (part.length > 0 && [...part, line].join('\n\n').length > helpDescriptionLimit) parts.push([line]);
    else part.push(line);
  }
  return {
    flags: EPHEMERAL,
    embeds: parts.map((part, i) => ({
      title: i === 0 ? 'C500 Collective: commands' : 'C500 Collective: commands (continued)',
      description: part.join('\n\n'),
      color: colors.peach,
      ...(i === parts.length - 1 ? { footer: { text: 'Buy drops, watch builders work live, bid in auctions, race for a share of the merch.' } } : {}),
    })),
  };
}

/** Discord's limit on an embed's description. */
const helpDescriptionLimit = 4_096;
