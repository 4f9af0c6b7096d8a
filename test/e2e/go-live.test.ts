/**
 * `/c500 live` end to end: really signed interactions, a really signed `stream.online`
 * from the Twitch simulator, and the Stripe simulator's transfers.
 */
import {
  DROP_ROLE,
  GENERAL,
  MARKETPLACE,
  dmsTo,
  linkTwitch,
  onboard,
  order,
  paidOrder,
  postDrop,
  postsIn,
  pressBuyNow,
  say,
  shipAndReceive,
  setUpGuild,
  streamEvent,
  textOf,
  transfers,
} from '../support/marketplace';
import { startTestRuntime, type TestRuntime } from '../support/local-runtime';
import { command } from '../support/interactions';
import type { DiscordMessage } from '../../shared/ports';
import { ordersCollection } from '../../shared/orders';

let rt: TestRuntime;
const builder = '810000000000000001';
const otherBuilder = '810000000000000002';
const buyer = '820000000000000001';

beforeAll(async () => {
  rt = await startTestRuntime();
  await setUpGuild(rt);
  await onboard(rt, builder);
  await linkTwitch(rt, builder, 'lavenderkeebs');
  await onboard(rt, otherBuilder);
  await linkTwitch(rt, otherBuilder, 'brassplates');
});
afterAll(() => rt.close());

const live = (userId: string, mode: string | Record<string, string>) =>
  say(rt, userId, { path: ['live'], options: typeof mode === 'string' ? { mode } : mode });

describe('/c500 live while offline', () => {
  beforeAll(() => streamEvent(rt, 'lavenderkeebs', 'offline'));

  it('refuses every mode with what to do, and changes nothing', async () => {
    const paid = await paidOrder(rt, builder, buyer);
    const before = rt.outbox.entries.length;
    for (const mode of ['chat', 'drop', `order:${paid.orderId}`, `orders:${paid.orderId}`]) {
      expect(textOf(await live(builder, mode))).toContain('not live on **twitch.tv/lavenderkeebs**');
    }
    expect((await order(rt, paid.orderId))?.status).toBe('paid');
    expect(rt.outbox.entries.slice(before).filter((e) => e.kind !== 'edit')).toEqual([]);
    expect(await transfers(rt)).toEqual([]);
  });
});

describe('/c500 live while a rerun plays', () => {
  beforeAll(() => streamEvent(rt, 'lavenderkeebs', 'online', 'rerun'));
  afterAll(() => streamEvent(rt, 'lavenderkeebs', 'offline'));

  it('refuses proof of work: a VOD rerun is not the builder at the bench', async () => {
    const paid = await paidOrder(rt, builder, buyer);
    expect(textOf(await live(builder, `order:${paid.orderId}`))).toContain('playing a rerun, not a live broadcast');
    expect((await order(rt, paid.orderId))?.status).toBe('paid');
  });
});

describe('/c500 live while live', () => {
  beforeAll(() => streamEvent(rt, 'lavenderkeebs', 'online'));

  it('mode:chat posts a hangout with the stream link in the general channel', async () => {
    expect(textOf(await live(builder, 'chat'))).toContain(`<#${GENERAL}>`);
    expect(textOf(postsIn(rt, GENERAL).at(-1)!)).toContain('https://twitch.tv/lavenderkeebs');
  });

  it('mode:drop posts hype in the marketplace channel and pings only the drop role', async () => {
    expect(textOf(await live(builder, 'drop'))).toContain(`<#${MARKETPLACE}>`);
    const hype = postsIn(rt, MARKETPLACE).at(-1)!;
    expect(hype.content).toContain(`<@&${DROP_ROLE}>`);
    expect(hype.allowed_mentions).toEqual({ parse: [], roles: [DROP_ROLE] });
  });

  it('mode:order:<id> puts the order on the workbench, saves the proof, DMs the buyer, and the funds leave once when the buyer presses Received', async () => {
    const paid = await paidOrder(rt, builder, buyer);
    const answer = textOf(await live(builder, `order:${paid.orderId}`));
    expect(answer).toContain(`✅ \`${paid.orderId}\``);
    // The delivery gate (issue 78): the proof alone sends nothing; the builder is told to ship.
    expect(answer).toContain('ship it with `/c500 ship`');
    expect((await transfers(rt)).filter((t) => t.transfer_group === paid.orderId)).toEqual([]);

    const proved = await order(rt, paid.orderId);
    // The proof is a clip of the stream (proof-clips.test.ts covers the VOD and the channel).
    expect(proved).toMatchObject({ status: 'building', proof: { kind: 'clip', url: expect.stringMatching(/^https:\/\/clips\.twitch\.tv\//) } });
    expect(proved?.proofUrl).toBe(proved?.proof?.url);
    expect(proved?.proof?.provedAt).toEqual(expect.any(String));
    expect(textOf(dmsTo(rt, buyer).at(-1)!)).toContain('is on the workbench right now! Watch');
    expect(textOf(dmsTo(rt, buyer).at(-1)!)).toContain(proved!.proofUrl!);

    // Proving it again, before the parcel arrives, still releases nothing: the gate, not the proof, lets the payout go.
    expect(textOf(await live(builder, `order:${paid.orderId}`))).toContain('ship it with `/c500 ship`');
    expect((await transfers(rt)).filter((t) => t.transfer_group === paid.orderId)).toEqual([]);

    await shipAndReceive(rt, builder, buyer, paid.orderId);
    const released = (await transfers(rt)).filter((t) => t.transfer_group === paid.orderId);
    expect(released).toHaveLength(1);
    expect(released[0]).toMatchObject({ amount: 21600, source_transaction: paid.chargeId }); // $240 less the 10 % platform fee
  });

  it('accepts the structured form mode:order order:<id>', async () => {
    const paid = await paidOrder(rt, builder, buyer);
    expect(textOf(await live(builder, { mode: 'order', order: paid.orderId.toUpperCase() }))).toContain(`✅ \`${paid.orderId}\``);
  });

  it('mode:orders verifies each order on its own and sends one summary; duplicates count once, and each pays out once when received', async () => {
    const first = await paidOrder(rt, builder, buyer);
    const second = await paidOrder(rt, builder, buyer);
    const foreign = await paidOrder(rt, otherBuilder, buyer);
    const buyerDms = dmsTo(rt, buyer).length;
    const answer = textOf(await live(builder, `orders:${first.orderId},${second.orderId},${first.orderId},${foreign.orderId},nosuch00`));
    expect(answer).toContain('2 of 4 verified live');
    expect(answer).toContain(`✅ \`${first.orderId}\``);
    expect(answer).toContain(`✅ \`${second.orderId}\``);
    expect(answer).toContain(`✖️ \`${foreign.orderId}\`: not one of your orders`);
    expect(answer).toContain('✖️ `nosuch00`: no such order');
    expect(dmsTo(rt, buyer).length - buyerDms).toBe(2);
    expect((await order(rt, foreign.orderId))?.status).toBe('paid');
    await shipAndReceive(rt, builder, buyer, first.orderId);
    expect((await transfers(rt)).filter((t) => t.transfer_group === first.orderId)).toHaveLength(1);
  });

  it('refuses an order that is not paid yet', async () => {
    const { drop } = await postDrop(rt, builder);
    await pressBuyNow(rt, buyer, drop!.dropId);
    const [pending] = (await rt.store.query(ordersCollection, { where: [['sourceId', '==', drop!.dropId]] })).map((d) => d.data);
    expect(textOf(await live(builder, `order:${pending!.orderId}`))).toContain('not paid yet');
  });

  it('does not let a builder prove another builder’s order, even while live', async () => {
    await streamEvent(rt, 'brassplates', 'online');
    const theirs = await paidOrder(rt, builder, buyer);
    expect(textOf(await live(otherBuilder, `order:${theirs.orderId}`))).toContain('not one of your orders');
    expect((await order(rt, theirs.orderId))?.status).toBe('paid');
  });
});

describe('/c500 live refusals that need no stream', () => {
  it.each(['party', 'orders:', 'order:a$b', 'chat please'])(
    'answers the malformed mode %p in the request with the five forms, deferring nothing',
    async (mode) => {
      const res = await rt.sendInteraction(command({ name: 'c500', path: ['live'], options: { mode }, userId: builder }));
      const body = (await res.json()) as { type: number; data: DiscordMessage };
      expect(body.type).toBe(4);
      expect(body.data.flags).toBe(64);
      expect(textOf(body.data)).toContain('`/c500 live` has five forms');
    },
  );

  it('asks a builder without a linked channel to link Twitch first', async () => {
    expect(textOf(await live('810000000000000099', 'chat'))).toContain('/c500 link-twitch');
  });
});

describe('a channel renamed on Twitch after it was linked', () => {
  it('builds every stream link from the login in Twitch’s latest event: the hangout, the proof and the buyer’s DM', async () => {
    const renamed = await fetch(`${rt.url}/_local/twitch/users/brassplates/rename?to=brass_plates_live`, { method: 'POST' });
    expect(renamed.status).toBe(200);
    await streamEvent(rt, 'brass_plates_live', 'online');

    expect(textOf(await live(otherBuilder, 'chat'))).toContain(`<#${GENERAL}>`);
    expect(textOf(postsIn(rt, GENERAL).at(-1)!)).toContain('https://twitch.tv/brass_plates_live');

    const paid = await paidOrder(rt, otherBuilder, buyer);
    await live(otherBuilder, `order:${paid.orderId}`);
    expect(textOf(dmsTo(rt, buyer).at(-1)!)).toContain('build it live: https://twitch.tv/brass_plates_live');
    const clipped = await fetch(`${rt.url}/_local/twitch/channels/brass_plates_live/settings`, { method: 'POST', body: '{"clips":false,"vods":false}' });
    expect(clipped.status).toBe(200);
    const channelOnly = await paidOrder(rt, otherBuilder, buyer);
    await live(otherBuilder, `order:${channelOnly.orderId}`);
    expect((await order(rt, channelOnly.orderId))?.proof?.url).toBe('https://twitch.tv/brass_plates_live');
    expect(textOf(dmsTo(rt, buyer).at(-1)!)).toContain('twitch.tv/brass_plates_live');
    await streamEvent(rt, 'brass_plates_live', 'offline');
  });
});
