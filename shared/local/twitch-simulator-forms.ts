/**
 * @module twitch-simulator-forms
 * The Twitch simulator's reading of what a browser or a test sends it (query strings, forms,
 * JSON), and the authorize page, which shows the scopes asked as Twitch's consent screen does.
 */
import { escapeHtml } from '../common';
import { localAuthorizePage } from './local-authorize-page';

export const twitchLogin = /^[a-z0-9_]{1,25}$/i;

/** What each scope lets C500 do, in the consent screen's words. */
const scopeWords: Record<string, string> = {
  'channel:bot': 'have its chat bot in your channel’s chat (to take bids and answer them)',
  'user:read:chat': 'read chat as this account',
  'user:write:chat': 'send chat messages as this account',
  'user:bot': 'appear in chat as a bot',
  'clips:edit': 'make clips of the streams you watch',
  'moderator:manage:chat_messages': 'delete messages in the chats you moderate',
};

/** A JSON object's fields as they are (arrays, booleans), or a form's as strings. */
export function bodyFields(body: unknown): Record<string, unknown> {
  if (Buffer.isBuffer(body) && body.toString('utf8').trim().startsWith('{')) {
    try {
      const parsed = JSON.parse(body.toString('utf8')) as unknown;
      if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
    } catch {
      return {};
    }
  }
  return formFields(body);
}

export function stringFields(source: unknown): Record<string, string> {
  if (typeof source !== 'object' || source === null || Buffer.isBuffer(source)) return {};
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(source)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (typeof first === 'string' && first !== '') out[key] = first;
  }
  return out;
}

/** A POSTed form or JSON object, from the raw bytes the runtime keeps. */
export function formFields(body: unknown): Record<string, string> {
  if (!Buffer.isBuffer(body) || body.length === 0) return stringFields(body);
  const text = body.toString('utf8').trim();
  if (text.startsWith('{')) {
    try {
      return stringFields(JSON.parse(text));
    } catch {
      return {};
    }
  }
  return Object.fromEntries([...new URLSearchParams(text)].filter(([, v]) => v !== ''));
}

export function parseRedirect(raw: string): URL | undefined {
  try {
    const url = new URL(raw);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

export function authorizeForm(p: Record<string, string>): string {
  const scopes = (p.scope ?? '').split(/[\s+]+/).filter(Boolean);
  const hint = p.login_hint && twitchLogin.test(p.login_hint) ? p.login_hint : undefined;
  const asked = scopes.length
    ? `<p>C500 asks to:</p>\n        <ul class="scopes">${scopes.map((s) => `<li><code>${escapeHtml(s)}</code> ${escapeHtml(scopeWords[s] ?? '')}</li>`).join('')}</ul>`
    : '<p class="scopes">Sign in only: C500 learns your Twitch name and id, nothing else.</p>';
  return localAuthorizePage({
    provider: 'Twitch',
    title: 'Authorize C500',
    heading: 'Authorize C500 on Twitch',
    lede: 'This is the local stand-in for Twitch. Type the Twitch login to sign in as.',
    action: '/_local/twitch/authorize',
    carried: ['state', 'redirect_uri', 'client_id', 'response_type', 'scope', 'force_verify'],
    params: p,
    above: asked,
    // Twitch shows the account this browser is signed in as; the stand-in has no such session, so it takes the login C500 expects.
    fields: `<p><label>Twitch login <input name="login" required pattern="[A-Za-z0-9_]{1,25}"${hint ? ` value="${escapeHtml(hint)}"` : ''} autofocus></label></p>
        <p><label>Twitch user id (optional) <input name="user_id" inputmode="numeric" pattern="[0-9]*"></label></p>`,
  });
}
