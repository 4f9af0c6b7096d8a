/**
 * Deleting a viewer's message as the bot (Helix Delete Chat Messages): the local chat and the
 * production adapter through the simulator's Helix keep one contract, and both refuse what
 * Twitch refuses: a bot that is not the channel's moderator, a bot that never granted
 * `moderator:manage:chat_messages`, an app token, a message that is not there.
 */
import { createHelixTwitchChat } from '../../shared/adapters/twitch/helix-twitch-chat';
import { mountTwitchHelixSimulator } from '../../shared/local/twitch-helix-simulator';
import { localTwitchUser } from '../../shared/local/twitch/twitch';
import { twitchScopes, type TwitchChat } from '../../shared/ports';
import { botUserId, chatWorld, clientId, clientSecret, serveApp, type ChatWorld } from '../support/twitch-chat';

const viewer = localTwitchUser('keeb_fan', '300000001');
let seq = 0;

/** A viewer's `!bid` shown in the channel's chat, as the simulator's chat box posts it. */
function viewerSays(world: ChatWorld, text: string, senderId = viewer.userId): string {
  const messageId = `msg-${++seq}`;
  world.chat.noteViewerMessage(messageId, { broadcasterId: world.channel.userId, senderId, text, time: world.clock.now().toISOString() });
  return messageId;
}

/** The bot granted only these scopes (a grant only ever adds: taken back, then given again). */
async function botGrants(world: ChatWorld, scopes: readonly string[]): Promise<void> {
  await world.twitch.revokeAuthorization(botUserId);
  await world.twitch.grant(localTwitchUser('c500bot', botUserId), scopes);
}

function describeDeleteContract(name: string, make: (world: ChatWorld) => Promise<{ chat: TwitchChat; cleanup(): Promise<void> }>) {
  describe(name, () => {
    let world: ChatWorld;
    let chat: TwitchChat;
    let cleanup: () => Promise<void>;
    beforeEach(async () => {
      world = await chatWorld();
      ({ chat, cleanup } = await make(world));
    });
    afterEach(() => cleanup());

    it('deletes a viewer’s message when the bot moderates the channel and granted moderator:manage:chat_messages', async () => {
      await world.twitch.setModerator(world.channel.userId, botUserId, true);
      const messageId = viewerSays(world, '!bid 60');
      await expect(chat.deleteMessage?.({ broadcasterId: world.channel.userId, messageId })).resolves.toBe('deleted');
      expect(world.chat.viewerMessage(messageId)?.deleted).toBe(true);
      // Gone: deleting it again finds nothing, as Twitch answers 404.
      await expect(chat.deleteMessage?.({ broadcasterId: world.channel.userId, messageId })).resolves.toBe('not-found');
    });

    it('is refused when the bot is not one of the channel’s moderators, and the message stays', async () => {
      const messageId = viewerSays(world, '!bid 60');
      await expect(chat.deleteMessage?.({ broadcasterId: world.channel.userId, messageId })).resolves.toBe('not-permitted');
      expect(world.chat.viewerMessage(messageId)?.deleted).toBe(false);
    });

    it('is refused when the bot never granted moderator:manage:chat_messages, even as a moderator', async () => {
      await world.twitch.setModerator(world.channel.userId, botUserId, true);
      await botGrants(
        world,
        twitchScopes.bot.filter((s) => s !== 'moderator:manage:chat_messages'),
      );
      const messageId = viewerSays(world, '!bid 60');
      await expect(chat.deleteMessage?.({ broadcasterId: world.channel.userId, messageId })).resolves.toBe('not-permitted');
      expect(world.chat.viewerMessage(messageId)?.deleted).toBe(false);
    });

    it('finds nothing to delete for a message of another channel, or one older than Twitch’s 6 hours', async () => {
      await world.twitch.setModerator(world.channel.userId, botUserId, true);
      const old = viewerSays(world, '!bid 60');
      world.advance(6 * 3600_000 + 1_000);
      await expect(chat.deleteMessage?.({ broadcasterId: world.channel.userId, messageId: old })).resolves.toBe('not-found');
      const fresh = viewerSays(world, '!bid 70');
      await expect(chat.deleteMessage?.({ broadcasterId: world.closedChannel.userId, messageId: fresh })).resolves.toBe('not-permitted');
    });
  });
}

describeDeleteContract('the local Twitch chat', async (world) => ({ chat: world.chat, cleanup: async () => undefined }));

/** The simulator's Helix on a server of its own; the production adapter pointed at it with the bot's refresh token. */
async function helixAgainstSimulator(world: ChatWorld, withBotToken = true) {
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
    ...(withBotToken ? { botRefreshToken: await world.twitch.issueRefreshToken(botUserId) } : {}),
  });
  return { chat, server, cleanup: () => server.close() };
}

describeDeleteContract('the Helix chat adapter, against the Twitch simulator’s Helix', helixAgainstSimulator);

describe('the simulator’s Delete Chat Messages, called as Twitch is', () => {
  it('refuses an app token with 401, as Twitch takes only a moderator’s user token', async () => {
    const world = await chatWorld();
    await world.twitch.setModerator(world.channel.userId, botUserId, true);
    const { server, cleanup } = await helixAgainstSimulator(world, false);
    try {
      const token = (await (
        await fetch(`${server.url}/_local/twitch/oauth2/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }),
        })
      ).json()) as { access_token: string };
      const messageId = viewerSays(world, '!bid 60');
      const query = new URLSearchParams({ broadcaster_id: world.channel.userId, moderator_id: botUserId, message_id: messageId });
      const answer = await fetch(`${server.url}/_local/twitch/helix/moderation/chat?${query}`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${token.access_token}`, 'client-id': clientId },
      });
      expect(answer.status).toBe(401);
      expect(world.chat.viewerMessage(messageId)?.deleted).toBe(false);
    } finally {
      await cleanup();
    }
  });

  it('deletes nothing when the adapter has no bot token to act with', async () => {
    const world = await chatWorld();
    await world.twitch.setModerator(world.channel.userId, botUserId, true);
    const { chat, cleanup } = await helixAgainstSimulator(world, false);
    try {
      await expect(chat.deleteMessage?.({ broadcasterId: world.channel.userId, messageId: viewerSays(world, '!bid 60') })).resolves.toBe('not-permitted');
    } finally {
      await cleanup();
    }
  });
});
