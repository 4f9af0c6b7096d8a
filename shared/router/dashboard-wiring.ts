/**
 * @module dashboard-wiring
 * What the dashboard and its Discord sign-in are handed: the store, Discord's OAuth, Stripe
 * (made only when a builder asks for their Express login link), the clock and the settings.
 */
import { required } from '../config';
import type { Platform } from '../platform';
import type { DashboardDeps } from '../dashboard';
import { readSealKeys } from '../common';
import { releaseWaitingOrder } from '../live';
import { paymentDeps } from './payment-wiring';
import { erasureReach } from './erasure-wiring';

/** The deps as a deployed (or local) function makes them from its platform; fails at cold start when a secret is missing. */
export function dashboardDeps(platform: Platform): DashboardDeps {
  const { config } = platform;
  return {
    store: platform.store(),
    discord: platform.discordOAuth(),
    payments: () => platform.payments(),
    book: () => platform.auctionBook(),
    clock: platform.clock,
    // After an admin's "release anyway": made only then, with everything a release needs.
    releaseWaiting: async (orderId) => void (await releaseWaitingOrder(paymentDeps(platform), orderId)),
    // Your data's Erase: the member leaves every live auction's book at once, as from Discord.
    ...erasureReach(platform),
    settings: {
      publicBaseUrl: config.publicBaseUrl,
      discordAuthorizeUrl: config.discordAuthorizeUrl,
      clientId: required(config, 'DISCORD_APPLICATION_ID'),
      sessionKey: required(config, 'DASHBOARD_SESSION_KEY'),
      sealKeys: readSealKeys(required(config, 'TOKEN_SEAL_KEYS')),
      sessionMinutes: config.dashboard.sessionMinutes,
      recheckMinutes: config.dashboard.recheckMinutes,
      secureCookies: config.dashboard.secureCookies,
      localSignIn: config.runtime === 'local',
      currency: config.marketplace.currency,
    },
  };
}
