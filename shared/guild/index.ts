/**
 * @module guild
 * A server's settings (`/c500 setup`): its marketplace channel and currency, and typed views
 * of the guild document that races and shows keep their own settings in.
 *
 * This file is the module's only public face: other modules, the router and the functions
 * import from here, never from its folders.
 */
import type { JobUseCases } from '../discord';
import type { guildRoutes } from './routes';
export { botInviteUrl } from './rules/bot-invite';
export { guildDocPath, guildPath } from './rules/guild';

// Use cases load on their first call, so what only routes (the Discord ingress) never loads them.
import type * as ConfigureGuild from './use-cases/configure-guild';
export const configureGuild: typeof ConfigureGuild.configureGuild = (...args) =>
  (require('./use-cases/configure-guild') as typeof ConfigureGuild).configureGuild(...args);

/** The use case of each job `/c500 setup` defers to a subscriber; the router serves each on its job's topic. */
export const guildJobs = { 'configure-guild': configureGuild } satisfies JobUseCases<typeof guildRoutes>;
