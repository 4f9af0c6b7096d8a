/**
 * @module discord
 * What every module's Discord side shares: interactions as Discord sends them, command
 * options, routes (`ModuleRoutes`), answers and their limits, and DMs told once.
 *
 * This file is the module's only public face: other modules, the router and the functions
 * import from here, never from its folders.
 */
export { type CommandDefinition, type CommandOption, type HelpLine, Permission, group, num, postableChannelTypes, str, sub } from './rules/command-options';
export { clip, discordLimitProblems, discordLimits, fitToDiscord } from './rules/discord-limits';
export { OptionType, readInteraction } from './rules/interaction-shape';
export { interactionTokenLifetimeMs, replyFromHandle, replyHandle } from './rules/interaction-token';
export { EPHEMERAL } from './rules/interaction-types';
export { type Interaction, InteractionType, ResponseType, type Place, commandCall, invoker, isGuildAdmin, placeOf } from './rules/interaction';
export { colors, privateNote, refusals } from './rules/messages';
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
export { sendDmIfOpen, sendDmOrMention, tellOnce } from './use-cases/direct-messages';
export { editAnswer } from './use-cases/interaction-answers';
export { type LastEdit, editAtMostEverySecond, editSpacingMs } from './use-cases/throttled-edit';
export { type CommandUseCase, parseCommandJob, runCommandJob } from './use-cases/run-command-job';
