/**
 * Where Twitch sends a broadcaster back after letting C500's bot into their chat
 * (`channel:bot`): turns chat bidding on for the member named in the signed state, when the
 * channel is theirs, tells them by DM and answers with a page. `?start=<state>` is the
 * consent button's short link: on to Twitch's consent page.
 */
import type { Platform } from '../shared/platform';
import { browserAnswer, httpFunction } from '../shared/triggers/http-trigger';
import { acceptChatConsent, consentPage, startChatConsent } from '../shared/chatbids';
import { readCallbackQuery } from '../shared/onboarding';
import { chatConsentWiring } from '../shared/router/twitch-wiring';

export function twitchChatCallback(platform: Platform) {
  const wiring = chatConsentWiring(platform);
  return httpFunction('twitchChatCallback', async (req) => {
    // GET only: a HEAD (or a form POST) must not spend the code.
    if (req.method !== 'GET') return { status: 405, text: 'use GET', headers: { allow: 'GET' } };
    // `?start=`: the short link of the chat-bidding consent button, on its way to Twitch.
    if (typeof req.query.start === 'string') {
      const started = startChatConsent(wiring.start, req.query.start);
      if (started.kind === 'to-twitch') return { status: 303, text: '', headers: { location: started.location, 'cache-control': 'no-store' } };
      return browserAnswer(consentPage(started.outcome));
    }
    return browserAnswer(consentPage(await acceptChatConsent(wiring.deps(), readCallbackQuery(req.query))));
  });
}
