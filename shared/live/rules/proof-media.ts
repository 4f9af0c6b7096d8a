/**
 * @module proof-media
 * What a proof of work links to, chosen once at the proof: a clip of the live stream (made
 * as the bot), else the stream's VOD at the proof's moment, else only the channel. One
 * `/c500 live` makes at most one clip, whatever the orders it names and however often it
 * is delivered: the clip is claimed under the interaction's id before Twitch is asked. Pure.
 */
import { docPath, type TwitchArchive } from '../../ports';
import { vodProof } from '../../payments';
import { isOrderIdShaped, type ProofOfWork } from '../../orders';
import type { GroupBuyMilestone } from '../../groupbuys';

/** The clip one `/c500 live` made (or tried to), at `proofClips/<interaction id>`. */
export interface ProofClip {
  key: string;
  broadcasterId: string;
  state: 'making' | 'made' | 'failed';
  claimedAt: string;
  clipId?: string;
  url?: string;
  /** Why no clip: Twitch's words, cut short (never shown to anyone but the log). */
  failure?: string;
}

export const proofClipPath = (key: string) => docPath<ProofClip>(`proofClips/${key}`);

export type ProofMedia = { kind: 'clip'; clipId: string; url: string } | { kind: 'vod'; video: TwitchArchive } | { kind: 'none' };

/**
 * When each look for the VOD comes, after the proof: the first at the proof itself, then a
 * few more over some minutes, since Twitch may list an archive a little after the stream
 * began recording. After the last, the channel stays the proof.
 */
export const vodSearchDelaysMs = [0, 60_000, 3 * 60_000, 6 * 60_000, 10 * 60_000] as const;
export const lastVodSearch = vodSearchDelaysMs.length - 1;

export function vodSearchDueAtMs(provedAt: string, attempt: number): number {
  return Date.parse(provedAt) + (vodSearchDelaysMs[Math.min(Math.max(attempt, 0), lastVodSearch)] ?? 0);
}

/** The archive of the stream the proof was made on: the same stream id, never merely the newest. */
export function archiveOfStream(archives: readonly TwitchArchive[], streamId: string | undefined): TwitchArchive | undefined {
  return streamId ? archives.find((a) => a.streamId === streamId) : undefined;
}

/**
 * The proof with its media: the clip, the VOD at the proof's moment, or the channel. With
 * no media yet, a VOD search follows when there is a stream to match (the next attempt, 1).
 */
export function proofWithMedia(proof: ProofOfWork, media: ProofMedia): ProofOfWork {
  if (media.kind === 'clip') return { ...proof, kind: 'clip', url: media.url, clipId: media.clipId, vodSearch: null };
  if (media.kind === 'vod') return { ...proof, ...vodProof(proof, media.video) };
  const searchable = Boolean(proof.streamId && proof.broadcasterId);
  return { ...proof, kind: 'channel', vodSearch: searchable ? { attempt: 1 } : null };
}

/** The name of a VOD search's attempt for an order: Cloud Tasks keeps one task per name. */
export const vodSearchTaskName = (orderId: string, attempt: number): string => `proof-vod-${orderId}-${attempt}`;

export interface VodSearchTask {
  orderId: string;
  attempt: number;
}

/** Only the shape `vodSearchTaskName`'s tasks carry. */
export function parseVodSearchTask(payload: unknown): VodSearchTask | undefined {
  const { orderId, attempt } = (payload ?? {}) as Record<string, unknown>;
  if (typeof orderId !== 'string' || !isOrderIdShaped(orderId)) return undefined;
  if (typeof attempt !== 'number' || !Number.isInteger(attempt) || attempt < 1 || attempt > lastVodSearch) return undefined;
  return { orderId, attempt };
}

/** A group buy's proof with the command's media: the clip, or the VOD at the proof's moment; with neither, the channel it was. */
export function groupBuyProofWithMedia(proof: GroupBuyMilestone, media: ProofMedia): GroupBuyMilestone {
  if (media.kind === 'clip') return { ...proof, kind: 'clip', url: media.url, clipId: media.clipId };
  if (media.kind !== 'vod') return proof;
  const { videoId, createdAt, url } = media.video;
  return { ...proof, kind: 'vod', url: vodProof(proof, media.video).url, video: { videoId, createdAt, url } };
}

/** The media a group buy's proof was made with, handed to each of its orders' proofs so they link the same; none for the channel. */
export function mediaOfGroupBuyProof(proof: GroupBuyMilestone): ProofMedia | undefined {
  if (proof.kind === 'clip' && proof.clipId) return { kind: 'clip', clipId: proof.clipId, url: proof.url };
  if (proof.kind === 'vod' && proof.video) return { kind: 'vod', video: { ...proof.video, streamId: proof.streamId ?? null } };
  return undefined;
}
