/**
 * Deferred commands that need only the store, Discord and Twitch: setup, profile,
 * link-twitch, chat-bidding on and off, posting a drop, shipping. Runs each once per
 * interaction and edits the response.
 */
import type { Platform } from '../shared/platform';
import { pubsubFunction } from '../shared/triggers/pubsub-trigger';
import { decodeMessageData } from '../shared/adapters/pubsub/pubsub-envelope';
import { parseCommandJob, runCommandJob } from '../shared/discord';
import { commandUseCasesOn } from '../shared/router/command-jobs';
import { twitchAppOf } from '../shared/onboarding';
import { chatBiddingApp } from '../shared/chatbids';

export function discordCommands(platform: Platform) {
  const { config } = platform;
  const twitchApp = twitchAppOf(config);
  const chatApp = chatBiddingApp(config);
  // The topic's table, made once per instance rather than per message.
  const useCases = commandUseCasesOn('discord-commands');
  return pubsubFunction('discordCommands', async (event) => {
    // Twitch is made on first use: only chat-bidding on and off reach it.
    const deps = {
      store: platform.store(),
      discord: platform.discord(),
      clock: platform.clock,
      twitchApp,
      chatApp,
      currency: config.marketplace.currency,
      publicBaseUrl: config.publicBaseUrl,
      get twitch() {
        return platform.twitch();
      },
    };
    await runCommandJob(deps, parseCommandJob(decodeMessageData(event)), useCases);
  });
}
