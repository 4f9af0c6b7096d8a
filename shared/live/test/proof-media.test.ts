import { LocalDocumentStore } from '../../local/firestore/document-store';
import type { TwitchArchive, TwitchClip, TwitchGateway } from '../../ports';
import { archiveOfStream, parseVodSearchTask, proofClipPath, proofWithMedia, vodSearchDueAtMs } from '../rules/proof-media';
import { makeProofMedia } from '../use-cases/make-proof-media';

const provedAt = '2026-11-24T13:02:03.000Z';
const archive: TwitchArchive = { videoId: '77', streamId: 's1', createdAt: '2026-11-24T12:00:00.000Z', url: 'https://www.twitch.tv/videos/77' };

describe('choosing a proof’s media', () => {
  const bare = { url: 'https://twitch.tv/lav', provedAt, streamId: 's1', broadcasterId: '42' };

  it('takes the VOD of the very stream, never merely the newest', () => {
    const other = { ...archive, videoId: '78', streamId: 's2', createdAt: '2026-11-24T13:00:00.000Z' };
    expect(archiveOfStream([other, archive], 's1')).toBe(archive);
    expect(archiveOfStream([other], 's1')).toBeUndefined();
    expect(archiveOfStream([archive], undefined)).toBeUndefined();
  });

  it('links a clip, or the VOD at the proof, or leaves the channel with a search to follow', () => {
    expect(proofWithMedia(bare, { kind: 'clip', clipId: 'C', url: 'https://clips.twitch.tv/C' })).toMatchObject({
      kind: 'clip',
      url: 'https://clips.twitch.tv/C',
      clipId: 'C',
    });
    expect(proofWithMedia(bare, { kind: 'vod', video: archive })).toMatchObject({ kind: 'vod', url: 'https://www.twitch.tv/videos/77?t=1h2m3s' });
    expect(proofWithMedia(bare, { kind: 'none' })).toMatchObject({ kind: 'channel', url: bare.url, vodSearch: { attempt: 1 } });
  });

  it('searches for no VOD when the proof names no stream to match', () => {
    expect(proofWithMedia({ url: bare.url, provedAt, broadcasterId: '42' }, { kind: 'none' })).toMatchObject({ kind: 'channel', vodSearch: null });
  });

  it('spaces the VOD search’s looks over ten minutes after the proof', () => {
    expect([1, 2, 3, 4].map((attempt) => (vodSearchDueAtMs(provedAt, attempt) - Date.parse(provedAt)) / 60_000)).toEqual([1, 3, 6, 10]);
  });

  it.each([
    { orderId: 'abcd1234', attempt: 0 },
    { orderId: 'abcd1234', attempt: 5 },
    { orderId: 'abcd1234', attempt: 1.5 },
    { orderId: 'A$', attempt: 1 },
    {},
    null,
  ])('refuses the task payload %p', (payload) => expect(parseVodSearchTask(payload)).toBeUndefined());
});

/** Twitch as the test wants it: clips made or refused, listed at once, late or never, and the archives. */
function twitchWith(options: { create?: () => Promise<{ clipId: string }>; listedAfter?: number; archives?: TwitchArchive[] }) {
  const asked = { create: 0, list: 0 };
  const twitch = {
    createClip: async () => {
      asked.create++;
      return options.create ? options.create() : { clipId: 'Clip1' };
    },
    clipById: async (clipId: string): Promise<TwitchClip | undefined> =>
      ++asked.list > (options.listedAfter ?? 0) ? { clipId, url: `https://clips.twitch.tv/${clipId}`, broadcasterId: '42', createdAt: provedAt } : undefined,
    archivesOf: async () => options.archives ?? [],
  } as Partial<TwitchGateway> as TwitchGateway;
  return { twitch, asked };
}

describe('making a proof’s clip', () => {
  const clock = { now: () => new Date(provedAt) };
  const clipWait = { everyMs: 5, forMs: 20 };
  const stream = { broadcasterId: '42', streamId: 's1' };

  it('waits for Get Clips to list the clip it asked for', async () => {
    const { twitch, asked } = twitchWith({ listedAfter: 2 });
    expect(await makeProofMedia({ store: new LocalDocumentStore(), twitch, clock, clipWait }, 'i1', stream)).toEqual({
      kind: 'clip',
      clipId: 'Clip1',
      url: 'https://clips.twitch.tv/Clip1',
    });
    expect(asked.list).toBe(3);
  });

  it('falls back to the VOD when Get Clips never lists the clip in time', async () => {
    const { twitch } = twitchWith({ listedAfter: 1_000, archives: [archive] });
    expect(await makeProofMedia({ store: new LocalDocumentStore(), twitch, clock, clipWait }, 'i1', stream)).toEqual({ kind: 'vod', video: archive });
  });

  it.each([
    ['clips are off (403)', Object.assign(new Error('Forbidden'), { statusCode: 403 })],
    ['Twitch fails (503)', Object.assign(new Error('Service Unavailable'), { statusCode: 503 })],
  ])('falls back to the VOD when %s, and to nothing without one', async (_why, error) => {
    const { twitch } = twitchWith({ create: () => Promise.reject(error), archives: [archive] });
    expect(await makeProofMedia({ store: new LocalDocumentStore(), twitch, clock, clipWait }, 'i1', stream)).toEqual({ kind: 'vod', video: archive });
    const { twitch: bare } = twitchWith({ create: () => Promise.reject(error) });
    expect(await makeProofMedia({ store: new LocalDocumentStore(), twitch: bare, clock, clipWait }, 'i2', stream)).toEqual({ kind: 'none' });
  });

  it('makes one clip for one interaction, however many deliveries ask at once or later', async () => {
    const { twitch, asked } = twitchWith({ listedAfter: 2 });
    const deps = { store: new LocalDocumentStore(), twitch, clock, clipWait };
    const both = await Promise.all([makeProofMedia(deps, 'i1', stream), makeProofMedia(deps, 'i1', stream)]);
    const later = await makeProofMedia(deps, 'i1', stream);
    expect(asked.create).toBe(1);
    expect([...both, later]).toEqual(Array(3).fill({ kind: 'clip', clipId: 'Clip1', url: 'https://clips.twitch.tv/Clip1' }));
  });
});

describe('a clip claimed by a delivery that died', () => {
  it('is not made again: the proof falls back to the VOD', async () => {
    const store = new LocalDocumentStore();
    const claimedAt = '2026-11-24T13:00:00.000Z';
    await store.set(proofClipPath('i1'), { key: 'i1', broadcasterId: '42', state: 'making', claimedAt });
    const { twitch, asked } = twitchWith({ archives: [archive] });
    const clock = { now: () => new Date(provedAt) };
    expect(await makeProofMedia({ store, twitch, clock, clipWait: { everyMs: 5, forMs: 20 } }, 'i1', { broadcasterId: '42', streamId: 's1' })).toEqual({
      kind: 'vod',
      video: archive,
    });
    expect(asked.create).toBe(0);
  });
});
