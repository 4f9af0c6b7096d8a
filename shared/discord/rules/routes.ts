/**
 * @module routes
 * What a module answers from Discord, declared once in the module: its commands (as Discord
 * registers them and as `/c500 help` lists them), how the ingress answers each command,
 * button and modal from the interaction alone (now, or deferred to a subscriber with a
 * job), and which topic carries each job. The router only combines what the modules
 * declare. Pure: the ingress reads it on the route Discord waits on.
 */
import type { DiscordMessage } from '../../ports';
import type { TopicName } from '../../registry';
import type { CommandDefinition, CommandOption, HelpLine } from './command-options';
import { fitToDiscord } from './discord-limits';
import { EPHEMERAL, ResponseType, type Interaction } from './interaction-types';

/** A modal Discord opens as the first answer. */
export interface ModalForm {
  custom_id: string;
  title: string;
  components: unknown[];
}

export interface InteractionResponse {
  type: number;
  data?: (DiscordMessage & { choices?: unknown[] }) | ModalForm;
}

/**
 * Answered in the request, or deferred ("thinking…") to the subscriber of `topic`, which runs
 * `job`. With `updatesMessage`, a button's answer replaces the message the button is on
 * (Discord's deferred update) instead of arriving as a new one.
 */
export type Route =
  { kind: 'reply'; response: InteractionResponse } | { kind: 'defer'; ephemeral: boolean; topic: TopicName; job: string; updatesMessage?: true };

/** What the ingress knows besides the interaction: amounts are read in the marketplace's currency. */
export interface RouteContext {
  currency: string;
}

/** How the ingress answers one command, from the interaction alone. */
export type CommandRoute = (interaction: Interaction, context: RouteContext) => Route;

/** A module's deferred jobs, each with the topic whose subscriber runs it. */
export type ModuleJobs = Readonly<Record<string, TopicName>>;

export interface ModuleRoutes<Jobs extends ModuleJobs = ModuleJobs> {
  /** Which topic's subscriber runs each deferred job (its use case is registered with the router). */
  jobs: Jobs;
  /** Sub-commands and groups the module adds to `/c500`, in the order `/c500 help` lists them. */
  c500?: readonly CommandOption[];
  /** Commands of its own (`/bid`, `/race`, `/wallet`). */
  commands?: readonly CommandDefinition[];
  help?: readonly HelpLine[];
  /** Each command path it answers (`/c500 auction start`), and how. */
  routes?: Readonly<Record<string, CommandRoute>>;
  /**
   * Of `routes`, those about the person rather than a server (`/c500 privacy`): answered in the
   * bot's DMs too. Every other command says it works inside a server.
   */
  outsideServers?: readonly string[];
  /** The job a button of the module runs, when its custom id is one of the module's. */
  button?: (customId: string) => (keyof Jobs & string) | undefined;
  /**
   * Of its buttons' jobs, those whose answer replaces the message the button is on, so a button
   * once used (or gone stale) does not stay there to press again (`privacy-erase`).
   */
  updatesMessage?: readonly (keyof Jobs & string)[];
  /** The job each of its modals runs, by the modal's custom id. */
  modals?: Readonly<Record<string, keyof Jobs & string>>;
  /** A button Discord answers with a modal at once (a modal can only be the first answer), when its custom id is one of the module's. */
  buttonModal?: (customId: string) => ModalForm | undefined;
  /** The job of a modal whose custom id carries what it is about (`gaddr:<giveaway>:<round>`), when it is one of the module's. */
  modal?: (customId: string) => (keyof Jobs & string) | undefined;
}

/** Declares a module's routes: its jobs are the keys of `jobs`, and its buttons and modals may name only those. */
export function moduleRoutes<const Jobs extends ModuleJobs>(routes: ModuleRoutes<Jobs>): ModuleRoutes<Jobs> {
  return routes;
}

export function reply(message: DiscordMessage): Route {
  return { kind: 'reply', response: { type: ResponseType.Message, data: fitToDiscord(message) } };
}

export function replyWithModal(modal: ModalForm): Route {
  return { kind: 'reply', response: { type: ResponseType.Modal, data: modal } };
}

/** Deferred privately: only the person sees "thinking…" and the answer the subscriber edits in. */
export function deferPrivately<Jobs extends ModuleJobs>(jobs: Jobs, job: keyof Jobs & string): Route {
  return { kind: 'defer', ephemeral: true, topic: jobs[job], job };
}

/** The deferred answer Discord shows as "thinking…" until the subscriber edits it; or, updating the button's message, nothing until then. */
export function deferredResponse(ephemeral: boolean, updatesMessage = false): InteractionResponse {
  if (updatesMessage) return { type: ResponseType.DeferredUpdate };
  return ephemeral ? { type: ResponseType.DeferredMessage, data: { flags: EPHEMERAL } } : { type: ResponseType.DeferredMessage };
}

/** The deferred work a subscriber does: the job picks the use case, and the interaction is its input. */
export interface CommandJob {
  job: string;
  interaction: Interaction;
}
