/**
 * @module onboarding
 * Builders: Stripe Connect onboarding and its account updates, the Twitch channel link and
 * its EventSub stream events, and who may sell.
 *
 * This file is the module's only public face: other modules, the router and the functions
 * import from here, never from its folders.
 */
import type { JobUseCases } from '../discord';
import type { onboardingRoutes } from './routes';
export {
  type Builder,
  type TwitchLink,
  accountRevoked,
  builderPath,
  canSell,
  knownLiveStatus,
  streamUrl,
  twitchChannelPath,
  twitchChannelsCollection,
} from './rules/builder';
export { type ServiceAgreement } from './rules/connect-account';
export { twitchLinkPage, twitchUnlinkPage } from './rules/twitch-messages';
export { type TwitchApp } from './use-cases/offer-twitch-link';

// Use cases load on their first call, so what only routes (the Discord ingress) never loads them.
import type * as AcceptTwitchMessage from './use-cases/accept-twitch-message';
import type * as LinkTwitchChannel from './use-cases/link-twitch-channel';
import type * as OfferTwitchLink from './use-cases/offer-twitch-link';
import type * as OnboardBuilder from './use-cases/onboard-builder';
import type * as RecordStreamEvent from './use-cases/record-stream-event';
import type * as UnlinkTwitchChannel from './use-cases/unlink-twitch-channel';
import type * as UpdateBuilderAccount from './use-cases/update-builder-account';
import type * as RevokeBuilderAccount from './use-cases/revoke-builder-account';
export const acceptTwitchMessage: typeof AcceptTwitchMessage.acceptTwitchMessage = (...args) =>
  (require('./use-cases/accept-twitch-message') as typeof AcceptTwitchMessage).acceptTwitchMessage(...args);
/** Loads what the EventSub ingress runs on every message at its cold start, so a herd's first messages do not wait on the load. */
export const loadTwitchIngress = (): void => void require('./use-cases/accept-twitch-message');
export const linkTwitchChannel: typeof LinkTwitchChannel.linkTwitchChannel = (...args) =>
  (require('./use-cases/link-twitch-channel') as typeof LinkTwitchChannel).linkTwitchChannel(...args);
export const readCallbackQuery: typeof LinkTwitchChannel.readCallbackQuery = (...args) =>
  (require('./use-cases/link-twitch-channel') as typeof LinkTwitchChannel).readCallbackQuery(...args);
export const twitchEventSubCallbackUrl: typeof LinkTwitchChannel.twitchEventSubCallbackUrl = (...args) =>
  (require('./use-cases/link-twitch-channel') as typeof LinkTwitchChannel).twitchEventSubCallbackUrl(...args);
export const twitchRedirectUri: typeof LinkTwitchChannel.twitchRedirectUri = (...args) =>
  (require('./use-cases/link-twitch-channel') as typeof LinkTwitchChannel).twitchRedirectUri(...args);
export const offerTwitchLink: typeof OfferTwitchLink.offerTwitchLink = (...args) =>
  (require('./use-cases/offer-twitch-link') as typeof OfferTwitchLink).offerTwitchLink(...args);
export const startTwitchLink: typeof OfferTwitchLink.startTwitchLink = (...args) =>
  (require('./use-cases/offer-twitch-link') as typeof OfferTwitchLink).startTwitchLink(...args);
export const twitchAppOf: typeof OfferTwitchLink.twitchAppOf = (...args) =>
  (require('./use-cases/offer-twitch-link') as typeof OfferTwitchLink).twitchAppOf(...args);
export const onboardBuilder: typeof OnboardBuilder.onboardBuilder = (...args) =>
  (require('./use-cases/onboard-builder') as typeof OnboardBuilder).onboardBuilder(...args);
export const parseTwitchEventMessage: typeof RecordStreamEvent.parseTwitchEventMessage = (...args) =>
  (require('./use-cases/record-stream-event') as typeof RecordStreamEvent).parseTwitchEventMessage(...args);
export const recordStreamEvent: typeof RecordStreamEvent.recordStreamEvent = (...args) =>
  (require('./use-cases/record-stream-event') as typeof RecordStreamEvent).recordStreamEvent(...args);
import type * as EndTwitchSubscriptions from './use-cases/end-twitch-subscriptions';
/** An erasure's part at Twitch: the EventSub subscriptions naming the person's Twitch account, deleted. */
export const endTwitchSubscriptionsOf: typeof EndTwitchSubscriptions.endTwitchSubscriptionsOf = (...args) =>
  (require('./use-cases/end-twitch-subscriptions') as typeof EndTwitchSubscriptions).endTwitchSubscriptionsOf(...args);
export const unlinkTwitchChannel: typeof UnlinkTwitchChannel.unlinkTwitchChannel = (...args) =>
  (require('./use-cases/unlink-twitch-channel') as typeof UnlinkTwitchChannel).unlinkTwitchChannel(...args);
export const updateBuilderAccount: typeof UpdateBuilderAccount.updateBuilderAccount = (...args) =>
  (require('./use-cases/update-builder-account') as typeof UpdateBuilderAccount).updateBuilderAccount(...args);
export const revokeBuilderAccount: typeof RevokeBuilderAccount.revokeBuilderAccount = (...args) =>
  (require('./use-cases/revoke-builder-account') as typeof RevokeBuilderAccount).revokeBuilderAccount(...args);
export const builderOfAccount: typeof RevokeBuilderAccount.builderOfAccount = (...args) =>
  (require('./use-cases/revoke-builder-account') as typeof RevokeBuilderAccount).builderOfAccount(...args);
export { accountDms, reconnectStripe } from './rules/account-messages';

/** The use case of each job `/c500 onboard` and `/c500 link-twitch` defers to a subscriber; the router serves each on its job's topic. */
export const onboardingJobs = { 'onboard-builder': onboardBuilder, 'link-twitch': offerTwitchLink } satisfies JobUseCases<typeof onboardingRoutes>;
