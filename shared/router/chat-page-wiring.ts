/**
 * @module chat-page-wiring
 * What a chatter's pages are handed: the identity-only Twitch sign-in and a chat winner's
 * pay page. The key that signs the state and the cookies is checked at cold start; the
 * store and Twitch are made per request.
 */
import { required } from '../config';
import type { Platform } from '../platform';
import { chatterWebApp, type answerChatPay, type answerChatterSignIn, type ChatterPrivacyDeps } from '../chatbids';
import { erasureReach } from './erasure-wiring';

/** A chatter's identity-only sign-in, made per request. */
export function chatterSignInDeps(platform: Platform): () => Parameters<typeof answerChatterSignIn>[0] {
  const app = chatterWebApp(platform.config);
  return () => ({ store: platform.store(), twitch: platform.twitch(), clock: platform.clock, app });
}

/** A chat winner's pay page, made per request: it checks the chatter's signed session cookie and reads the order. */
export function chatPayDeps(platform: Platform): () => Parameters<typeof answerChatPay>[0] {
  const app = { stateKey: required(platform.config, 'OAUTH_STATE_KEY'), publicBaseUrl: platform.config.publicBaseUrl };
  return () => ({ store: platform.store(), clock: platform.clock, app });
}

/** A chatter's privacy page, made per request: their signed cookie, and an erasure that reaches what the Discord one does (the live books, Twitch). */
export function chatterPrivacyDeps(platform: Platform): () => ChatterPrivacyDeps {
  const app = { stateKey: required(platform.config, 'OAUTH_STATE_KEY'), publicBaseUrl: platform.config.publicBaseUrl };
  return () => ({ store: platform.store(), clock: platform.clock, app, ...erasureReach(platform) });
}
