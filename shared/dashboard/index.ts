/**
 * @module dashboard
 * The web dashboard: Discord sign-in (OAuth2 code flow, state bound to the browser, a signed
 * short-lived session cookie, CSRF on every form), and the ledgers people can see behind
 * it: a builder's orders, earnings chart and Stripe link; a host's shows and cuts; a racer's
 * ledger and payouts; a guild admin's sales, balances, cuts owed by hand, overdue proofs,
 * strikes and bans, and blocked bidders; CSV exports of each.
 *
 * This file is the module's only public face: the functions and the local runtime import
 * from here, never from its folders.
 */
export { type DashboardRoute, dashboardHeaders, dashboardPaths, dashboardRequestOf, matchRoute } from './routes';
export { type CookieClaim, cookieOf, readCookieValue, sealCookieValue, sessionCookieName } from './rules/session-cookie';
export { discordAuthorizeLink, discordRedirectUri, discordScopes, localSignInHints, safeReturnTo, signInMinutes } from './rules/sign-in-state';
export { type AdminGuild, type DashboardSession, adminGuildsOf, dashboardSessionPath } from './rules/session';
export { csvOf } from './rules/csv';
export { earningsChartSvg, weeklyEarnings } from './rules/earnings-chart';
export { type DashboardDeps, type DashboardSettings } from './use-cases/dashboard-deps';
export { type DashboardAnswer, type DashboardRequest } from './use-cases/answer-dashboard';

// Use cases load on their first call: the local runtime's routes load only this face's rules.
import type * as AnswerCallback from './use-cases/answer-callback';
import type * as AnswerDashboard from './use-cases/answer-dashboard';
import type * as SweepSessions from './use-cases/sweep-sessions';
/** Expired sessions and used sign-in states deleted where no TTL policy does it (the local store, the emulator). */
export const sweepExpiredSessions: typeof SweepSessions.sweepExpiredSessions = (...args) =>
  (require('./use-cases/sweep-sessions') as typeof SweepSessions).sweepExpiredSessions(...args);
export const answerDashboard: typeof AnswerDashboard.answerDashboard = (...args) =>
  (require('./use-cases/answer-dashboard') as typeof AnswerDashboard).answerDashboard(...args);
export const answerSignInCallback: typeof AnswerCallback.answerSignInCallback = (...args) =>
  (require('./use-cases/answer-callback') as typeof AnswerCallback).answerSignInCallback(...args);
export const readCallbackQuery: typeof AnswerCallback.readCallbackQuery = (...args) =>
  (require('./use-cases/answer-callback') as typeof AnswerCallback).readCallbackQuery(...args);
