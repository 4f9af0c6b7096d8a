/**
 * @module twitch-media
 * The local Twitch's clips and past broadcasts: every stream that goes live is archived (a
 * VOD with the stream's id, created at the stream's start), Create Clip clips a live stream,
 * and each channel has the two settings a streamer can turn off on Twitch: clips, and
 * storing past broadcasts. With clips off Create Clip answers 403; with VODs off the channel's
 * archives are not listed, as Twitch hides them.
 */
import { createHash, randomBytes } from 'node:crypto';
import { collectionPath, docPath, type Clock, type DocumentStore, type TwitchArchive, type TwitchClip, type TwitchStream } from '../../ports';

/** What a streamer has switched on (both, unless they turned one off). */
export interface ChannelMediaSettings {
  clips: boolean;
  vods: boolean;
}

export interface LocalClip extends TwitchClip {
  /** Who made it (the bot, for a proof). */
  creatorId: string;
  /** The stream it was made from, and how far into its VOD. */
  streamId: string;
  videoId: string;
  vodOffsetSeconds: number;
}

export interface LocalArchive extends TwitchArchive {
  userId: string;
}

export const localTwitchClips = collectionPath<LocalClip>('_localTwitchClips');
const localTwitchVideos = collectionPath<LocalArchive>('_localTwitchVideos');
const paths = {
  clip: (id: string) => docPath<LocalClip>(`${localTwitchClips}/${id}`),
  video: (id: string) => docPath<LocalArchive>(`${localTwitchVideos}/${id}`),
  settings: (userId: string) => docPath<ChannelMediaSettings>(`_localTwitchChannelSettings/${userId}`),
};

/** A VOD's id for a stream: digits, like Twitch's, the same for the same stream. */
export function archiveIdOf(streamId: string): string {
  return String(1_000_000_000 + (createHash('sha256').update(`vod:${streamId}`).digest().readUInt32BE(0) % 1_000_000_000));
}

/** Twitch refuses a clip with an HTTP status; `statusCode` as the gateway's errors carry it. */
export class LocalClipRefused extends Error {
  constructor(
    readonly statusCode: 403 | 404,
    message: string,
  ) {
    super(message);
    this.name = 'LocalClipRefused';
  }
}

export class LocalTwitchMedia {
  constructor(
    private readonly store: DocumentStore,
    private readonly clock: Clock,
  ) {}

  async settingsOf(userId: string): Promise<ChannelMediaSettings> {
    const set = await this.store.get(paths.settings(userId));
    return { clips: set?.clips ?? true, vods: set?.vods ?? true };
  }

  /** The streamer turns clips or stored past broadcasts on or off; what is not named stays. */
  async changeSettings(userId: string, change: Partial<ChannelMediaSettings>): Promise<ChannelMediaSettings> {
    const next = { ...(await this.settingsOf(userId)), ...change };
    await this.store.set(paths.settings(userId), next);
    return next;
  }

  /** A stream went live: Twitch starts its archive at once. */
  async archive(userId: string, stream: TwitchStream): Promise<void> {
    const videoId = archiveIdOf(stream.streamId);
    if (await this.store.get(paths.video(videoId))) return;
    await this.store.set(paths.video(videoId), {
      videoId,
      streamId: stream.streamId,
      createdAt: stream.startedAt,
      url: `https://www.twitch.tv/videos/${videoId}`,
      userId,
    });
  }

  async archivesOf(userId: string): Promise<TwitchArchive[]> {
    if (!(await this.settingsOf(userId)).vods) return [];
    const found = await this.store.query(localTwitchVideos, { where: [['userId', '==', userId]] });
    return found
      .map(({ data }) => ({ videoId: data.videoId, streamId: data.streamId, createdAt: data.createdAt, url: data.url }))
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  /** Create Clip: the live stream now, or a refusal as Twitch words it. */
  async createClip(broadcasterId: string, creatorId: string, stream: TwitchStream | undefined): Promise<{ clipId: string }> {
    if (!stream || stream.type !== 'live') throw new LocalClipRefused(404, 'The broadcaster is not live.');
    if (!(await this.settingsOf(broadcasterId)).clips) throw new LocalClipRefused(403, 'The broadcaster has disabled clips on their channel.');
    const clipId = `Local${randomBytes(9).toString('base64url')}`;
    const createdAt = this.clock.now().toISOString();
    await this.store.set(paths.clip(clipId), {
      clipId,
      url: `https://clips.twitch.tv/${clipId}`,
      broadcasterId,
      createdAt,
      creatorId,
      streamId: stream.streamId,
      videoId: archiveIdOf(stream.streamId),
      vodOffsetSeconds: Math.max(0, Math.floor((Date.parse(createdAt) - Date.parse(stream.startedAt)) / 1000)),
    });
    return { clipId };
  }

  async clipById(clipId: string): Promise<LocalClip | undefined> {
    return this.store.get(paths.clip(clipId));
  }

  /** Every clip made, oldest first. */
  async clips(): Promise<LocalClip[]> {
    return (await this.store.query(localTwitchClips, {})).map((d) => d.data).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }
}
