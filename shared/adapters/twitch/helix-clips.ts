/**
 * @module helix-clips
 * Clips and past broadcasts over Helix, for proofs of work: Create Clip as the bot (a user
 * token with `clips:edit`, from the bot's refresh token), Get Clips and Get Videos with the
 * app token. Our own Helix client rather than twurple's `clips` and `videos`, so the same
 * code runs against the local Twitch simulator (twurple's base URL is not settable).
 * https://dev.twitch.tv/docs/api/reference/#create-clip, #get-clips, #get-videos
 */
import type { TwitchArchive, TwitchClip } from '../../ports';
import { TwitchHttpError, TwitchUnavailable, helixMessage, type HelixAnswer, type HelixAppClient } from './helix-app-client';

export interface HelixClips {
  createClip(broadcasterId: string): Promise<{ clipId: string }>;
  clipById(clipId: string): Promise<TwitchClip | undefined>;
  archivesOf(userId: string): Promise<TwitchArchive[]>;
}

/**
 * `bot` calls as the bot's user; undefined when no refresh token is configured, and then
 * every clip fails at once (403, as a token that may not clip), so proofs fall back to VODs.
 */
export function helixClips(app: HelixAppClient, bot: HelixAppClient | undefined): HelixClips {
  return {
    async createClip(broadcasterId: string): Promise<{ clipId: string }> {
      if (!bot) throw new TwitchHttpError(403, 'No bot user token to clip with: TWITCH_BOT_REFRESH_TOKEN is not set');
      const answer = await bot.request('POST', '/clips', { query: { broadcaster_id: broadcasterId } });
      const made = firstOf(expectOk(answer, 'Create Clip')) as { id?: unknown } | undefined;
      if (typeof made?.id !== 'string' || !made.id) throw new Error('Helix answered Create Clip without data[0].id');
      return { clipId: made.id };
    },

    async clipById(clipId: string): Promise<TwitchClip | undefined> {
      const answer = await app.request('GET', '/clips', { query: { id: clipId } });
      const clip = firstOf(expectOk(answer, 'Get Clips')) as Record<string, unknown> | undefined;
      if (!clip || typeof clip.id !== 'string' || typeof clip.url !== 'string') return undefined;
      return { clipId: clip.id, url: clip.url, broadcasterId: String(clip.broadcaster_id ?? ''), createdAt: String(clip.created_at ?? '') };
    },

    async archivesOf(userId: string): Promise<TwitchArchive[]> {
      const answer = await app.request('GET', '/videos', { query: { user_id: userId, type: 'archive', first: '20' } });
      const data = (expectOk(answer, 'Get Videos') as { data?: unknown }).data;
      return (Array.isArray(data) ? (data as Array<Record<string, unknown>>) : [])
        .filter((v) => typeof v.id === 'string' && typeof v.created_at === 'string')
        .map((v) => ({
          videoId: v.id as string,
          streamId: typeof v.stream_id === 'string' && v.stream_id ? v.stream_id : null,
          createdAt: v.created_at as string,
          url: typeof v.url === 'string' ? v.url : `https://www.twitch.tv/videos/${v.id as string}`,
        }));
    },
  };
}

/** The body of a 2xx; Twitch failing is `TwitchUnavailable`, a refusal a `TwitchHttpError` with its status. */
function expectOk(answer: HelixAnswer, what: string): unknown {
  if (answer.status >= 200 && answer.status < 300) return answer.body ?? {};
  if (answer.status >= 500 || answer.status === 429) throw new TwitchUnavailable(`Helix ${what} answered ${answer.status}`);
  throw new TwitchHttpError(answer.status, `Helix refused ${what} with ${answer.status}: ${helixMessage(answer)}`);
}

function firstOf(body: unknown): unknown {
  const data = (body as { data?: unknown } | undefined)?.data;
  return Array.isArray(data) ? data[0] : undefined;
}
