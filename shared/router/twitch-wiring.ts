/**
 * @module twitch-wiring
 * What the functions that reach Twitch, or are reached from it, are handed: the EventSub
 * ingress and subscriber, a broadcaster's consent to the bot in their chat, and the Discord
 * commands that offer the links (a builder's own link to Twitch: onboarding-wiring; a
 * chatter's sign-in and pay page: chat-page-wiring). What is checked at a cold start (secrets, the apps' settings) is made
 * once; what touches the store or Twitch is made per request, on its first use.
 */
import { randomnessBeacon } from './giveaway-wiring';
import { required } from '../config';
import type { Platform } from '../platform';
import { verifyEventSubSignature } from '../adapters/twitch/eventsub-signature';
import { readSealKeys, RecentIds } from '../common';
import { loadTwitchIngress, twitchAppOf, type acceptTwitchMessage, type recordStreamEvent } from '../onboarding';
import { chatBiddingApp, looksLikePrivacyAsk, routeChatMessage, type acceptChatConsent, type startChatConsent } from '../chatbids';
import { looksLikeChatEntry } from '../giveaways';
import type { CommandDepsOn } from './command-jobs';
import { erasureReach } from './erasure-wiring';
import { releaseWaitingOrder } from '../live';
import { paymentDeps } from './payment-wiring';

/** The `discord-commands` subscriber's deps, made per message; Twitch is made on first use: only chat-bidding on and off reach it. */
export function discordCommandDeps(platform: Platform): () => CommandDepsOn<'discord-commands'> {
  const { config } = platform;
  const twitchApp = twitchAppOf(config);
  const chatApp = chatBiddingApp(config);
  return () => ({
    store: platform.store(),
    discord: platform.discord(),
    clock: platform.clock,
    twitchApp,
    chatApp,
    currency: config.marketplace.currency,
    publicBaseUrl: config.publicBaseUrl,
    // An erasure takes the member out of every live auction's book at once.
    ...erasureReach(platform),
    get twitch() {
      return platform.twitch();
    },
    // Only a buyer's Received reaches it: the order's last payout, made then with everything a release needs.
    releaseWaiting: async (orderId: string) => void (await releaseWaitingOrder(paymentDeps(platform), orderId)),
    // Only a group buy's Leave reaches it: the card its pledge saved is detached.
    get payments() {
      return platform.payments();
    },
    // Only `/c500 ship` reaches it: a tracking number typed by hand starts the carrier's tracker.
    get carrier() {
      return platform.carrier();
    },
    // Only a giveaway's start reaches it (its draw).
    get tasks() {
      return platform.tasks();
    },
    // Only a giveaway's start reaches it: its seed is sealed before it is stored.
    get sealKeys() {
      return readSealKeys(required(config, 'TOKEN_SEAL_KEYS'));
    },
    // Only a giveaway's start reaches it: the drand round its draw will use.
    get beacon() {
      return randomnessBeacon(platform);
    },
  });
}

/** The EventSub ingress: its secret and publisher made at cold start; chat that is not a `!bid` is dropped, a regex each. */
export function twitchIngressDeps(platform: Platform): Parameters<typeof acceptTwitchMessage>[1] {
  const secret = required(platform.config, 'TWITCH_EVENTSUB_SECRET');
  // Every message runs it: loaded with the instance, not by the herd's first message.
  loadTwitchIngress();
  return {
    // Built at cold start, not on the first message.
    publisher: platform.publisher(),
    recent: new RecentIds(),
    clock: platform.clock,
    verifySignature: (id, timestamp, body, signature) => verifyEventSubSignature(secret, id, timestamp, body, signature),
    routeChat: (event, signedAt) => {
      const routed = routeChatMessage(event, signedAt, (text) => looksLikeChatEntry(text) || looksLikePrivacyAsk(text));
      return routed.kind === 'bid' ? { publish: routed.job } : { ignore: routed.why };
    },
  };
}

/** The EventSub subscriber: stream status, revocations and chat access ended. */
export function twitchEventDeps(platform: Platform): Parameters<typeof recordStreamEvent>[0] {
  return { store: platform.store(), discord: platform.discord(), clock: platform.clock };
}

/** A broadcaster's consent to the bot in their chat: the button's short link on to Twitch, and the callback that turns chat bidding on. */
export function chatConsentWiring(platform: Platform): {
  start: Parameters<typeof startChatConsent>[0];
  deps: () => Parameters<typeof acceptChatConsent>[0];
} {
  const chatApp = chatBiddingApp(platform.config);
  return {
    start: { clock: platform.clock, chatApp },
    deps: () => ({ store: platform.store(), twitch: platform.twitch(), discord: platform.discord(), clock: platform.clock, chatApp }),
  };
}
