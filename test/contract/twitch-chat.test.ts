/**
 * The local chat adapter and the production one, pointed at the simulator's Helix over
 * HTTP (app token, Client-Id, Twitch's statuses and bodies), keep the same contract.
 */
import { createHelixTwitchChat } from '../../shared/adapters/twitch/helix-twitch-chat';
import { mountTwitchHelixSimulator } from '../../shared/local/twitch-helix-simulator';
import { botUserId, chatWorld, clientId, clientSecret, serveApp } from '../support/twitch-chat';
import { describeTwitchChatContract } from './twitch-chat-contract';

describeTwitchChatContract('the local Twitch chat', async () => {
  const world = await chatWorld();
  return { world, chat: world.chat, cleanup: async () => undefined };
});

describeTwitchChatContract('the Helix chat adapter, against the Twitch simulator’s Helix', async () => {
  const world = await chatWorld();
  const server = await serveApp((app) =>
    mountTwitchHelixSimulator(app, { twitch: world.twitch, chat: world.chat, clock: world.clock, clientId, clientSecret }),
  );
  const chat = createHelixTwitchChat({
    clientId,
    clientSecret,
    botUserId,
    helixUrl: `${server.url}/_local/twitch/helix`,
    tokenUrl: `${server.url}/_local/twitch/oauth2/token`,
    now: () => world.clock.now().getTime(),
  });
  return { world, chat, cleanup: () => server.close() };
});
