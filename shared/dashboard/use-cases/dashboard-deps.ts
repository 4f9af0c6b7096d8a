/**
 * @module dashboard-deps
 * What every dashboard use case is handed: the store, Discord's OAuth, Stripe (made only
 * when a builder asks for their Express login link), the clock and the settings.
 */
import type { AuctionBook, Clock, DiscordOAuth, DocumentStore, Payments } from '../../ports';
import type { SealKeys } from '../../common';

export interface DashboardSettings {
  /** Where people reach the dashboard; the OAuth redirect URI is under it. */
  publicBaseUrl: string;
  discordAuthorizeUrl: string;
  /** The Discord application id, which is its OAuth client id. */
  clientId: string;
  /** DASHBOARD_SESSION_KEY: signs cookies, states and CSRF tokens, seals Discord's token. */
  sessionKey: string;
  /** TOKEN_SEAL_KEYS: seal Discord's token before the session is stored. */
  sealKeys: SealKeys;
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
  /** The auction book's per-minute tally of answered bids, read by a server's show page (made only when it is asked for). */
  book?: () => Pick<AuctionBook, 'tallies'>;
  /** What a member's erasure does outside Firestore (the live auction books): see privacy's `eraseElsewhere`. */
  eraseElsewhere?: (identity: string, person: string) => Promise<number>;
  /** The live auctions whose book holds something of the member: see privacy's `liveHeld`. */
  liveHeld?: (memberId: string) => Promise<string[]>;
  /** What other stores keep of the member, a line each: see privacy's `keptElsewhere`. */
  keptElsewhere?: (memberId: string) => Promise<string[]>;
  /** The open group buys a member may leave before erasing, each with its post: see privacy's `leaveFirst`. */
  leaveFirst?: (memberId: string) => Promise<Array<{ title: string; postUrl: string }>>;
  clock: Clock;
  settings: DashboardSettings;
  /**
   * Sends what waited on a proved order (live's `releaseWaitingOrder`, keyed as every release):
   * after an admin's "release anyway". Absent where the dashboard cannot pay (then the next proof does).
   */
  releaseWaiting?: (orderId: string) => Promise<void>;
}
