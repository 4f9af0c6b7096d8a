/**
 * GET /dashboard and every page under it (Hosting rewrites `/dashboard/**` here): the web
 * dashboard behind a Discord sign-in. Parses the request, calls one use case, answers.
 */
import type { Platform } from '../shared/platform';
import { httpFunction, rawBodyOf } from '../shared/triggers/http-trigger';
import { answerDashboard, dashboardHeaders, dashboardRequestOf } from '../shared/dashboard';
import { dashboardDeps } from '../shared/router/dashboard-wiring';

export function dashboard(platform: Platform) {
  const deps = dashboardDeps(platform);
  return httpFunction('dashboard', async (req) => {
    const request = dashboardRequestOf({
      method: req.method,
      path: req.path,
      query: req.query,
      cookie: req.get('cookie'),
      origin: req.get('origin'),
      contentType: req.get('content-type'),
      body: rawBodyOf(req),
    });
    const answer = await answerDashboard(deps, request);
    return { status: answer.status, text: answer.body, headers: { ...dashboardHeaders(), 'content-type': answer.contentType, ...answer.headers } };
  });
}
