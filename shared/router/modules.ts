/**
 * @module modules
 * Every module's routes, in the order `/c500 help` lists them and Discord shows them. The one
 * list a new module is added to.
 */
import type { ModuleRoutes } from '../discord';
import type { TopicName } from '../registry';
import { guildRoutes } from '../guild';
import { onboardingRoutes } from '../onboarding';
import { marketplaceRoutes } from '../marketplace';
import { liveRoutes } from '../live';
import { auctionRoutes } from '../auctions';
import { showRoutes } from '../shows';
import { raceRoutes } from '../races';

export const modules = [guildRoutes, onboardingRoutes, marketplaceRoutes, liveRoutes, auctionRoutes, showRoutes, raceRoutes] as const;

type JobOf<R> = R extends ModuleRoutes<infer Jobs> ? keyof Jobs & string : never;

/** Every deferred job the modules run. */
export type CommandJobName = JobOf<(typeof modules)[number]>;

/** The topic that carries each job. */
export const jobTopics = Object.fromEntries(modules.flatMap((m) => Object.entries(m.jobs))) as Record<CommandJobName, TopicName>;
export const commandJobs = Object.keys(jobTopics) as CommandJobName[];
