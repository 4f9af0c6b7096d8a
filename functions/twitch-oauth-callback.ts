/**
 * Twitch OAuth callback: the page Twitch sends a builder back to. Links the channel they
 * authorized to the Discord member named in the signed state and answers with a page.
 * `?start=<state>` is the link-twitch button's short link: on to Twitch's authorize page.
 */
import type { Platform } from '../shared/platform';
import { browserAnswer, httpFunction, type HttpAnswer } from '../shared/triggers/http-trigger';
import { linkTwitchChannel, readCallbackQuery, startTwitchLink, twitchLinkPage, twitchUnlinkPage, unlinkTwitchChannel } from '../shared/onboarding';
import { twitchLinkWiring } from '../shared/router/onboarding-wiring';

export function twitchOauthCallback(platform: Platform) {
  const wiring = twitchLinkWiring(platform);
  return httpFunction('twitchOauthCallback', async (req): Promise<HttpAnswer> => {
    // GET only: a HEAD (or a form POST) must not spend the code.
    if (req.method !== 'GET') return { status: 405, text: 'use GET', headers: { allow: 'GET' } };
    // `?start=`: the short link of the link-twitch button, on its way to Twitch.
    if (typeof req.query.start === 'string') return browserAnswer(startTwitchLink(wiring.start, req.query.start));
    const deps = wiring.deps();
    const undo = typeof req.query.undo === 'string' ? req.query.undo : undefined;
    const page = undo ? twitchUnlinkPage(await unlinkTwitchChannel(deps, undo)) : twitchLinkPage(await linkTwitchChannel(deps, readCallbackQuery(req.query)));
    return { status: page.status, text: page.html, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' } };
  });
}
