/**
 * @module command-jobs
 * Which use case answers each deferred command, per subscriber. Each module exports the use
 * case of every job it routes (its `…Jobs` table, checked against its routes when it
 * compiles); a topic's subscriber runs the jobs the modules route to that topic, and its
 * adapters must satisfy every one of their use cases. A command added to a module changes
 * nothing here.
 */
import type { CommandUseCases, Interaction } from '../discord';
import type { TopicName } from '../registry';
import { jobTopics, type CommandJobName, type Intersection, type JobTopics } from './modules';
import { guildJobs } from '../guild';
import { onboardingJobs } from '../onboarding';
import { marketplaceJobs } from '../marketplace';
import { liveJobs } from '../live';
import { auctionJobs } from '../auctions';
import { showJobs } from '../shows';
import { chatBidJobs } from '../chatbids';
import { raceJobs } from '../races';
import { disputeJobs } from '../disputes';
import { shippingJobs } from '../shipping';
import { queueJobs } from '../queue';
import { giveawayJobs } from '../giveaways';
import { groupBuyJobs } from '../groupbuys';
import { markActed, privacyJobs } from '../privacy';
import { invoker, type CommandUseCase } from '../discord';
import type { Clock, DocumentStore } from '../ports';

const useCases = {
  ...guildJobs,
  ...onboardingJobs,
  ...marketplaceJobs,
  ...liveJobs,
  ...auctionJobs,
  ...showJobs,
  ...chatBidJobs,
  ...raceJobs,
  ...disputeJobs,
  ...shippingJobs,
  ...queueJobs,
  ...giveawayJobs,
  ...groupBuyJobs,
  ...privacyJobs,
};
type UseCases = typeof useCases;

/**
 * Jobs published under an earlier name, still on their topic while a deploy lands: Pub/Sub
 * keeps a message for days, and the Discord ingress may publish the old name until its new
 * revision serves.
 */
const renamedJobs: Readonly<Record<string, CommandJobName>> = { 'show-profile': 'profile-view', 'show-wallet': 'wallet-view' };

type JobsOn<Topic extends TopicName> = { [Job in keyof UseCases]: JobTopics[Job] extends Topic ? Job : never }[keyof UseCases];
type DepsOf<UseCase> = UseCase extends (deps: infer Deps, interaction: Interaction) => unknown ? Deps : never;
/** What a topic's subscriber must hand in: every adapter and setting any of its jobs' use cases needs. */
export type CommandDepsOn<Topic extends TopicName> = Intersection<DepsOf<UseCases[JobsOn<Topic>]>>;

/** The use case of every job the modules route to `topic`, under its name and any earlier one. */
export function commandUseCasesOn<Topic extends TopicName>(topic: Topic): CommandUseCases<CommandDepsOn<Topic>> {
  const table: Record<string, CommandUseCase<never>> = {};
  for (const [job, useCase] of Object.entries(useCases) as [keyof UseCases, UseCases[keyof UseCases]][])
    if (jobTopics[job] === topic) table[job] = Object.hasOwn(privacyJobs, job) ? useCase : markingActed(useCase);
  for (const [oldName, job] of Object.entries(renamedJobs)) if (table[job]) table[oldName] = table[job];
  return table as CommandUseCases<CommandDepsOn<Topic>>;
}

/**
 * A job the person asked for, marked once it has done its work (privacy's `markActed`): should
 * they have erased in the last ten minutes, their next erasure searches again for what it wrote.
 * Privacy's own jobs (the summary, the asks, leaving a server) write nothing of the person's.
 */
function markingActed(useCase: CommandUseCase<never>): CommandUseCase<never> {
  let marking = markingOf.get(useCase);
  if (!marking) {
    marking = async (deps, interaction) => {
      const answer = await useCase(deps, interaction);
      await markActed(deps as { store: DocumentStore; clock: Clock }, invoker(interaction)?.id);
      return answer;
    };
    markingOf.set(useCase, marking);
  }
  return marking;
}
/** One marking use case per use case, whichever table asks: a job under its earlier name runs the very same. */
const markingOf = new Map<CommandUseCase<never>, CommandUseCase<never>>();
