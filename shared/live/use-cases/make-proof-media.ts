/**
 * @module make-proof-media
 * The clip of a proof, or else its VOD. Create Clip, then Get Clips until the clip exists
 * (Twitch: assume it failed when it has not after 15 s). The clip is claimed under the
 * `/c500 live`'s id first, so a redelivery (or a duplicate running beside it) waits for that
 * clip instead of making a second one. Any failure (clips off, not live, Twitch down, no
 * clip in time) falls back to the stream's VOD, and failing that to the channel.
 */
import type { Clock, DocumentStore, TwitchGateway } from '../../ports';
import { log } from '../../log';
import { archiveOfStream, proofClipPath, type ProofClip, type ProofMedia } from '../rules/proof-media';

export interface ProofMediaDeps {
  store: DocumentStore;
  twitch: TwitchGateway;
  clock: Clock;
  /** How often Get Clips is asked, and for how long (real time: it is Twitch's own work): each second for 15 s unless given. */
  clipWait?: { everyMs: number; forMs: number };
}

export interface ProofStream {
  broadcasterId: string;
  streamId?: string | undefined;
}

const defaultWait = { everyMs: 1_000, forMs: 15_000 };

/** The best media for a proof made now: a clip, else the stream's VOD, else none (a task looks for the VOD again). */
export async function makeProofMedia(deps: ProofMediaDeps, key: string, stream: ProofStream): Promise<ProofMedia> {
  const clip = await clipOnce(deps, key, stream.broadcasterId);
  if (clip.state === 'made' && clip.clipId && clip.url) return { kind: 'clip', clipId: clip.clipId, url: clip.url };
  const video = await lookForVod(deps.twitch, stream.broadcasterId, stream.streamId);
  return video ? { kind: 'vod', video } : { kind: 'none' };
}

/** The stream's archive, or undefined (none yet, VODs off, or Twitch failing: a later look may find it). */
export async function lookForVod(twitch: TwitchGateway, broadcasterId: string, streamId: string | undefined) {
  if (!streamId) return undefined;
  try {
    return archiveOfStream(await twitch.archivesOf(broadcasterId), streamId);
  } catch (error) {
    log.warn('Get Videos failed while looking for a proof’s VOD', { broadcasterId, error });
    return undefined;
  }
}

/** The clip claimed under `key`: made here, or the one another delivery made (or is making). */
async function clipOnce(deps: ProofMediaDeps, key: string, broadcasterId: string): Promise<ProofClip> {
  const path = proofClipPath(key);
  const claim: ProofClip = { key, broadcasterId, state: 'making', claimedAt: deps.clock.now().toISOString() };
  const existing = await deps.store.runTransaction(async (tx) => {
    const found = await tx.get(path);
    if (!found) tx.set(path, claim);
    return found;
  });
  if (existing) return existing.state === 'making' ? waitForClip(deps, existing) : existing;
  const made = await makeClip(deps, broadcasterId);
  const done: ProofClip = { ...claim, ...made };
  await deps.store.set(path, done);
  return done;
}

async function makeClip(deps: ProofMediaDeps, broadcasterId: string): Promise<Pick<ProofClip, 'state' | 'clipId' | 'url' | 'failure'>> {
  let clipId: string;
  try {
    clipId = (await deps.twitch.createClip(broadcasterId)).clipId;
  } catch (error) {
    // 403 (clips off), 404 (not live), 5xx or no answer: the proof falls back, the builder is not kept waiting.
    log.warn('Create Clip failed for a proof; falling back to the VOD', { broadcasterId, error });
    return { state: 'failed', failure: failureOf(error) };
  }
  const { everyMs, forMs } = deps.clipWait ?? defaultWait;
  for (let waited = 0; ; waited += everyMs) {
    const clip = await deps.twitch.clipById(clipId).catch((error: unknown) => void log.warn('Get Clips failed', { clipId, error }));
    if (clip) return { state: 'made', clipId: clip.clipId, url: clip.url };
    if (waited >= forMs) break;
    await sleep(everyMs);
  }
  log.warn('Twitch did not make the proof’s clip in time; falling back to the VOD', { broadcasterId, clipId });
  return { state: 'failed', clipId, failure: `not listed by Get Clips within ${forMs / 1000} s` };
}

/**
 * Another delivery holds the claim: its clip, once it has one. A claim older than any clip
 * takes is a delivery that died on the way (a second clip would be a second proof), and
 * one that does not finish while we wait is given up on too: both count as failed.
 */
async function waitForClip(deps: ProofMediaDeps, claim: ProofClip): Promise<ProofClip> {
  const { everyMs, forMs } = deps.clipWait ?? defaultWait;
  const abandoned: ProofClip = { ...claim, state: 'failed', failure: 'the delivery that claimed it did not finish' };
  if (deps.clock.now().getTime() - Date.parse(claim.claimedAt) > forMs + 30 * everyMs) return abandoned;
  for (let waited = 0; waited <= forMs + 5 * everyMs; waited += everyMs) {
    await sleep(everyMs);
    const found = await deps.store.get(proofClipPath(claim.key));
    if (found && found.state !== 'making') return found;
  }
  return abandoned;
}

function failureOf(error: unknown): string {
  const status = (error as { statusCode?: unknown }).statusCode;
  const message = error instanceof Error ? error.message : String(error);
  return `${typeof status === 'number' ? `${status}: ` : ''}${message}`.slice(0, 200);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
