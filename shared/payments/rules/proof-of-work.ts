/**
 * @module proof-of-work
 * What an order's proof of work links to, in words: a clip of the stream made at the proof,
 * the stream's recording (VOD) at the proof's moment, or only the channel, which shows
 * whatever is live today. The buyer's DM, `/c500 profile`, the dashboard and a dispute's
 * evidence all say it the same way. Pure.
 *
 * @example
 * describeProof(bestProofOf(order)!) // "a clip of the stream at the proof: https://clips.twitch.tv/…"
 */
import type { Order, ProofOfWork } from '../../orders';

/** The best proof an order has, ready to show. */
export interface ProofView {
  kind: 'clip' | 'vod' | 'channel';
  url: string;
  /** How far into the VOD the proof came, as `01:02:03`. */
  at?: string;
  /** The channel for now: a task is still looking for the stream's VOD. */
  searching: boolean;
  /** When the builder proved it live. */
  provedAt?: string;
}

/** The order's proof as it stands; undefined before it was proved. Proofs stored before clips are the channel. */
export function bestProofOf(order: Pick<Order, 'proof' | 'proofUrl'>): ProofView | undefined {
  const proof = order.proof;
  const url = proof?.url ?? order.proofUrl ?? undefined;
  if (!url) return undefined;
  const kind = proof?.kind ?? 'channel';
  return {
    kind,
    url,
    ...(proof?.kind === 'vod' && proof.vodOffsetSeconds !== undefined ? { at: clockTime(proof.vodOffsetSeconds) } : {}),
    searching: kind !== 'clip' && kind !== 'vod' && Boolean(proof?.vodSearch),
    ...(proof?.provedAt ? { provedAt: proof.provedAt } : {}),
  };
}

/** A short label for the link: "Clip of the proof", "VOD at 01:02:03", "Channel only". */
export function proofLabel(view: ProofView): string {
  if (view.kind === 'clip') return 'Clip of the proof';
  if (view.kind === 'vod') return `VOD at ${view.at ?? '0:00:00'}`;
  return view.searching ? 'Channel (VOD pending)' : 'Channel only';
}

/** The proof in a sentence, link included: what a DM, a profile line or a dispute's evidence says. */
export function describeProof(view: ProofView): string {
  if (view.kind === 'clip') return `a clip of the stream at the proof: ${view.url}`;
  if (view.kind === 'vod') return `the stream’s recording (VOD) at ${view.at ?? '0:00:00'}: ${view.url}`;
  if (view.searching) return `the channel for now (${view.url}); no clip could be made, the stream’s recording is being looked for`;
  return `the channel, ${view.url} (no clip or VOD could be made; the proof is the channel)`;
}

/** Seconds into a video, as Twitch's `t` parameter writes it: `1h2m3s`, `5m0s`, `42s`. */
export function twitchTimeParameter(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = s % 60;
  if (h > 0) return `${h}h${m}m${rest}s`;
  if (m > 0) return `${m}m${rest}s`;
  return `${rest}s`;
}

/** Seconds as a clock reading, `01:02:03`. */
export function clockTime(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(Math.floor(s / 3600))}:${two(Math.floor((s % 3600) / 60))}:${two(s % 60)}`;
}

/** A VOD's page at a moment: `https://www.twitch.tv/videos/<id>?t=1h2m3s`. */
export function vodUrl(videoId: string, offsetSeconds: number): string {
  return `https://www.twitch.tv/videos/${encodeURIComponent(videoId)}?t=${twitchTimeParameter(offsetSeconds)}`;
}

/** How far into a video that began at `videoCreatedAt` the moment `at` is, in whole seconds (never negative). */
export function offsetIntoVideo(videoCreatedAt: string, at: string): number {
  const ms = Date.parse(at) - Date.parse(videoCreatedAt);
  return Number.isFinite(ms) ? Math.max(0, Math.floor(ms / 1000)) : 0;
}

/** The fields a proof gains when its link is a VOD at the proof's moment. */
export function vodProof(proof: Pick<ProofOfWork, 'provedAt'>, video: { videoId: string; createdAt: string }): Partial<ProofOfWork> & { url: string } {
  const offset = offsetIntoVideo(video.createdAt, proof.provedAt);
  return { kind: 'vod', url: vodUrl(video.videoId, offset), videoId: video.videoId, vodOffsetSeconds: offset, vodSearch: null };
}
