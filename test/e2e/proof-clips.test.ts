/**
 * A proof of work that can be watched later, end to end: really signed interactions and
 * EventSub deliveries, the local Twitch's clips and past broadcasts switched on and off as a
 * streamer would, and the VOD search's tasks run on a test clock.
 */
import { dmsTo, linkTwitch, onboard, order, paidOrder, say, setUpGuild, streamEvent, textOf } from '../support/marketplace';
import { startTestRuntime, type TestRuntime } from '../support/local-runtime';
import { TestClock } from '../support/auctions';
import { command, useInteractionClock } from '../support/interactions';
import { onceRecordPath } from '../../shared/common/rules/once-record';
import { orderPath } from '../../shared/orders';

let rt: TestRuntime;
let clock: TestClock;
let t0: number;
const builder = '810000000000000031';
const buyer = '820000000000000031';
const login = 'clipkeebs';

beforeAll(async () => {
  clock = new TestClock();
  useInteractionClock(clock);
  rt = await startTestRuntime({ clock });
  await setUpGuild(rt);
  await onboard(rt, builder);
  await linkTwitch(rt, builder, login);
  // The stream began 1 h 2 min 3 s before every proof below.
  t0 = Date.now();
  clock.ms = t0 - 3_723_000;
  await streamEvent(rt, login, 'online');
  clock.ms = t0;
});
afterAll(() => rt.close());

interface MadeClip {
  clipId: string;
  url: string;
  broadcasterId: string;
}
const clips = async (): Promise<MadeClip[]> => ((await (await fetch(`${rt.url}/_local/twitch/clips`)).json()) as { clips: MadeClip[] }).clips;

async function channelSettings(settings: unknown): Promise<Response> {
  return fetch(`${rt.url}/_local/twitch/channels/${login}/settings`, {
    method: 'POST',
    body: JSON.stringify(settings),
    headers: { 'content-type': 'application/json' },
  });
}

const prove = (orderId: string) => say(rt, builder, { path: ['live'], options: { mode: `order:${orderId}` } });

describe('a proof of work', () => {
  beforeEach(async () => {
    clock.ms = t0;
    expect((await channelSettings({ clips: true, vods: true })).status).toBe(200);
  });

  it('makes a clip of the live stream: the order’s proof is the clip, and the buyer’s DM and the builder’s answer link it', async () => {
    const before = (await clips()).length;
    const paid = await paidOrder(rt, builder, buyer);
    const answer = textOf(await prove(paid.orderId));

    const made = (await clips()).slice(before);
    expect(made).toHaveLength(1);
    const proved = await order(rt, paid.orderId);
    expect(proved).toMatchObject({ status: 'building', proofUrl: made[0]!.url, proof: { kind: 'clip', clipId: made[0]!.clipId, url: made[0]!.url } });
    expect(made[0]!.url).toMatch(/^https:\/\/clips\.twitch\.tv\//);
    expect(answer).toContain(`a clip of the stream at the proof: ${made[0]!.url}`);
    expect(textOf(dmsTo(rt, buyer).at(-1)!)).toContain(`a clip of the stream at the proof: ${made[0]!.url}`);
  });

  it('with clips off, is the stream’s VOD at the moment of the proof', async () => {
    expect((await channelSettings({ clips: false })).status).toBe(200);
    const before = (await clips()).length;
    const paid = await paidOrder(rt, builder, buyer);
    const answer = textOf(await prove(paid.orderId));

    const proved = await order(rt, paid.orderId);
    expect(proved?.proof).toMatchObject({ kind: 'vod', vodOffsetSeconds: 3_723 });
    expect(proved?.proofUrl).toMatch(/^https:\/\/www\.twitch\.tv\/videos\/\d+\?t=1h2m3s$/);
    expect(answer).toContain(`the stream’s recording (VOD) at 01:02:03: ${proved?.proofUrl}`);
    expect(textOf(dmsTo(rt, buyer).at(-1)!)).toContain(proved!.proofUrl!);
    expect(await clips()).toHaveLength(before);
  });

  it('with clips and VODs off, stays the channel and says so, once the VOD search gives up', async () => {
    expect((await channelSettings({ clips: false, vods: false })).status).toBe(200);
    const paid = await paidOrder(rt, builder, buyer);
    const answer = textOf(await prove(paid.orderId));
    expect(answer).toContain('the channel for now');
    expect((await order(rt, paid.orderId))?.proof).toMatchObject({ kind: 'channel', vodSearch: { attempt: 1 } });

    await runVodSearch();
    const proved = await order(rt, paid.orderId);
    expect(proved?.proof).toMatchObject({ kind: 'channel', url: `https://twitch.tv/${login}`, vodSearch: null });
    for (const who of [buyer, builder]) {
      const told = dmsTo(rt, who)
        .map(textOf)
        .filter((t) => t.includes(paid.orderId) && t.includes('No clip or VOD could be made'));
      expect(told).toHaveLength(1);
      expect(told[0]).toContain(`the proof is the channel: https://twitch.tv/${login}`);
    }
  });

  it('finds the VOD on a later look when Twitch lists it only after the proof, and tells the buyer', async () => {
    expect((await channelSettings({ clips: false, vods: false })).status).toBe(200);
    const paid = await paidOrder(rt, builder, buyer);
    await prove(paid.orderId);
    expect((await channelSettings({ vods: true })).status).toBe(200);

    await runVodSearch();
    const proved = await order(rt, paid.orderId);
    expect(proved?.proof).toMatchObject({ kind: 'vod', vodOffsetSeconds: 3_723, vodSearch: null });
    const told = dmsTo(rt, buyer)
      .map(textOf)
      .filter((t) => t.includes(paid.orderId) && t.includes('can be watched any time'));
    expect(told).toEqual([expect.stringContaining(`${proved?.proofUrl}`)]);
  });

  it('delivered again after its clip was made makes no second clip, and changes nothing', async () => {
    const paid = await paidOrder(rt, builder, buyer);
    const interaction = command({ name: 'c500', path: ['live'], options: { mode: `order:${paid.orderId}` }, userId: builder });
    expect((await rt.sendInteraction(interaction)).status).toBe(200);
    await rt.settle();
    const clipsAfterFirst = (await clips()).length;
    const first = await order(rt, paid.orderId);
    const dms = dmsTo(rt, buyer).length;

    // As Pub/Sub would after a crash once Twitch made the clip, before the order recorded it:
    // the same job again, its once-record gone and the order's proof still the bare channel.
    await rt.store.delete(onceRecordPath(`interaction:${interaction.id}`));
    const { kind: _kind, clipId: _clipId, vodSearch: _search, ...bare } = first!.proof!;
    const channel = `https://twitch.tv/${login}`;
    await rt.store.update(orderPath(paid.orderId), { proof: { ...bare, url: channel }, proofUrl: channel });
    await rt.bus.publish('live-commands', { job: 'go-live', interaction });
    await rt.settle();

    expect(await clips()).toHaveLength(clipsAfterFirst);
    expect((await order(rt, paid.orderId))?.proof).toEqual(first?.proof);
    expect(dmsTo(rt, buyer)).toHaveLength(dms);
    expect(textOf(rt.edits(interaction.token).at(-1)!.message)).toContain(first!.proof!.url);
  });
});

describe('the local Twitch’s channel settings', () => {
  it.each([{}, { clips: 'no' }, { clips: false, chat: true }, [], 'clips=false'])('refuses %p with 400', async (body) => {
    expect((await channelSettings(body)).status).toBe(400);
  });
});

/** Runs each of the VOD search's looks at its time after the proof. */
async function runVodSearch(): Promise<void> {
  for (const afterMs of [60_000, 180_000, 360_000, 600_000]) {
    clock.ms = t0 + afterMs;
    await rt.tasks.runDueNow();
    await rt.settle();
  }
  clock.ms = t0;
}
