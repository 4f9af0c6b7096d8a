/**
 * @module twitch-media-simulator
 * Local only: Twitch's clips and past broadcasts. Under `/_local/twitch/helix`, as Helix
 * serves them (https://dev.twitch.tv/docs/api/reference/#create-clip, #get-clips,
 * #get-videos): Create Clip with a user token that carries `clips:edit` (202, `data[0]`
 * `{ id, edit_url }`; 401 with an app token or without the scope, 403 with clips off, 404
 * when not live), Get Clips by `id`, Get Videos by `user_id` (`type=archive`). Beside them,
 * the streamer's side: `GET /_local/twitch/clips` lists the clips made, and `POST
 * /_local/twitch/channels/<login>/settings` with `{"clips": false, "vods": false}` turns
 * clips or stored past broadcasts off (or on again).
 */
import type express from 'express';
import { LocalTwitchError, type LocalTwitch } from './twitch/twitch';
import { LocalClipRefused, type ChannelMediaSettings } from './twitch/twitch-media';
import { userFor } from './twitch-eventsub-delivery';
import { bodyFields, stringFields, twitchLogin } from './twitch-simulator-forms';

const twitchUserId = /^\d{1,20}$/;

/** Helix's clip and video endpoints; the Helix simulator's token check runs first and names the token's user. */
export function mountHelixMediaSimulator(app: express.Express, twitch: LocalTwitch): void {
  app.post('/_local/twitch/helix/clips', async (req, res) => {
    const broadcasterId = stringFields(req.query).broadcaster_id ?? '';
    if (!twitchUserId.test(broadcasterId))
      return void res.status(400).json({ error: 'Bad Request', status: 400, message: 'Missing required parameter "broadcaster_id"' });
    const userId = res.locals.tokenUserId as string | undefined;
    if (!userId) return void res.status(401).json({ error: 'Unauthorized', status: 401, message: 'Missing User OAUTH Token' });
    try {
      const { clipId } = await twitch.clipAs(userId, broadcasterId);
      res.status(202).json({ data: [{ id: clipId, edit_url: `https://clips.twitch.tv/${clipId}/edit` }] });
    } catch (error) {
      if (!(error instanceof LocalTwitchError || error instanceof LocalClipRefused)) throw error;
      res.status(error.statusCode).json({ error: statusWords[error.statusCode] ?? 'Error', status: error.statusCode, message: error.message });
    }
  });

  app.get('/_local/twitch/helix/clips', async (req, res) => {
    const id = stringFields(req.query).id;
    if (!id) return void res.status(400).json({ error: 'Bad Request', status: 400, message: 'one of broadcaster_id, game_id or id is required' });
    const clip = await twitch.media.clipById(id);
    const data = clip
      ? [
          {
            id: clip.clipId,
            url: clip.url,
            embed_url: `https://clips.twitch.tv/embed?clip=${clip.clipId}`,
            broadcaster_id: clip.broadcasterId,
            creator_id: clip.creatorId,
            video_id: clip.videoId,
            title: 'Proof of work',
            created_at: clip.createdAt,
            duration: 30,
            vod_offset: clip.vodOffsetSeconds,
          },
        ]
      : [];
    res.json({ data, pagination: {} });
  });

  app.get('/_local/twitch/helix/videos', async (req, res) => {
    const q = stringFields(req.query);
    if (!q.user_id || !twitchUserId.test(q.user_id))
      return void res.status(400).json({ error: 'Bad Request', status: 400, message: 'one of id, user_id or game_id is required' });
    if (q.type && q.type !== 'archive' && q.type !== 'all') return void res.json({ data: [], pagination: {} });
    const data = (await twitch.archivesOf(q.user_id)).map((v) => ({
      id: v.videoId,
      stream_id: v.streamId,
      user_id: q.user_id,
      created_at: v.createdAt,
      published_at: v.createdAt,
      url: v.url,
      viewable: 'public',
      type: 'archive',
    }));
    res.json({ data, pagination: {} });
  });
}

const statusWords: Record<number, string> = { 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 400: 'Bad Request' };

/** The streamer's switches and the clips list, beside the other `/_local/twitch` routes. */
export function mountTwitchMediaRoutes(app: express.Express, twitch: LocalTwitch): void {
  app.get('/_local/twitch/clips', async (_req, res) => {
    res.json({ clips: await twitch.media.clips() });
  });

  app.post('/_local/twitch/channels/:login/settings', async (req, res) => {
    const change = settingsChange(bodyFields(req.body));
    if (!twitchLogin.test(req.params.login) || !change) {
      return void res.status(400).json({ error: 'a Twitch login, and a JSON body with "clips" and/or "vods" as true or false, nothing else' });
    }
    const user = await userFor(twitch, req.params.login, stringFields(req.query).user_id);
    res.json({ broadcaster: user, settings: await twitch.media.changeSettings(user.userId, change) });
  });
}

/** `{ clips?: boolean, vods?: boolean }` with at least one of them, and nothing else. */
function settingsChange(body: Record<string, unknown>): Partial<ChannelMediaSettings> | undefined {
  const keys = Object.keys(body);
  if (keys.length === 0 || keys.some((k) => k !== 'clips' && k !== 'vods')) return undefined;
  if (keys.some((k) => typeof body[k] !== 'boolean')) return undefined;
  return body as Partial<ChannelMediaSettings>;
}
