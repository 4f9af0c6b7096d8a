/**
 * @module answer-callback
 * The `discordOauthCallback` function's answer: back to the dashboard page the person was
 * going to, signed in, or a page saying why not and how to start again. A replayed or
 * foreign callback link signs nobody in.
 */
import { messagePage } from '../rules/pages/layout';
import { finishSignIn, type CallbackQuery, type SignInRefusal } from './sign-in';
import type { DashboardDeps } from './dashboard-deps';
import type { DashboardAnswer } from './answer-dashboard';

const refusals: Record<SignInRefusal, { status: number; heading: string; line: string }> = {
  denied: { status: 403, heading: 'Sign-in cancelled', line: 'Discord says you cancelled. Nothing was shared with C500.' },
  forged: { status: 400, heading: 'This sign-in link is not ours', line: 'The link was changed on the way. Start again from the dashboard.' },
  expired: { status: 400, heading: 'This sign-in link has expired', line: 'Sign-in links last 10 minutes. Start again from the dashboard.' },
  'other-browser': {
    status: 403,
    heading: 'Start from this browser',
    line: 'This sign-in was started in another browser, or this one forgot it. Open the dashboard here and sign in.',
  },
  replayed: { status: 400, heading: 'This sign-in link was already used', line: 'Each sign-in link works once. Start again from the dashboard.' },
  'missing-code': { status: 400, heading: 'Discord sent no code', line: 'Start again from the dashboard.' },
  'code-refused': { status: 400, heading: 'Discord refused the sign-in', line: 'The code was used or expired. Start again from the dashboard.' },
  'discord-unavailable': { status: 502, heading: 'Discord did not answer', line: 'Try again in a moment.' },
};

export async function answerSignInCallback(deps: DashboardDeps, method: string, query: CallbackQuery, cookie: string | undefined): Promise<DashboardAnswer> {
  const headers = { 'cache-control': 'private, no-store', 'referrer-policy': 'no-referrer', 'x-content-type-options': 'nosniff' };
  // GET only: a HEAD (a link preview) must not spend the code or the state.
  if (method !== 'GET') return { status: 405, body: 'use GET', contentType: 'text/plain; charset=utf-8', headers: { ...headers, allow: 'GET' } };
  const outcome = await finishSignIn(deps, query, cookie);
  if (outcome.ok)
    return {
      status: 303,
      body: '',
      contentType: 'text/plain; charset=utf-8',
      headers: { ...headers, location: outcome.location, 'set-cookie': outcome.setCookie },
    };
  const { status, heading, line } = refusals[outcome.reason];
  const page = messagePage({ title: heading, section: 'overview' }, heading, [line], { href: '/dashboard', label: 'Open the dashboard' });
  return { status, body: page, contentType: 'text/html; charset=utf-8', headers };
}

/** Picks the callback's parameters out of a parsed query string (repeats: the first wins). */
export function readCallbackQuery(query: unknown): CallbackQuery {
  const q = (typeof query === 'object' && query !== null ? query : {}) as Record<string, unknown>;
  const pick = (name: string): string | undefined => {
    const value = Array.isArray(q[name]) ? (q[name] as unknown[])[0] : q[name];
    return typeof value === 'string' && value !== '' && value.length < 4_000 ? value : undefined;
  };
  const picked = { code: pick('code'), state: pick('state'), error: pick('error') };
  return Object.fromEntries(Object.entries(picked).filter(([, v]) => v !== undefined));
}
