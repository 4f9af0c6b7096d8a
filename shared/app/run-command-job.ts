/**
 * @module run-command-job
 * The subscriber side of a deferred command: run the use case once per interaction and
 * edit the "thinking…" response with its answer.
 */
import type { Clock, DiscordMessage, DiscordMessenger, DocumentStore } from '../ports';
import { commandJobs, type CommandJob, type CommandJobName } from '../domain/routing';
import { parseInteraction, type Interaction } from '../domain/interaction';
import { PoisonMessage } from '../errors';
import { configureGuild } from './configure-guild';
import { showProfile } from './show-profile';
import { runOnce } from './run-once';

export interface CommandJobDeps {
  store: DocumentStore;
  discord: DiscordMessenger;
  clock: Clock;
}

const useCases: Record<CommandJobName, (deps: CommandJobDeps, interaction: Interaction) => Promise<DiscordMessage>> = {
  'configure-guild': configureGuild,
  'show-profile': showProfile,
};

export function parseCommandJob(payload: unknown): CommandJob {
  const p = payload as Partial<CommandJob> | null;
  const interaction = parseInteraction(p?.interaction);
  if (!p || !commandJobs.includes(p.job as CommandJobName) || !interaction) throw new PoisonMessage('not a command job');
  return { job: p.job as CommandJobName, interaction };
}

/** Answers true when this delivery did the work, false for a repeat. */
export async function runCommandJob(deps: CommandJobDeps, job: CommandJob): Promise<boolean> {
  return runOnce(
    deps.store,
    `interaction:${job.interaction.id}`,
    async () => {
      const answer = await useCases[job.job](deps, job.interaction);
      await deps.discord.editOriginalResponse(job.interaction.token, answer);
    },
    { clock: deps.clock },
  );
}
