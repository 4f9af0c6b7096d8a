/**
 * @module discord
 * What every module's Discord side shares: interactions as Discord sends them, command
 * options, routes (`ModuleRoutes`), answers and their limits, and DMs told once.
 *
 * This file is the module's only public face: other modules, the router and the functions
 * import from here, never from its folders.
 */
export {
  type CommandDefinition,
  type CommandOption,
  type HelpLine,
  Permission,
  commandCharacters,
  commandLimits,
  group,
  num,
  postableChannelTypes,
  str,
  sub,
  widestOptionLevel,
} from './rules/command-options';
export { canPingEveryone, clip, discordLimitProblems, discordLimits, editSpacingMs, fitToDiscord } from './rules/discord-limits';
export { OptionType, readInteraction } from './rules/interaction-shape';
export { interactionTokenLifetimeMs, replyFromHandle, replyHandle } from './rules/interaction-token';
export { EPHEMERAL } from './rules/interaction-types';
export { modalValues } from './rules/modal-values';
export { type Interaction, InteractionType, ResponseType, type Place, commandCall, invoker, isGuildAdmin, placeOf } from './rules/interaction';
export { colors, dmNote, personMention, privateNote, refusals } from './rules/messages';
export {
  type CommandJob,
  type CommandRoute,
  type InteractionResponse,
  type ModuleRoutes,
  type Route,
  type RouteContext,
  deferPrivately,
  deferredResponse,
  moduleRoutes,
  reply,
  replyWithModal,
} from './rules/routes';

// Use cases load on their first call: the Discord ingress, which only routes, never loads them.
export { type LastEdit } from './use-cases/throttled-edit';
export { type ChannelFallback, type Fallback } from './use-cases/direct-messages';
export { type CommandUseCase, type CommandUseCases, type JobUseCases } from './use-cases/run-command-job';
import type * as DirectMessages from './use-cases/direct-messages';
import type * as InteractionAnswers from './use-cases/interaction-answers';
import type * as ThrottledEdit from './use-cases/throttled-edit';
import type * as RunCommandJob from './use-cases/run-command-job';
const directMessages = () => require('./use-cases/direct-messages') as typeof DirectMessages;
const commandJobs = () => require('./use-cases/run-command-job') as typeof RunCommandJob;
export const sendDmIfOpen: typeof DirectMessages.sendDmIfOpen = (...args) => directMessages().sendDmIfOpen(...args);
export const sendDmOrMention: typeof DirectMessages.sendDmOrMention = (...args) => directMessages().sendDmOrMention(...args);
export const tellOnce: typeof DirectMessages.tellOnce = (...args) => directMessages().tellOnce(...args);
export const editAnswer: typeof InteractionAnswers.editAnswer = (...args) =>
  (require('./use-cases/interaction-answers') as typeof InteractionAnswers).editAnswer(...args);
export const editAtMostEverySecond: typeof ThrottledEdit.editAtMostEverySecond = (...args) =>
  (require('./use-cases/throttled-edit') as typeof ThrottledEdit).editAtMostEverySecond(...args);
/** Loads reading command jobs and editing their answers with an instance whose every message does both (the bid subscriber). */
export const loadCommandJobs = (): void => {
  commandJobs();
  require('./use-cases/interaction-answers');
};
export const parseCommandJob: typeof RunCommandJob.parseCommandJob = (...args) => commandJobs().parseCommandJob(...args);
export const runCommandJob: typeof RunCommandJob.runCommandJob = (...args) => commandJobs().runCommandJob(...args);
