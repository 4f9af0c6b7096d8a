/**
 * `/privacy/twitch`: a Twitch chatter's own data (what `!privacy` in chat links to). GET shows
 * it behind a Twitch sign-in, `?download=json` downloads it, POST erases it with the form's
 * token. Form bodies are read as the Functions Framework parses them (urlencoded).
 */
import type { Platform } from '../shared/platform';
import { browserAnswer, httpFunction } from '../shared/triggers/http-trigger';
import { answerChatterPrivacy } from '../shared/chatbids';
import { chatterPrivacyDeps } from '../shared/router/chat-page-wiring';

export function chatterPrivacy(platform: Platform) {
  const deps = chatterPrivacyDeps(platform);
  return httpFunction('chatterPrivacy', async (req) => {
    if (req.method !== 'GET' && req.method !== 'POST') return { status: 405, text: 'use GET or POST', headers: { allow: 'GET, POST' } };
    const body = (typeof req.body === 'object' && req.body !== null ? req.body : {}) as Record<string, unknown>;
    const answer = await answerChatterPrivacy(deps(), {
      method: req.method,
      download: req.query.download === 'json',
      cookies: req.headers.cookie,
      ...(typeof body.token === 'string' ? { token: body.token } : {}),
    });
    if ('json' in answer)
      return {
        status: answer.status,
        text: answer.json,
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'content-disposition': `attachment; filename="${answer.filename}"`,
          'cache-control': 'no-store',
        },
      };
    return browserAnswer(answer);
  });
}
