/**
 * The buyer of a late (or moved) commission is told once, by DM, with the two buttons; one
 * whose DMs are closed is mentioned in their drop's channel instead, with the buttons and
 * nothing private (no amount, no reason).
 */
import { LocalDocumentStore } from '../../local/firestore/document-store';
import { DiscordOutbox } from '../../local/discord/discord-outbox';
import { orderPath, type Order } from '../../orders';
import type { Interaction } from '../../discord';
import type { TaskQueue } from '../../ports';
import { checkLate } from '../use-cases/late-check';
import { delayPlace } from '../use-cases/delay-place';
import { placed } from './queue-fixtures';
import { queuePrivacyPath } from '../rules/queue-privacy';

const promisedAt = '2026-12-13T12:00:00.000Z';
const afterIt = { now: () => new Date('2026-12-14T12:00:00Z') };

async function world(order: Order = placed(1)) {
  const store = new LocalDocumentStore();
  const discord = new DiscordOutbox();
  await store.set(orderPath(order.orderId), order);
  const asked: string[] = [];
  const orderChannel = async (o: Order) => {
    asked.push(o.orderId);
    return 'drop-channel';
  };
  return { store, discord, orderChannel, asked, clock: afterIt };
}

const buttonsOf = (message: { components?: unknown } | undefined) => JSON.stringify(message?.components ?? []);

describe('telling a buyer their commission is late', () => {
  it('DMs the buyer once with Cancel and refund and Keep waiting, however often the check runs', async () => {
    const w = await world();
    await checkLate(w, { orderId: 'order1', promisedAt });
    await checkLate(w, { orderId: 'order1', promisedAt });
    const toBuyer = w.discord.entries.filter((e) => e.kind === 'dm' && e.userId === 'buyer1');
    expect(toBuyer).toHaveLength(1);
    expect(buttonsOf(toBuyer[0]?.message)).toContain('qcancel:order1');
    expect(w.discord.entries.filter((e) => e.kind === 'channel')).toHaveLength(0);
  });

  it('mentions a buyer whose DMs are closed in their drop’s channel, with the buttons and no amount', async () => {
    const w = await world();
    w.discord.closeDms('buyer1');
    await checkLate(w, { orderId: 'order1', promisedAt });
    const posted = w.discord.entries.filter((e) => e.kind === 'channel');
    expect(posted).toHaveLength(1);
    expect(posted[0]).toMatchObject({ channelId: 'drop-channel', message: { allowed_mentions: { users: ['buyer1'] } } });
    const text = posted[0]?.message.content ?? '';
    expect(text).toContain('<@buyer1>');
    expect(text).toContain('passed its promised date');
    expect(text).not.toMatch(/\$|100|Board/);
    expect(buttonsOf(posted[0]?.message)).toContain('qcancel:order1');
    expect(buttonsOf(posted[0]?.message)).toContain('qwait:order1');
  });

  it('mentions a buyer who hid their name from the lines without their order or its lateness, buttons kept', async () => {
    const w = await world();
    await w.store.set(queuePrivacyPath('buyer1'), { nameHidden: true, at: '2026-11-20T12:00:00Z' });
    w.discord.closeDms('buyer1');
    await checkLate(w, { orderId: 'order1', promisedAt });
    const posted = w.discord.entries.filter((e) => e.kind === 'channel');
    expect(posted).toHaveLength(1);
    const text = posted[0]?.message.content ?? '';
    expect(text).toContain('<@buyer1>');
    expect(text).not.toMatch(/order1|promised|late|moved/);
    expect(buttonsOf(posted[0]?.message)).toContain('qcancel:order1');
  });

  it('looks for the drop’s channel only when the DM was refused', async () => {
    const w = await world();
    await checkLate(w, { orderId: 'order1', promisedAt });
    expect(w.asked).toEqual([]);
    const closed = await world();
    closed.discord.closeDms('buyer1');
    await checkLate(closed, { orderId: 'order1', promisedAt });
    expect(closed.asked).toEqual(['order1']);
  });

  it('tells nobody anything when the order was finished before its date', async () => {
    const w = await world(placed(1, {}, { ended: 'done' }));
    await checkLate(w, { orderId: 'order1', promisedAt });
    expect(w.discord.entries).toHaveLength(0);
  });
});

describe('telling a buyer their commission’s date moved', () => {
  const tasks: TaskQueue = { schedule: async () => 'scheduled', cancel: async () => false };
  const delay = (id: string): Interaction =>
    ({
      id,
      type: 2,
      token: `t-${id}`,
      application_id: 'app',
      guild_id: 'g1',
      channel_id: 'builders-channel',
      member: { user: { id: '811000000000000001', username: 'Builder' }, permissions: '0' },
      data: {
        name: 'c500',
        options: [
          {
            name: 'queue',
            type: 2,
            options: [
              {
                name: 'delay',
                type: 1,
                options: [
                  { name: 'order', type: 3, value: 'order1' },
                  { name: 'weeks', type: 4, value: 2 },
                  { name: 'reason', type: 3, value: 'switches stuck at customs' },
                ],
              },
            ],
          },
        ],
      },
    }) as unknown as Interaction;

  it('mentions a buyer whose DMs are closed in the drop’s channel, not the builder’s, and keeps the reason out of it', async () => {
    const w = await world();
    w.discord.closeDms('buyer1');
    const answer = await delayPlace({ ...w, clock: { now: () => new Date('2026-11-20T12:00:00Z') }, tasks }, delay('i1'));
    expect(answer.content).toContain('Moved');
    const posted = w.discord.entries.filter((e) => e.kind === 'channel');
    expect(posted).toHaveLength(1);
    expect(posted[0]).toMatchObject({ channelId: 'drop-channel' });
    expect(posted[0]?.message.content).toContain('had its promised date moved');
    expect(posted[0]?.message.content).not.toContain('customs');
    expect(buttonsOf(posted[0]?.message)).toContain('qcancel:order1');
  });
});
