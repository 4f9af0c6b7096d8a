/**
 * The probe's key as an attacker would try it. The ingress takes the probe's PING and its bid
 * on its own lot signed with the probe's key, and nothing else: a probe-signed command, a
 * probe-signed bid on a member's auction, a Discord-signed probe bid, a probe request replayed
 * after its five minutes and a request signed by no key we know are all refused, and none of
 * them reaches the book or a member's auction.
 */
import { openAuctionBook, type OpenedBook } from '../../shared/local/auction-book-connection';
import { generateDiscordKeyPair, signInteraction } from '../../shared/local/discord-signing';
import { probeInteraction, probePrivateKey, probeSigner, type ProbeSigner } from '../../shared/probe';
import type { Interaction } from '../../shared/discord';
import { AUCTION_CHANNEL, auctionWorld, bidCommand, liveAuction, startAuction, type TestClock } from '../support/auctions';
import { buttonPress, ping, snowflake } from '../support/interactions';
import type { TestRuntime } from '../support/local-runtime';

let rt: TestRuntime;
let clock: TestClock;
let builder: string;
let book: OpenedBook;
let probeSigned: ProbeSigner;

beforeAll(async () => {
  ({ rt, clock, builder } = await auctionWorld());
  book = openAuctionBook({ kind: 'redis', redisUrl: rt.config.redisUrl }, rt.config);
  probeSigned = probeSigner(probePrivateKey(rt.secrets.PROBE_PRIVATE_KEY as string), () => clock.now());
  await startAuction(rt, builder, { price: 25, duration: '10m' });
}, 60_000);
afterAll(async () => {
  await book.close();
  await rt.close();
});

const send = (interaction: Interaction, headers: Record<string, string>, body = JSON.stringify(interaction)) =>
  fetch(`${rt.url}/discord/interactions`, { method: 'POST', body, headers });
const signedByProbe = (interaction: Interaction, timestamp?: string) => {
  const body = JSON.stringify(interaction);
  return send(interaction, probeSigned(body, timestamp), body);
};
const signedByDiscord = (interaction: Interaction) => {
  const body = JSON.stringify(interaction);
  return send(interaction, signInteraction(body, rt.secrets.DISCORD_PRIVATE_KEY as string), body);
};
const bidsOnTheBoard = async () => {
  const auction = await liveAuction(rt, builder);
  return ((await (await fetch(`${rt.url}/overlay/auction/${auction.auctionId}`)).json()) as { bidCount: number }).bidCount;
};
const probeBid = () => probeInteraction('bid', clock.now().getTime(), Math.floor(Math.random() * 2 ** 20));

describe('the probe’s key at the Discord ingress', () => {
  it('answers the probe’s own PING with a PONG', async () => {
    const res = await signedByProbe(probeInteraction('ping', clock.now().getTime(), 1));
    expect(res.status).toBe(200);
    // The PONG names the Discord key the ingress holds, for the probe's check against Discord's (docs/operations/probe.md).
    expect(await res.json()).toEqual({ type: 1, discord_public_key: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it('refuses a probe-signed slash command, which Discord’s key would have answered', async () => {
    const res = await signedByProbe(bidCommand(snowflake(), 30));
    expect(res.status).toBe(403);
    await rt.settle();
    expect(await bidsOnTheBoard()).toBe(0);
  });

  it('refuses a probe-signed press of a member auction’s bid button', async () => {
    const auction = await liveAuction(rt, builder);
    const res = await signedByProbe(buttonPress(`bid:${auction.auctionId}:3000`, snowflake(), { channelId: AUCTION_CHANNEL }));
    expect(res.status).toBe(403);
    await rt.settle();
    expect(await bidsOnTheBoard()).toBe(0);
  });

  it('refuses the probe’s bid moved into a member’s channel', async () => {
    const moved = { ...probeBid(), channel_id: AUCTION_CHANNEL };
    const res = await signedByProbe(moved);
    expect(res.status).toBe(403);
    await rt.settle();
    expect(await book.book.probeDecision(moved.id)).toBeUndefined();
  });

  it('refuses the probe’s bid when Discord’s key signed it, and nothing reaches the book', async () => {
    const bid = probeBid();
    const res = await signedByDiscord(bid);
    expect(res.status).toBe(403);
    await rt.settle();
    expect(await book.book.probeDecision(bid.id)).toBeUndefined();
  });

  it('refuses a probe request signed more than five minutes ago, as Discord’s are', async () => {
    const stale = String(Math.floor(clock.now().getTime() / 1000) - 6 * 60);
    const bid = probeBid();
    expect((await signedByProbe(bid, stale)).status).toBe(401);
    expect((await signedByProbe(probeInteraction('ping', clock.now().getTime(), 2), stale)).status).toBe(401);
    await rt.settle();
    expect(await book.book.probeDecision(bid.id)).toBeUndefined();
  });

  it('refuses a probe bid whose body was changed after the probe signed it', async () => {
    const bid = probeBid();
    const headers = probeSigned(JSON.stringify(bid));
    const res = await send(bid, headers, JSON.stringify({ ...bid, channel_id: AUCTION_CHANNEL }));
    expect(res.status).toBe(401);
  });

  it('answers 401 to a PING and a probe bid signed by no key it knows', async () => {
    const stranger = probeSigner(probePrivateKey(generateDiscordKeyPair().privateKeyHex));
    const pingBody = JSON.stringify(ping());
    expect((await fetch(`${rt.url}/discord/interactions`, { method: 'POST', body: pingBody, headers: stranger(pingBody) })).status).toBe(401);
    const bid = probeBid();
    expect((await send(bid, stranger(JSON.stringify(bid)))).status).toBe(401);
    expect((await send(bid, { 'content-type': 'application/json' })).status).toBe(401);
  });

  it('decides the probe’s own bid, signed with its key, on the book', async () => {
    const bid = probeBid();
    const res = await signedByProbe(bid);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ type: 5 });
    await rt.settle();
    expect(await book.book.probeDecision(bid.id)).toBe('not-found');
  });
});
