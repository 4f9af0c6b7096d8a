/**
 * @module function-descriptions
 * What each topic carries and each function handles, made from the modules' route tables:
 * which job goes to which topic is read from the routes the router dispatches, never
 * written by hand in the registry, so the reference (docs/reference/functions.md) cannot
 * drift from what the functions really run.
 */
import type { FunctionEntry, TopicName } from '../registry';
import { commandJobs, jobTopics, type CommandJobName } from './modules';

/** The deferred jobs the modules route to a topic, in the modules' order. */
export function jobsOn(topic: TopicName): CommandJobName[] {
  return commandJobs.filter((job) => jobTopics[job] === topic);
}

/** The jobs a function runs: its topic's, for a subscriber; none for the others. */
export function jobsHandledBy(entry: FunctionEntry): CommandJobName[] {
  return entry.kind === 'pubsub' ? jobsOn(entry.topic) : [];
}

const codeList = (names: readonly string[]) => names.map((n) => `\`${n}\``).join(', ');

/** What the modules route to a topic, as a sentence; empty when they route nothing to it. */
export function jobsSentence(topic: TopicName): string {
  const jobs = jobsOn(topic);
  if (jobs.length === 0) return '';
  return `The modules route ${jobs.length === 1 ? 'one job' : `${jobs.length} jobs`} to \`${topic}\`: ${codeList(jobs)}.`;
}

/** A topic's meaning (the registry's comment above it), then the jobs the modules route to it. */
export function topicDescription(topic: TopicName, meaning: string): string {
  return [meaning, jobsSentence(topic)].filter(Boolean).join(' ');
}

/** A function's description: the registry's words, then, for a subscriber of commands, every job it runs. */
export function functionDescription(entry: FunctionEntry): string {
  const jobs = entry.kind === 'pubsub' ? jobsSentence(entry.topic) : '';
  return jobs ? `${entry.description}. ${jobs}` : entry.description;
}
