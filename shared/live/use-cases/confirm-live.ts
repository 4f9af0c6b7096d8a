/**
 * @module confirm-live
 * Is the builder live right now on the channel they authorized? EventSub's last word
 * first; Helix when we have none (never heard, or the subscription was revoked). Only a
 * `live` broadcast counts: a rerun or premiere of an old VOD proves nothing.
 */
import type { DiscordMessage, TwitchGateway } from '../../ports';
import { knownLiveStatus, type Builder, type TwitchLink } from '../../onboarding';
import { liveRefusals } from '../rules/live-messages';
import { log } from '../../log';

export interface LiveStream {
  streamId?: string | undefined;
  startedAt?: string | undefined;
}

export type LiveCheck = { ok: true; stream: LiveStream } | { ok: false; refusal: DiscordMessage };

export async function confirmLive(twitch: TwitchGateway, builder: Builder & { twitch: TwitchLink }): Promise<LiveCheck> {
  const login = builder.twitch.login;
  switch (knownLiveStatus(builder)) {
    case 'live':
      return { ok: true, stream: { streamId: builder.stream?.streamId, startedAt: builder.stream?.startedAt } };
    case 'not-live':
      return { ok: false, refusal: notLive(login, builder.stream?.status === 'live' ? builder.stream.type : undefined) };
    case 'unknown': {
      let stream;
      try {
        stream = await twitch.currentStream(builder.twitch.userId);
      } catch (error) {
        // The builder is waiting on an answer; retrying for minutes would leave them at "thinking…".
        log.warn('Helix stream check failed', { builderId: builder.discordUserId, error });
        return { ok: false, refusal: liveRefusals.twitchUnavailable };
      }
      if (!stream) return { ok: false, refusal: liveRefusals.offline(login) };
      if (stream.type !== 'live') return { ok: false, refusal: notLive(login, stream.type) };
      return { ok: true, stream: { streamId: stream.streamId, startedAt: stream.startedAt } };
    }
  }
}

function notLive(login: string, type: string | undefined): DiscordMessage {
  return type && type !== 'live' ? liveRefusals.notLiveBroadcast(login, type) : liveRefusals.offline(login);
}
