/**
 * GET /oauth/discord/callback: where Discord sends a person back after they agreed to sign
 * in to the dashboard. Checks the state bound to this browser, starts the session, answers.
 */
import type { Platform } from '../shared/platform';
import { httpFunction } from '../shared/triggers/http-trigger';
import { answerSignInCallback, readCallbackQuery } from '../shared/dashboard';
import { dashboardDeps } from '../shared/router/dashboard-wiring';

export function discordOauthCallback(platform: Platform) {
  const deps = dashboardDeps(platform);
  return httpFunction('discordOauthCallback', async (req) => {
    const answer = await answerSignInCallback(deps, req.method, readCallbackQuery(req.query), req.get('cookie'));
    return { status: answer.status, text: answer.body, headers: { 'content-type': answer.contentType, ...answer.headers } };
  });
}
