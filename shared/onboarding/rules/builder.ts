/**
 * @module builder
 * A builder: the Discord member who sells, their Stripe Connect account, the Twitch channel
 * they authorized, and what EventSub last told us about their stream.
 * Stored at `builders/<discord user id>`.
 */
import { collectionPath, docPath } from '../../ports';

export interface TwitchLink {
  userId: string;
  login: string;
  displayName: string;
  linkedAt: string;
}

export interface StreamEventSubscription {
  subscriptionIds: string[];
  subscribedAt: string;
  /** Set when Twitch revoked a subscription: live status is then unknown until relinked. */
  revokedAt?: string;
  revokedReason?: string;
}

/** What the last EventSub message said; `changedAt` is its timestamp, to drop older messages. */
export interface StreamStatus {
  status: 'live' | 'offline';
  /** Helix/EventSub stream type: only `live` proves work; `rerun` and `premiere` do not. */
  type?: string;
  streamId?: string;
  startedAt?: string;
  changedAt: string;
}

export interface Builder {
  discordUserId: string;
  displayName: string;
  stripeAccountId?: string;
  chargesEnabled?: boolean;
  payoutsEnabled?: boolean;
  /** Stripe's `transfers` capability is active: the builder can be paid (all separate charges and transfers need). */
  transfersActive?: boolean;
  /** Where the account is, as it was made; it never changes. */
  stripeCountry?: string;
  detailsSubmitted?: boolean;
  /** `created` of the Stripe event that set the status, so an older event never overwrites it. */
  stripeStatusAt?: number;
  /** The `account.updated` that made them able to sell: its redelivery tells them once more only if that first DM never went. */
  canSellSinceEvent?: string;
  /**
   * The builder revoked C500's access to this account (`account.application.deauthorized`):
   * nothing can be sent to it again, so they sell nothing and their releases wait until
   * `/c500 onboard` connects a new one.
   */
  revokedAccount?: { accountId: string; revokedAt: string; eventId: string };
  twitch?: TwitchLink;
  eventSub?: StreamEventSubscription;
  stream?: StreamStatus;
}

export const buildersCollection = collectionPath<Builder>('builders');
export const builderPath = (discordUserId: string) => docPath<Builder>(`${buildersCollection}/${discordUserId}`);

/** Which builder a Twitch broadcaster belongs to: `twitchChannels/<twitch user id>` -> `{ builderId }`. */
export interface TwitchChannelLink {
  builderId: string;
  login: string;
  linkedAt: string;
}

export const twitchChannelsCollection = collectionPath<TwitchChannelLink>('twitchChannels');
export const twitchChannelPath = (twitchUserId: string) => docPath<TwitchChannelLink>(`${twitchChannelsCollection}/${twitchUserId}`);

export function streamUrl(login: string): string {
  return `https://twitch.tv/${login}`;
}

/**
 * Live as EventSub last told us: `live` only for a `live` stream; `unknown` when we never
 * heard, or Twitch revoked the subscription (then Helix is asked).
 */
export function knownLiveStatus(builder: Builder): 'live' | 'not-live' | 'unknown' {
  if (!builder.stream || builder.eventSub?.revokedAt) return 'unknown';
  if (builder.stream.status === 'live') return builder.stream.type === 'live' ? 'live' : 'not-live';
  return 'not-live';
}

/**
 * A builder can sell once their account can take transfers. Accounts made before we read
 * the capability said so with `chargesEnabled` (they asked for card payments too).
 */
export function canSell(builder: Builder | undefined): boolean {
  return Boolean(builder?.stripeAccountId && !accountRevoked(builder) && (builder.transfersActive ?? builder.chargesEnabled));
}

/** The account C500 would pay is one the builder revoked: releases wait for a new one. */
export function accountRevoked(builder: Pick<Builder, 'stripeAccountId' | 'revokedAccount'> | undefined): boolean {
  return builder?.revokedAccount !== undefined && builder.revokedAccount.accountId === builder.stripeAccountId;
}
