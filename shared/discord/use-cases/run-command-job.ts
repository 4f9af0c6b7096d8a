/**
 * @module run-command-job
 * The subscriber side of a deferred command: run the use case once per interaction and
 * edit the "thinking…" response with its answer. Each subscriber hands in the table of
 * use cases its topic carries, with the adapters those use cases need.
 */
import type { Clock, DiscordMessage, DiscordMessenger, DocumentStore } from '../../ports';
import type { CommandJob, ModuleRoutes } from '../rules/routes';
import { parseInteraction, type Interaction } from '../rules/interaction';
import { PoisonMessage } from '../../errors';
import { editAnswer } from './interaction-answers';
import { runOnce } from '../../common';
import { log } from '../../log';

export interface CommandJobDeps {
  store: DocumentStore;
  discord: DiscordMessenger;
  clock: Clock;
}

export type CommandUseCase<D> = (deps: D, interaction: Interaction) => Promise<DiscordMessage>;
/**
 * A module's use case for each deferred job it routes, but those in `ServedElsewhere` (a
 * job whose subscriber has no command table, as a bid's). A job routed without a use case,
 * or a use case for a job the module does not route, does not compile.
 */
export type JobUseCases<R extends Pick<ModuleRoutes, 'jobs'>, ServedElsewhere extends string = never> = {
  readonly [Job in Exclude<keyof R['jobs'] & string, ServedElsewhere>]: CommandUseCase<never>;
};
/** The use case of each job a subscriber's topic carries (the router's tables, from what the modules export). */
export type CommandUseCases<D> = Readonly<Partial<Record<string, CommandUseCase<D>>>>;

export function parseCommandJob(payload: unknown): CommandJob {
  const p = payload as Partial<CommandJob> | null;
  const interaction = parseInteraction(p?.interaction);
  if (!p || typeof p.job !== 'string' || !/^[a-z-]{1,40}$/.test(p.job) || !interaction) throw new PoisonMessage('not a command job');
  return { job: p.job, interaction };
}

/** Answers true when this delivery did the work, false for a repeat. */
export async function runCommandJob<D extends CommandJobDeps>(deps: D, job: CommandJob, useCases: CommandUseCases<D>): Promise<boolean> {
  const useCase = Object.hasOwn(useCases, job.job) ? useCases[job.job] : undefined;
  if (!useCase) throw new PoisonMessage(`${job.job} is not served by this subscriber`);
  return runOnce(
    deps.store,
    `interaction:${job.interaction.id}`,
    async () => {
      const answer = await useCase(deps, job.interaction);
      // Every command defers privately: an answer whose token expired (a redelivery long
      // after the command) cannot be shown to that one person, and a channel post would
      // show it to everyone. The work is done; the answer is let go.
      if ((await editAnswer(deps, job.interaction, answer)) === 'expired')
        log.warn('an answer was not shown: its interaction token had expired', { interactionId: job.interaction.id, job: job.job });
    },
    { clock: deps.clock },
  );
}
