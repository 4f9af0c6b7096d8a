import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LocalDocumentStore } from '../../local/firestore/document-store';
import { DiscordOutbox } from '../../local/discord/discord-outbox';
import { parseTwitchEventMessage, recordStreamEvent } from '../use-cases/record-stream-event';
import type { TwitchEventMessage } from '../use-cases/accept-twitch-message';
import { knownLiveStatus, builderPath, twitchChannelPath, twitchChannelsCollection, type Builder } from '../rules/builder';
import { PoisonMessage } from '../../errors';

const builderId = '810000000000000001';
const broadcasterId = '123456789';
const linkedAt = '2026-11-21T10:00:00.000Z';

async function world() {
  const store = new LocalDocumentStore();
  const outbox = new DiscordOutbox();
  await store.set(builderPath(builderId), {
    discordUserId: builderId,
    displayName: 'Lavender',
    stripeAccountId: 'acct_1',
    twitch: { userId: broadcasterId, login: 'lavkeebs', displayName: 'LavKeebs', linkedAt },
    eventSub: { subscriptionIds: ['sub-on', 'sub-off'], subscribedAt: linkedAt },
  });
  await store.set(twitchChannelPath(broadcasterId), { builderId, login: 'lavkeebs', linkedAt });
  const deps = { store, discord: outbox, clock: { now: () => new Date('2026-11-21T12:00:00.000Z') } };
  return {
    store,
    outbox,
    deliver: (message: TwitchEventMessage) => recordStreamEvent(deps, parseTwitchEventMessage(JSON.parse(JSON.stringify(message)))),
    builder: async () => (await store.get(builderPath(builderId))) as Builder,
  };
}

const subscription = (type: string, id: string, status = 'enabled', broadcaster = broadcasterId) => ({
  id,
  status,
  type,
  version: '1',
  condition: { broadcaster_user_id: broadcaster },
  transport: { method: 'webhook', callback: 'https://c500.example/webhooks/twitch' },
  created_at: linkedAt,
});

function online(messageId: string, timestamp: string, type = 'live', broadcaster = broadcasterId): TwitchEventMessage {
  return {
    messageId,
    messageType: 'notification',
    timestamp,
    subscription: subscription('stream.online', 'sub-on', 'enabled', broadcaster),
    event: {
      id: `stream-${messageId}`,
      broadcaster_user_id: broadcaster,
      broadcaster_user_login: 'lavkeebs',
      broadcaster_user_name: 'LavKeebs',
      type,
      started_at: timestamp,
    },
  };
}

function offline(messageId: string, timestamp: string): TwitchEventMessage {
  return {
    messageId,
    messageType: 'notification',
    timestamp,
    subscription: subscription('stream.offline', 'sub-off'),
    event: { broadcaster_user_id: broadcasterId, broadcaster_user_login: 'lavkeebs', broadcaster_user_name: 'LavKeebs' },
  };
}

const revocation = (messageId: string, timestamp: string, subscriptionId = 'sub-on', reason = 'authorization_revoked'): TwitchEventMessage => ({
  messageId,
  messageType: 'revocation',
  timestamp,
  subscription: subscription(subscriptionId === 'sub-off' ? 'stream.offline' : 'stream.online', subscriptionId, reason),
});

/** Twitch's own stream.online example, re-addressed to this builder's channel under a new login. */
function renamedOnline(messageId: string, timestamp: string, login: string): TwitchEventMessage {
  const fixture = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'test', 'fixtures', 'twitch', 'stream.online.notification.json'), 'utf8')) as Pick<
    TwitchEventMessage,
    'subscription' | 'event'
  >;
  return {
    messageId,
    messageType: 'notification',
    timestamp,
    subscription: { ...fixture.subscription, condition: { broadcaster_user_id: broadcasterId } },
    event: { ...fixture.event, broadcaster_user_id: broadcasterId, broadcaster_user_login: login },
  };
}

describe('a channel renamed on Twitch', () => {
  it('takes the login from Twitch’s latest event for the builder and the channel link', async () => {
    const w = await world();
    await w.deliver(renamedOnline('r1', '2026-11-21T11:00:00Z', 'Lav_Keebs_Live'));
    expect((await w.builder()).twitch?.login).toBe('lav_keebs_live');
    expect(await w.store.get(twitchChannelPath(broadcasterId))).toMatchObject({ login: 'lav_keebs_live', builderId });
  });

  it('never goes back to an old login from a message older than the last one recorded', async () => {
    const w = await world();
    await w.deliver(renamedOnline('r2', '2026-11-21T11:00:00Z', 'lav_keebs_live'));
    await w.deliver(offline('r3', '2026-11-21T10:00:00Z'));
    expect((await w.builder()).twitch?.login).toBe('lav_keebs_live');
  });
});

describe('recording stream events from EventSub', () => {
  it('marks the builder live on stream.online of a live stream', async () => {
    const w = await world();
    expect(await w.deliver(online('m1', '2026-11-21T11:00:00.123456789Z'))).toBe(true);
    const builder = await w.builder();
    expect(builder.stream).toEqual({
      status: 'live',
      type: 'live',
      streamId: 'stream-m1',
      startedAt: '2026-11-21T11:00:00.123456789Z',
      changedAt: '2026-11-21T11:00:00.123Z',
    });
    expect(knownLiveStatus(builder)).toBe('live');
    expect(builder.stripeAccountId).toBe('acct_1');
  });

  it('records a rerun as a rerun, which does not count as live', async () => {
    const w = await world();
    await w.deliver(online('m1', '2026-11-21T11:00:00Z', 'rerun'));
    const builder = await w.builder();
    expect(builder.stream).toMatchObject({ status: 'live', type: 'rerun' });
    expect(knownLiveStatus(builder)).toBe('not-live');
  });

  it('marks the builder offline on stream.offline, dropping the old stream’s details', async () => {
    const w = await world();
    await w.deliver(online('m1', '2026-11-21T11:00:00Z'));
    await w.deliver(offline('m2', '2026-11-21T11:30:00Z'));
    const builder = await w.builder();
    expect(builder.stream).toEqual({ status: 'offline', changedAt: '2026-11-21T11:30:00.000Z' });
    expect(knownLiveStatus(builder)).toBe('not-live');
  });

  it('ignores a message older than the recorded status, since EventSub does not promise order', async () => {
    const w = await world();
    await w.deliver(offline('m2', '2026-11-21T11:30:00Z'));
    expect(await w.deliver(online('m1', '2026-11-21T11:00:00Z'))).toBe(true);
    expect((await w.builder()).stream).toEqual({ status: 'offline', changedAt: '2026-11-21T11:30:00.000Z' });
  });

  it('handles a redelivered message once', async () => {
    const w = await world();
    const message = online('m1', '2026-11-21T11:00:00Z');
    expect(await w.deliver(message)).toBe(true);
    // Something else moved the status on; a second run would overwrite it.
    await w.store.update(builderPath(builderId), { stream: { status: 'offline', changedAt: '2026-11-21T10:00:00.000Z' } });
    expect(await w.deliver(message)).toBe(false);
    expect((await w.builder()).stream).toEqual({ status: 'offline', changedAt: '2026-11-21T10:00:00.000Z' });
  });

  it('acknowledges a message for a channel no builder has linked, writing nothing about it', async () => {
    const w = await world();
    expect(await w.deliver(online('m1', '2026-11-21T11:00:00Z', 'live', '999'))).toBe(true);
    expect((await w.builder()).stream).toBeUndefined();
    expect(await w.store.query(twitchChannelsCollection)).toHaveLength(1);
  });

  it('records a revocation, makes live status unknown and DMs the builder once, however many messages say so', async () => {
    const w = await world();
    await w.deliver(online('m1', '2026-11-21T11:00:00Z'));
    await w.deliver(revocation('r1', '2026-11-21T11:10:00Z', 'sub-on'));
    await w.deliver(revocation('r1', '2026-11-21T11:10:00Z', 'sub-on'));
    await w.deliver(revocation('r2', '2026-11-21T11:10:01Z', 'sub-off'));
    const builder = await w.builder();
    expect(builder.eventSub).toEqual({
      subscriptionIds: ['sub-on', 'sub-off'],
      subscribedAt: linkedAt,
      revokedAt: '2026-11-21T11:10:00.000Z',
      revokedReason: 'authorization_revoked',
    });
    expect(knownLiveStatus(builder)).toBe('unknown');
    expect(w.outbox.entries).toHaveLength(1);
    const dm = w.outbox.entries[0];
    expect(dm).toMatchObject({ kind: 'dm', userId: builderId });
    const text = JSON.stringify(dm?.message);
    expect(text).toContain('can no longer see when you go live');
    expect(text).toContain('/c500 link-twitch');
    expect(text).toContain('twitch.tv/lavkeebs');
  });

  it('sends the revocation DM again when the first try failed and the message is redelivered', async () => {
    const w = await world();
    const sendDm = jest.spyOn(w.outbox, 'sendDm').mockRejectedValueOnce(new Error('discord down'));
    await expect(w.deliver(revocation('r1', '2026-11-21T11:10:00Z'))).rejects.toThrow('discord down');
    await w.deliver(revocation('r1', '2026-11-21T11:10:00Z'));
    expect(sendDm).toHaveBeenCalledTimes(2);
    expect(w.outbox.entries).toHaveLength(1);
  });

  it('ignores the revocation of a subscription the builder has since replaced', async () => {
    const w = await world();
    await w.deliver(revocation('r1', '2026-11-21T11:10:00Z', 'sub-from-an-old-link'));
    expect((await w.builder()).eventSub?.revokedAt).toBeUndefined();
    expect(w.outbox.entries).toHaveLength(0);
  });

  it('acknowledges subscription types it does not follow and refuses what is not an EventSub message', async () => {
    const w = await world();
    const follow: TwitchEventMessage = {
      messageId: 'f1',
      messageType: 'notification',
      timestamp: '2026-11-21T11:00:00Z',
      subscription: subscription('channel.follow', 'sub-follow'),
      event: {},
    };
    expect(await w.deliver(follow)).toBe(false);
    expect(() => parseTwitchEventMessage({ hello: 'world' })).toThrow(PoisonMessage);
  });
});

describe('revocations that are not the stream subscriptions’', () => {
  it('leaves a revoked chat subscription to chat bidding: no live-status change, no DM from here', () => {
    const chatRevoked: TwitchEventMessage = {
      messageId: 'rv-chat',
      messageType: 'revocation',
      timestamp: '2026-11-21T11:00:00Z',
      subscription: {
        ...subscription('channel.chat.message', 'sub-chat', 'authorization_revoked'),
        condition: { broadcaster_user_id: broadcasterId, user_id: '100000001' },
      },
    };
    expect(parseTwitchEventMessage(chatRevoked)).toEqual({ ignored: 'revocation of channel.chat.message' });
  });
});
