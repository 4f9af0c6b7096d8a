import { discordCommands } from '../../../functions/discord-commands';
import { loadConfig } from '../../config';
import { LocalDocumentStore } from '../../local/firestore/document-store';
import { DiscordOutbox } from '../../local/discord/discord-outbox';
import { LocalEventBus } from '../../local/pubsub/event-bus';
import type { Platform } from '../../platform';
import { collectionPath, type AuctionBook, type DocumentData, type PubSubCloudEvent } from '../../ports';
import { InMemoryAuctionBook } from '../../local/upstash/in-memory-auction-book';
import type { CommandJob } from '../route-interaction';
import { ADMIN, command } from '../../../test/support/interactions';
import { snowflakeAt } from '../../common';
import { guildsCollection } from '../../guild/rules/guild';
import { erasureAsksOf } from '../../privacy/use-cases/take-erasure-ask';

const fixedNow = new Date('2026-11-21T12:00:00.000Z');

function world(book?: AuctionBook) {
  const store = new LocalDocumentStore();
  const outbox = new DiscordOutbox(undefined, { clock: { now: () => fixedNow } });
  const platform: Platform = {
    config: loadConfig({
      TWITCH_CLIENT_ID: 'client',
      OAUTH_STATE_KEY: 'state-key-of-its-own-0123456789abcdef',
      TWITCH_EVENTSUB_SECRET: 'eventsub-secret-for-tests',
    }),
    clock: { now: () => fixedNow },
    store: () => store,
    publisher: () => {
      throw new Error('not used');
    },
    tasks: () => {
      throw new Error('not used');
    },
    discord: () => outbox,
    chatOutbox: () => {
      throw new Error('no chat here');
    },
    auctionBook: () => {
      if (book) return book;
      throw new Error('not used');
    },
    payments: () => {
      throw new Error('not used');
    },
    carrier: () => {
      throw new Error('not used');
    },
    twitch: () => {
      throw new Error('not used');
    },
    twitchChat: () => {
      throw new Error('not used');
    },
    shopConnections: () => {
      throw new Error('not used');
    },
    shopSecrets: () => {
      throw new Error('not used');
    },
    discordOAuth: () => {
      throw new Error('not used');
    },
  };
  return { store, outbox, handle: discordCommands(platform) };
}

/** Captures the CloudEvents the real bus would hand the subscriber. */
async function eventsFor(jobs: CommandJob[]): Promise<PubSubCloudEvent[]> {
  const bus = new LocalEventBus({ projectId: 'test' });
  const events: PubSubCloudEvent[] = [];
  bus.subscribe('discord-commands', 'capture', async (e) => void events.push(e), { maxDeliveryAttempts: 1 });
  for (const job of jobs) await bus.publish('discord-commands', job);
  await bus.idle();
  return events;
}

/** Each collection's documents; a once-record's `claimId` (which call held it, random per call) left out. */
async function dump(store: LocalDocumentStore, collections: string[]) {
  const out: Record<string, unknown> = {};
  for (const c of collections)
    out[c] = (await store.query(collectionPath<DocumentData>(c))).map(({ data: { claimId: _claim, ...data }, ...doc }) => ({ ...doc, data }));
  return out;
}

describe('what a person does, after an erasure', () => {
  const member = '821000000000007001';
  const erasedLately = { asks: [{ at: new Date(fixedNow.getTime() - 60_000).toISOString() }], expiresAt: new Date(fixedNow.getTime() + 9 * 60_000) };

  it('GIVEN a member who erased a minute ago WHEN a command of theirs runs THEN their record is marked, so their next erasure searches again', async () => {
    const [event] = await eventsFor([{ job: 'profile-view', interaction: command({ name: 'c500', path: ['profile'], userId: member }) }]);
    const { store, handle } = world();
    await store.set(erasureAsksOf(member), erasedLately);
    await handle(event as PubSubCloudEvent);
    expect(await store.get(erasureAsksOf(member))).toMatchObject({ asks: erasedLately.asks, actedAt: fixedNow.toISOString() });
  });

  it('GIVEN the same member WHEN they ask /c500 privacy THEN nothing is marked: privacy’s own commands write nothing of theirs', async () => {
    const [event] = await eventsFor([{ job: 'privacy-view', interaction: command({ name: 'c500', path: ['privacy'], userId: member }) }]);
    // The summary asks the live books what they hold of the member.
    const { store, handle, outbox } = world(new InMemoryAuctionBook());
    await store.set(erasureAsksOf(member), erasedLately);
    await handle(event as PubSubCloudEvent);
    expect(outbox.entries).toHaveLength(1);
    expect(await store.get(erasureAsksOf(member))).not.toHaveProperty('actedAt');
  });
});

describe('the discordCommands subscriber', () => {
  it('leaves the store and the outbox as after one delivery when every message is delivered twice', async () => {
    const jobs: CommandJob[] = [
      { job: 'configure-guild', interaction: command({ name: 'c500', path: ['setup'], permissions: ADMIN, options: { general: '11', marketplace: '12' } }) },
      { job: 'profile-view', interaction: command({ name: 'c500', path: ['profile'] }) },
    ];
    const events = await eventsFor(jobs);
    const once = world();
    for (const e of events) await once.handle(e);
    const twice = world();
    for (const e of [...events, ...events]) await twice.handle(e);
    expect(await dump(twice.store, ['guilds', 'processed'])).toEqual(await dump(once.store, ['guilds', 'processed']));
    expect(twice.outbox.entries.map((e) => [e.kind, e.interactionToken])).toEqual(once.outbox.entries.map((e) => [e.kind, e.interactionToken]));
    expect(once.outbox.entries).toHaveLength(2);
  });

  it('handles two concurrent deliveries of one message once and asks for the other to be retried', async () => {
    const [event] = await eventsFor([{ job: 'profile-view', interaction: command({ name: 'c500', path: ['profile'] }) }]);
    const { handle, outbox } = world();
    const results = await Promise.allSettled([handle(event as PubSubCloudEvent), handle(event as PubSubCloudEvent)]);
    expect(results.filter((r) => r.status === 'fulfilled').length).toBeGreaterThanOrEqual(1);
    expect(outbox.entries).toHaveLength(1);
    await handle(event as PubSubCloudEvent); // the redelivery of the refused one
    expect(outbox.entries).toHaveLength(1);
  });

  it('acknowledges a message that is not a command job instead of retrying it forever', async () => {
    const bus = new LocalEventBus({ projectId: 'test' });
    const { handle } = world();
    const seen: PubSubCloudEvent[] = [];
    bus.subscribe(
      'discord-commands',
      'sub',
      async (e) => {
        seen.push(e);
        await handle(e);
      },
      { maxDeliveryAttempts: 3 },
    );
    await bus.publish('discord-commands', { job: 'launch-rocket' });
    await bus.idle();
    expect(seen).toHaveLength(1);
    expect(bus.deadLetters).toHaveLength(0);
  });

  it('does the work of a command redelivered after its token expired, and sends Discord nothing it would refuse', async () => {
    const interaction = {
      ...command({ name: 'c500', path: ['setup'], permissions: ADMIN, options: { general: '11', marketplace: '12' } }),
      id: snowflakeAt(fixedNow.getTime() - 20 * 60_000, 3),
    };
    const [event] = await eventsFor([{ job: 'configure-guild', interaction }]);
    const late = world();

    await late.handle(event as PubSubCloudEvent);

    expect(await late.store.query(guildsCollection)).toHaveLength(1);
    expect(late.outbox.entries).toEqual([]);
    expect(late.outbox.refused).toEqual([]);
  });
});
