/**
 * @module modules
 * Every module's routes, in the order `/c500 help` lists them and Discord shows them. The one
 * list a new module is added to.
 */
import type { ModuleRoutes } from '../discord';
import type { TopicName } from '../registry';
import { guildRoutes } from '../guild/routes';
import { onboardingRoutes } from '../onboarding/routes';
import { marketplaceRoutes } from '../marketplace/routes';
import { liveRoutes } from '../live/routes';
import { auctionRoutes } from '../auctions/routes';
import { showRoutes } from '../shows/routes';
import { raceRoutes } from '../races/routes';
import { chatBidRoutes } from '../chatbids/routes';
import { disputeRoutes } from '../disputes/routes';
import { shippingRoutes } from '../shipping/routes';
import { queueRoutes } from '../queue/routes';
import { giveawayRoutes } from '../giveaways/routes';
import { groupBuyRoutes } from '../groupbuys/routes';
import { privacyRoutes } from '../privacy/routes';

export const modules = [
  guildRoutes,
  onboardingRoutes,
  marketplaceRoutes,
  queueRoutes,
  liveRoutes,
  auctionRoutes,
  showRoutes,
  chatBidRoutes,
  giveawayRoutes,
  groupBuyRoutes,
  raceRoutes,
  disputeRoutes,
  shippingRoutes,
  privacyRoutes,
] as const;

type JobOf<R> = R extends ModuleRoutes<infer Jobs> ? keyof Jobs & string : never;

/** Every deferred job the modules run. */
export type CommandJobName = JobOf<(typeof modules)[number]>;

type JobsOf<R> = R extends ModuleRoutes<infer Jobs> ? Jobs : never;
/** The intersection of a union's members: every module's jobs in one type, every job's deps in one. */
export type Intersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;
/** The topic that carries each job, as the modules name it. */
export type JobTopics = Intersection<JobsOf<(typeof modules)[number]>>;

/** The topic that carries each job. */
export const jobTopics = Object.fromEntries(modules.flatMap((m) => Object.entries(m.jobs))) as Record<CommandJobName, TopicName>;
export const commandJobs = Object.keys(jobTopics) as CommandJobName[];
