/**
 * The production Helix gateway's clips and videos against the local Twitch's Helix
 * (`/_local/twitch/helix`): Create Clip with the bot's user token from its refresh token,
 * Get Clips, Get Videos, and Twitch's refusals, over real HTTP.
 */
import { createTwitchHelix } from '../../shared/adapters/twitch/twitch-helix';
import { mountTwitchSimulator } from '../../shared/local/twitch-simulator';
import { localTwitchUser } from '../../shared/local/twitch/twitch';
import { twitchScopes, type TwitchGateway } from '../../shared/ports';
import { botUserId, chatWorld, clientId, clientSecret, serveApp, type ChatWorld } from '../support/twitch-chat';

let world: ChatWorld;
let server: Awaited<ReturnType<typeof serveApp>>;
let helix: TwitchGateway;
const builder = localTwitchUser('clipkeebs', '141981799');
const stream = { streamId: '40011122233', type: 'live', startedAt: '2026-11-21T19:00:00.000Z' };

const gateway = (botRefreshToken?: string) =>
  createTwitchHelix({
    clientId,
    clientSecret,
    helixUrl: `${server.url}/_local/twitch/helix`,
    tokenUrl: `${server.url}/_local/twitch/oauth2/token`,
    ...(botRefreshToken ? { botRefreshToken } : {}),
  });

beforeEach(async () => {
  world = await chatWorld();
  server = await serveApp((app, url) =>
    mountTwitchSimulator(app, {
      twitch: world.twitch,
      clock: world.clock,
      eventSubSecret: 'eventsub-secret-for-tests',
      oauthCallbackUrl: `${url}/oauth/twitch/callback`,
      eventSubUrl: `${url}/webhooks/twitch`,
      chat: { chat: world.chat, botUserId, clientId, clientSecret },
    }),
  );
  await world.twitch.rememberUser(builder);
  helix = gateway(await world.twitch.issueRefreshToken(botUserId));
});
afterEach(() => server.close());

const statusOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'made',
    (error: { statusCode?: number }) => error.statusCode,
  );

describe('clips through Helix, as the bot', () => {
  it('makes a clip of a live stream that Get Clips then lists, on the channel', async () => {
    await world.twitch.setStream(builder.userId, stream);
    const { clipId } = await helix.createClip(builder.userId);
    expect(await helix.clipById(clipId)).toEqual({
      clipId,
      url: `https://clips.twitch.tv/${clipId}`,
      broadcasterId: builder.userId,
      createdAt: world.clock.now().toISOString(),
    });
    expect((await world.twitch.media.clips()).map((c) => [c.clipId, c.creatorId])).toEqual([[clipId, botUserId]]);
  });

  it('is refused with 404 when the channel is not live and 403 when its clips are off', async () => {
    expect(await statusOf(helix.createClip(builder.userId))).toBe(404);
    await world.twitch.setStream(builder.userId, stream);
    await world.twitch.media.changeSettings(builder.userId, { clips: false });
    expect(await statusOf(helix.createClip(builder.userId))).toBe(403);
    expect(await world.twitch.media.clips()).toEqual([]);
  });

  it('is refused with 401 when the bot never granted clips:edit', async () => {
    await world.twitch.setStream(builder.userId, stream);
    const viewer = localTwitchUser('ana_keys', '141981700');
    await world.twitch.grant(viewer, twitchScopes.chatter);
    expect(await statusOf(gateway(await world.twitch.issueRefreshToken(viewer.userId)).createClip(builder.userId))).toBe(401);
  });

  it('fails at once, asking nothing of Twitch, without a bot refresh token', async () => {
    await world.twitch.setStream(builder.userId, stream);
    expect(await statusOf(gateway().createClip(builder.userId))).toBe(403);
  });

  it('answers undefined for a clip Twitch does not list', async () => {
    expect(await helix.clipById('NoSuchClipEver')).toBeUndefined();
  });
});

describe('past broadcasts through Helix', () => {
  it('lists the archive of each live stream, with its stream id and its start, until VODs are turned off', async () => {
    await world.twitch.setStream(builder.userId, stream);
    const [archive, ...more] = await helix.archivesOf(builder.userId);
    expect(more).toEqual([]);
    expect(archive).toEqual({
      videoId: expect.stringMatching(/^\d+$/),
      streamId: stream.streamId,
      createdAt: stream.startedAt,
      url: `https://www.twitch.tv/videos/${archive!.videoId}`,
    });
    await world.twitch.media.changeSettings(builder.userId, { vods: false });
    expect(await helix.archivesOf(builder.userId)).toEqual([]);
  });

  it('archives no rerun: it plays a video that already exists', async () => {
    await world.twitch.setStream(builder.userId, { ...stream, type: 'rerun' });
    expect(await helix.archivesOf(builder.userId)).toEqual([]);
  });
});
