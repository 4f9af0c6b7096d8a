/**
 * @module record-stream-event
 * The `twitch-events` subscriber: keeps each builder's stream status from EventSub's
 * `stream.online` / `stream.offline`, and records revocations (then live status is
 * unknown, and the builder is told how to fix it). Runs once per Twitch message id;
 * EventSub does not promise order, so a message older than what is recorded is dropped.
 */
import type { Clock, DiscordMessenger, DocumentStore, Transaction } from '../../ports';
import { builderPath, twitchChannelPath, type Builder, type StreamEventSubscription, type StreamStatus } from '../rules/builder';
import { twitchRevokedDm } from '../rules/twitch-messages';
import { PoisonMessage } from '../../errors';
import { log } from '../../log';
import type { TwitchEventMessage } from './accept-twitch-message';
import { runOnce } from '../../common';
import { sendDmIfOpen } from '../../discord';

export interface RecordStreamEventDeps {
  store: DocumentStore;
  discord: DiscordMessenger;
  clock: Clock;
}

/** What the subscriber acts on, read out of Twitch's message. */
export interface StreamEvent {
  messageId: string;
  kind: 'online' | 'offline' | 'revoked';
  broadcasterId: string;
  subscriptionId: string;
  /** The message timestamp as an ISO string (milliseconds): the order we trust. */
  at: string;
  /** `live`, `rerun`, `premiere`… for `online`. */
  streamType?: string;
  streamId?: string;
  startedAt?: string;
  /** Twitch's `subscription.status` for `revoked`. */
  reason?: string;
  /** The channel's login as of this message: a channel renamed since it was linked says so here. */
  login?: string;
}

/** A message of a subscription type we do not follow: acknowledged and logged. */
export interface IgnoredEvent {
  ignored: string;
}

const kinds: Record<string, StreamEvent['kind']> = { 'stream.online': 'online', 'stream.offline': 'offline' };

/** Reads a `twitch-events` payload; anything that cannot become a StreamEvent is poison. */
export function parseTwitchEventMessage(payload: unknown): StreamEvent | IgnoredEvent {
  const m = payload as Partial<TwitchEventMessage> | null;
  const subscription = m?.subscription;
  const at = typeof m?.timestamp === 'string' ? Date.parse(m.timestamp) : NaN;
  if (!m || typeof m.messageId !== 'string' || !subscription || typeof subscription !== 'object' || !Number.isFinite(at)) {
    throw new PoisonMessage('not a Twitch EventSub message');
  }
  const type = String(subscription.type);
  const condition = subscription.condition as { broadcaster_user_id?: unknown } | undefined;
  const broadcasterId = condition?.broadcaster_user_id;
  // Only the stream subscriptions are onboarding's: a revoked chat subscription is chat bidding's.
  const kind = m.messageType === 'revocation' ? (type in kinds ? 'revoked' : undefined) : m.messageType === 'notification' ? kinds[type] : undefined;
  if (!kind) return { ignored: `${m.messageType ?? 'unknown'} of ${type}` };
  if (typeof broadcasterId !== 'string') throw new PoisonMessage(`${type} message ${m.messageId} names no broadcaster`);
  const event = m.event ?? {};
  return {
    messageId: m.messageId,
    kind,
    broadcasterId,
    subscriptionId: String(subscription.id ?? ''),
    at: new Date(at).toISOString(),
    ...(kind === 'online' ? { streamType: text(event.type) ?? 'live', streamId: text(event.id), startedAt: text(event.started_at) } : {}),
    ...(kind === 'revoked' ? { reason: text(subscription.status) } : {}),
    ...(kind !== 'revoked' && loginOf(event.broadcaster_user_login) ? { login: loginOf(event.broadcaster_user_login) } : {}),
  };
}

/** A Twitch login as links use it: 1 to 25 letters, digits or underscores, lower case. */
function loginOf(value: unknown): string | undefined {
  return typeof value === 'string' && /^[A-Za-z0-9_]{1,25}$/.test(value) ? value.toLowerCase() : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Answers true when this delivery did the work, false for a repeat of a handled message. */
export async function recordStreamEvent(deps: RecordStreamEventDeps, event: StreamEvent | IgnoredEvent): Promise<boolean> {
  if ('ignored' in event) {
    log.info('EventSub message of a kind C500 does not follow; acknowledged', { what: event.ignored });
    return false;
  }
  return runOnce(deps.store, `twitch:${event.messageId}`, () => apply(deps, event), { clock: deps.clock });
}

async function apply(deps: RecordStreamEventDeps, event: StreamEvent): Promise<void> {
  const outcome = await deps.store.runTransaction(async (tx) => {
    const channel = await tx.get(twitchChannelPath(event.broadcasterId));
    if (!channel) return { kind: 'unknown-broadcaster' as const };
    const path = builderPath(channel.builderId);
    const builder = await tx.get(path);
    if (builder?.twitch?.userId !== event.broadcasterId) return { kind: 'unknown-broadcaster' as const };
    if (event.kind === 'revoked') return recordRevocation(tx, channel.builderId, builder, event);
    if (builder.stream && Date.parse(event.at) < Date.parse(builder.stream.changedAt)) return { kind: 'older' as const };
    const stream: StreamStatus =
      event.kind === 'online'
        ? {
            status: 'live',
            type: event.streamType ?? 'live',
            ...(event.streamId ? { streamId: event.streamId } : {}),
            startedAt: event.startedAt ?? event.at,
            changedAt: event.at,
          }
        : { status: 'offline', changedAt: event.at };
    // A whole-field update: an offline status must not keep the last stream's id.
    tx.update(path, { stream });
    // A renamed channel: every link built from now on points at the name it has now. Only
    // a message newer than the last one recorded gets here, so an old name never comes back.
    if (event.login && event.login !== builder.twitch.login) {
      tx.update(path, { twitch: { ...builder.twitch, login: event.login } });
      tx.update(twitchChannelPath(event.broadcasterId), { login: event.login });
    }
    return { kind: 'recorded' as const };
  });
  const fields = { messageId: event.messageId, broadcasterId: event.broadcasterId, kind: event.kind };
  if (outcome.kind === 'unknown-broadcaster') log.info('EventSub message for a channel no builder has linked; acknowledged', fields);
  else if (outcome.kind === 'older') log.info('EventSub message older than the recorded stream status; dropped', fields);
  else if (outcome.kind === 'revoked') {
    // One DM per revocation, even when Twitch revokes the online and offline subscriptions
    // in two messages, and again if this DM failed and the message is redelivered.
    await runOnce(
      deps.store,
      `twitch-revoked-dm:${outcome.builderId}:${outcome.revokedAt}`,
      async () => {
        await sendDmIfOpen(deps.discord, outcome.builderId, twitchRevokedDm(outcome.login, outcome.reason));
      },
      { clock: deps.clock },
    );
  }
}

type Revocation = { kind: 'revoked'; builderId: string; login: string; reason: string; revokedAt: string } | { kind: 'older' };

function recordRevocation(tx: Transaction, builderId: string, builder: Builder, event: StreamEvent): Revocation {
  const eventSub = builder.eventSub;
  // A revocation of a subscription the builder has since replaced (relinked) changes nothing.
  // Ids, not times: Twitch's clock and ours may disagree by a little, ids do not.
  if (eventSub && event.subscriptionId && !eventSub.subscriptionIds.includes(event.subscriptionId)) return { kind: 'older' };
  const login = builder.twitch?.login ?? '';
  if (eventSub?.revokedAt) {
    return { kind: 'revoked', builderId, login, reason: eventSub.revokedReason ?? '', revokedAt: eventSub.revokedAt };
  }
  const reason = event.reason ?? '';
  const recorded: StreamEventSubscription = eventSub
    ? { ...eventSub, revokedAt: event.at, revokedReason: reason }
    : // Subscribed without our record of it (that write failed): the revocation is the first we know.
      { subscriptionIds: event.subscriptionId ? [event.subscriptionId] : [], subscribedAt: event.at, revokedAt: event.at, revokedReason: reason };
  tx.update(builderPath(builderId), { eventSub: recorded });
  return { kind: 'revoked', builderId, login, reason, revokedAt: event.at };
}
