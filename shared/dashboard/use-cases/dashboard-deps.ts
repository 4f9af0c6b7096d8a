/**
 * @module dashboard-deps
 * What every dashboard use case is handed: the store, Discord's OAuth, Stripe (made only
 * when a builder asks for their Express login link), the clock and the settings.
 */
import { required } from '../../config';
import type { Platform } from '../../platform';
import type { Clock, DiscordOAuth, DocumentStore, Payments } from '../../ports';

export interface DashboardSettings {
  /** Where people reach the dashboard; the OAuth redirect URI is under it. */
  publicBaseUrl: string;
  discordAuthorizeUrl: string;
  /** The Discord application id, which is its OAuth client id. */
  clientId: string;
  /** DASHBOARD_SESSION_KEY: signs cookies, states and CSRF tokens, seals Discord's token. */
  sessionKey: string;
  sessionMinutes: number;
  recheckMinutes: number;
  secureCookies: boolean;
  /** The local runtime only: `/dashboard?user_id=…` passes who to sign in as on to the local Discord's page. */
  localSignIn: boolean;
  /** The deployment's currency: what an empty chart is drawn in. */
  currency: string;
}

export interface DashboardDeps {
  store: DocumentStore;
  discord: DiscordOAuth;
  payments: () => Payments;
  clock: Clock;
  settings: DashboardSettings;
}

/** The deps as a deployed (or local) function makes them from its platform; fails at cold start when a secret is missing. */
export function dashboardDepsOf(platform: Platform): DashboardDeps {
  const { config } = platform;
  return {
    store: platform.store(),
    discord: platform.discordOAuth(),
    payments: () => platform.payments(),
    clock: platform.clock,
    settings: {
      publicBaseUrl: config.publicBaseUrl,
      discordAuthorizeUrl: config.discordAuthorizeUrl,
      clientId: required(config, 'DISCORD_APPLICATION_ID'),
      sessionKey: required(config, 'DASHBOARD_SESSION_KEY'),
      sessionMinutes: config.dashboard.sessionMinutes,
      recheckMinutes: config.dashboard.recheckMinutes,
      secureCookies: config.dashboard.secureCookies,
      localSignIn: config.runtime === 'local',
      currency: config.marketplace.currency,
    },
  };
}
