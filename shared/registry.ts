/**
 * @module registry
 * The one list of deployed functions, topics and queues. `functions/index.ts` exports
 * from it, the local runtime mounts it, and terraform mirrors it (a test holds the two
 * together). Keep this module free of runtime imports: ingress cold starts load it.
 */

export const topics = [
  {
    /** Slash commands and buttons that need the store or Discord REST: answered deferred. */
    name: 'discord-commands',
    deadLetterTopic: 'discord-commands-dead-letter',
    maxDeliveryAttempts: 5,
  },
] as const;

export type TopicName = (typeof topics)[number]['name'];

export const queues = [
  {
    /** Hammer drops, named from the auction id and its end-time version. */
    name: 'auction-close',
    maxAttempts: 10,
  },
] as const;

export type QueueName = (typeof queues)[number]['name'];

import type { SecretName } from './config';

interface FunctionBase {
  /** The Functions Framework target, also the Cloud Functions name in kebab-case. */
  name: string;
  /** File under `functions/` that exports a factory with the same name. */
  module: string;
  description: string;
  /** The only secrets terraform hands this function (least privilege). */
  secrets: readonly SecretName[];
  /** The only topics it may publish to: terraform grants exactly these, the local bus enforces them. */
  publishes: readonly TopicName[];
}

export interface HttpFunctionEntry extends FunctionBase {
  kind: 'http';
  route: string;
  /** Reached by anyone (signature checked in code) rather than only by our own services. */
  public: boolean;
}

export interface PubSubFunctionEntry extends FunctionBase {
  kind: 'pubsub';
  topic: TopicName;
  /** How many messages one instance works on at once (gen2 concurrency). */
  concurrency: number;
}

export interface TaskFunctionEntry extends FunctionBase {
  kind: 'task';
  route: string;
  queue: QueueName;
}

export type FunctionEntry = HttpFunctionEntry | PubSubFunctionEntry | TaskFunctionEntry;

export const functionRegistry: readonly FunctionEntry[] = [
  {
    name: 'discordInteractions',
    module: 'discord-interactions',
    kind: 'http',
    route: '/discord/interactions',
    public: true,
    secrets: ['DISCORD_PUBLIC_KEY'],
    publishes: ['discord-commands'],
    description: 'Discord interactions ingress: verify, answer or defer, publish',
  },
  {
    name: 'discordCommands',
    module: 'discord-commands',
    kind: 'pubsub',
    topic: 'discord-commands',
    concurrency: 20,
    secrets: ['DISCORD_APPLICATION_ID', 'DISCORD_BOT_TOKEN'],
    publishes: [],
    description: 'Deferred slash commands: setup, profile',
  },
];

/** `discordInteractions` -> `discord-interactions`, the deployed name. */
export function deployedName(entry: Pick<FunctionEntry, 'name'>): string {
  return entry.name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

export function subscriptionName(entry: PubSubFunctionEntry): string {
  return `${deployedName(entry)}-on-${entry.topic}`;
}

export function topicOf(name: TopicName): (typeof topics)[number] {
  const topic = topics.find((t) => t.name === name);
  if (!topic) throw new Error(`unknown topic ${name}`);
  return topic;
}

/** The deployed name of the task function that serves a route, for Cloud Tasks URLs. */
export function taskFunctionForRoute(route: string): string | undefined {
  const entry = functionRegistry.find((e) => e.kind === 'task' && e.route === route);
  return entry ? deployedName(entry) : undefined;
}
