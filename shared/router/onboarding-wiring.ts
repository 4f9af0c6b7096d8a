/**
 * @module onboarding-wiring
 * What a builder's Twitch link is handed: its secrets and app checked at cold start, the
 * store and Twitch made per request. Apart from twitch-wiring, so the callback loads
 * nothing of chat bidding.
 */
import { required } from '../config';
import type { Platform } from '../platform';
import { twitchAppOf, type linkTwitchChannel, type startTwitchLink } from '../onboarding';

/** A builder's Twitch link: the button's short link on to Twitch, and the callback that links (or unlinks) the channel. */
export function twitchLinkWiring(platform: Platform): {
  start: Parameters<typeof startTwitchLink>[0];
  deps: () => Parameters<typeof linkTwitchChannel>[0];
} {
  const { config } = platform;
  const stateKey = required(config, 'OAUTH_STATE_KEY');
  const eventSubSecret = required(config, 'TWITCH_EVENTSUB_SECRET');
  const twitchApp = twitchAppOf(config);
  return {
    start: { clock: platform.clock, twitchApp },
    deps: () => ({ store: platform.store(), twitch: platform.twitch(), clock: platform.clock, stateKey, eventSubSecret, publicBaseUrl: config.publicBaseUrl }),
  };
}
