/**
 * `/privacy/twitch`: a Twitch chatter's own data (what `!privacy` in chat links to). GET shows
 * it behind a Twitch sign-in, `?download=json` downloads it, POST erases it with the form's
 * token, read from the raw urlencoded body.
 */
import type { Platform } from '../shared/platform';
import { browserAnswer, httpFunction, rawBodyOf } from '../shared/triggers/http-trigger';
import { answerChatterPrivacy } from '../shared/chatbids';
import { chatterPrivacyDeps } from '../shared/router/chat-page-wiring';

export function chatterPrivacy(platform: Platform) {
  const deps = chatterPrivacyDeps(platform);
  return httpFunction('chatterPrivacy', async (req) => {
    if (req.method !== 'GET' && req.method !== 'POST') return { status: 405, text: 'use GET or POST', headers: { allow: 'GET, POST' } };
    // The form as its raw bytes, as the dashboard reads its own: whatever the framework parsed (or did not), the same fields.
    const token = req.method === 'POST' ? (new URLSearchParams(rawBodyOf(req).toString('utf8')).get('token') ?? undefined) : undefined;
    const answer = await answerChatterPrivacy(deps(), {
      method: req.method,
      download: req.query.download === 'json',
      cookies: req.headers.cookie,
      ...(token ? { token } : {}),
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
