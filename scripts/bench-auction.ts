/**
 * `npm run bench:auction`: can a live auction take a crowd, answered inside Discord's 3 s
 * and judged fairly? The local runtime runs as `npm start` runs it, in its own process;
 * this process is the crowd. At each offered rate (RATES, default 250,500,1000,2000 bids/s,
 * SECONDS each, default 10) a fresh auction takes really signed bids from distinct bidders,
 * sent open loop (each leaves on schedule whatever happened to the ones before). Then the
 * hammer drops on its own, and the run is checked from outside: every bid answered and
 * edited, none refused "couldn't reach", none lost or counted twice (the bid log read back
 * from Redis), the winner the highest valid max with one DM at the reference model's price.
 * Each process's CPU per bid is what it measures of itself. In the same run,
 * `redis-benchmark` drives the same bid script by EVALSHA straight at Redis: the ceiling.
 * Prints figures; asserts nothing.
 *
 * BOOK=rest puts the Upstash REST bridge (its own process) between the runtime and Redis.
 * `--burst` runs the closed burst of earlier versions instead: BIDS (10,000) bids from
 * USERS (2,000) bidders, each bidder's bids one after another, all bidders at once.
 * `--show` runs each auction as the lot of a show (its run sheet ticking beside the herd).
 * `--final-call` puts the herd's second half into the sealed final call: sudden death, the
 * stated end half way through the herd (at least the product's 10 s in) and a final call
 * lasting past its last bid, so every bid after the end is taken sealed; the check replays
 * the log through the reference model to its hammer, as the book closed it.
 * `--twitch` adds a herd in the builder's Twitch chat (RATES then defaults to 1000): chat
 * bidding turned on and CHATTERS (1,000) viewers signed in through the local Twitch, then
 * TWITCH_RATE (1,000) chat messages a second beside the Discord bids, each a really signed
 * `channel.chat.message` delivery (mostly `!bid`s, some with a max, a tenth small talk, a
 * few from STRANGERS who never signed in); it prints the Twitch ingress's answers, the chat
 * bids the book took (and any lost), the winner with chat bids in the replay, and what the
 * bot said in chat: the most messages in any 30 s against Twitch's budget, and any dropped.
 * Chat goes to the subscription's callback (`/webhooks/twitch` on the public port, whose
 * front hands each new connection to the twitch-webhook process), over at most
 * TWITCH_CONNECTIONS (128) kept-alive connections, as a sender keeps a pool; a message
 * finding them all busy waits for one, and the wait counts in its answer time. Before each
 * herd the chat is already talking (a live channel's is): one small-talk message per
 * connection, so the herd meets open connections, not a front accepting hundreds at once.
 * TWITCH_DELIVERY=process sends it straight to that process's own port instead.
 * Discord's bids go over at most DISCORD_CONNECTIONS (1,024) kept-alive connections, and
 * before each herd Discord is already connected: a PING on every one of them. A new
 * connection costs the ingress's process (its front reads each one's first request) and this
 * one CPU a deployed instance never spends (Google's front end holds Discord's connections);
 * opened during a herd, they were counted against the warm-up alone, since the measured
 * herds reused the warm-up's. The connections each herd opened are printed.
 * The guild lifts its new-bidder limit first (the herd is all new bidders); the one-second
 * cooldown stays on, so its read and write are in every bid measured.
 * Before the measured rates, a warm-up (WARMUP seconds, default 5; 0 for none) at the first
 * rate into an auction of its own, from bidders (and with `--twitch` CHATTERS more chatters)
 * of its own, into function processes just started: its figures are printed as the cold
 * start they are, and kept out of the tables. Cold is the product's processes alone: a herd
 * first warms the local stand-ins (the runtime process's store, bus, Discord and Twitch,
 * which in production are Google's, Discord's and Twitch's and never cold) and this load
 * generator, then every function process is started again (`kill -9`, as an instance is
 * replaced; the runtime starts another), and the warm-up meets the new ones.
 */
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpus, getPriority, setPriority } from 'node:os';
import { join } from 'node:path';
import IORedis from 'ioredis';
import { generateDiscordKeyPair, interactionSigner, type InteractionSigner } from '../shared/local/discord-signing';
import { snowflakeAt } from '../shared/common';
import { auctionBookKeys, createUpstashAuctionBook } from '../shared/adapters/upstash/upstash-auction-book';
import { connectAuctionBookOverResp } from '../shared/local/upstash/resp-connection';
import { cpuMsOf, startRuntimeProcess, type RuntimeProcess } from './bench/runtime-process';
import { fetchRuntime } from './bench/runtime-fetch';
import { printCompliance, runLogOf } from './slo/terraform-slos';
import { unanswered } from './slo/run-requests';
import { OutboxFollower } from './bench/outbox-follower';
import { HttpSender, openLoop, sendBeforeTheHerd, type Sent } from './bench/http-sender';
import { startBridgeProcess, type BridgeProcess } from './bench/bridge-process';
import { checkAuction } from './bench/auction-check';
import { percentile, printRun, printStandInsHerd, printSummary, printWarmup, recordForCapacity, type RunResult } from './bench/auction-report';
import { botChat, chatBeforeTheHerd, makeChatMessages, signInChatters, turnChatBiddingOn, type ChatHerd, type ChatMessage } from './bench/twitch-herd';
import { bidCeiling } from './redis-benchmark-bid';
import { userWaits } from './bench/user-waits';
import { bookDecisionsOf } from './bench/book-decisions';
import { startMeter } from './bench/usage-meter';
import { meterDatabase, startBookServers, type BookServer } from './bench/book-servers';
import { printDatabases, recordShards, shardsRecord } from './bench/shards-report';
import type { MeasuredDatabase } from './capacity/book-split';
import { bookDatabaseOf } from '../shared/auctions';

let redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
/** `--shards`: the book over SHARDS (4) databases, each a redis-server of its own, lots in several channels at once (shardsRun). */
const shards = process.argv.includes('--shards') ? Math.max(3, Number(process.env.SHARDS ?? 4)) : 0;
/** `--twitch`: a herd in the builder's Twitch chat beside Discord's (TWITCH_RATE chat messages a second, CHATTERS signed in). */
const twitch = process.argv.includes('--twitch');
const rates = (process.env.RATES ?? (twitch ? '1000' : '250,500,1000,2000'))
  .split(',')
  .map(Number)
  .filter((n) => n > 0);
const seconds = Number(process.env.SECONDS ?? 10);
const burst = process.argv.includes('--burst');
/**
 * WARMUP seconds (default 5, 0 for none) of herd before the measured rates, into an auction
 * of its own: a show's functions have served its chat and earlier lots before a lot's peak,
 * and a process that just started spends its first thousands of requests compiling its code.
 */
const warmupSeconds = shards > 0 ? 0 : Number(process.env.WARMUP ?? 5);
/** `--show`: each auction is the one lot of a show (host, run sheet ticking, the wrap-up's checkout), on the same bid path. */
const asShow = process.argv.includes('--show');
/** `--final-call`: the stated end half way through each herd, the rest of it in the sealed final call. */
const finalCall = process.argv.includes('--final-call');
const host = '800000000000000008';
const guild = '900000000000000001';
const builder = { id: '800000000000000009', name: 'bench_builder' };

interface Bid extends Sent {
  id: string;
  token: string;
  bidderId: string;
  amountCents: number;
  maxCents: number;
  body: string;
  headers: Record<string, string>;
}

interface World {
  runtime: RuntimeProcess;
  bridge: BridgeProcess | undefined;
  sign: InteractionSigner;
  sender: HttpSender;
  outbox: OutboxFollower;
  redis: IORedis;
  keyPrefix: string;
  seq: number;
  /** Discord's pool: the most connections it keeps open to the interactions endpoint. */
  connections: number;
  /** With `--twitch`: the chat herd, and its sender to the subscription's callback. */
  chat?: { herd: ChatHerd; sender: HttpSender; rate: number; connections: number; group: number };
}

/**
 * The bare ingress (scripts/bench/bare-ingress) at `rate` for up to 5 s: the CPU per request
 * of Node's HTTP server and an Ed25519 check alone, on this machine, in this run.
 */
async function floorAt(rate: number, sender: HttpSender, floor: { url: string; sign: InteractionSigner }): Promise<number> {
  const count = rate * Math.min(5, seconds);
  const startAtMs = Date.now() + 300 + count * 0.05;
  const bodies = Array.from({ length: count }, (_, i) => {
    const body = JSON.stringify({
      id: snowflakeAt(startAtMs, i),
      type: 2,
      token: `floor-${i}`,
      application_id: '1100000000000000001',
      guild_id: guild,
      channel_id: '910000000000000999',
      member: { user: { id: `79${String(i).padStart(16, '0')}`, username: 'floor' }, permissions: '3072' },
      data: { name: 'bid', options: [{ name: 'amount', type: 10, value: 30 }] },
    });
    return { body, headers: floor.sign(body) };
  });
  const cpu = async () => cpuMsOf((await (await fetchRuntime(`${floor.url}/cpu`)).json()) as NodeJS.CpuUsage);
  const before = await cpu();
  await openLoop(rate, count, startAtMs, (i) =>
    sender.send((bodies[i] as { body: string }).body, (bodies[i] as { headers: Record<string, string> }).headers, { sentAtMs: 0 }),
  );
  return ((await cpu()) - before) / count;
}

async function startFloor(): Promise<{ url: string; sign: InteractionSigner; sender: HttpSender; stop(): void }> {
  const keys = generateDiscordKeyPair();
  const child = fork(join(__dirname, 'bench', 'bare-ingress.js'), [keys.publicKeyHex], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  const port = await new Promise<string>((resolve) => child.stdout?.once('data', (chunk: Buffer) => resolve(chunk.toString().trim())));
  const url = `http://127.0.0.1:${port}`;
  return { url, sign: interactionSigner(keys.privateKeyHex), sender: new HttpSender(url), stop: () => child.kill() };
}

function interaction(world: World, userId: string, channelId: string, data: unknown, type = 2, atMs = Date.now(), permissions = '3072') {
  const id = snowflakeAt(atMs, ++world.seq);
  const token = `bench-${id}`;
  const body = JSON.stringify({
    id,
    type,
    token,
    application_id: '1100000000000000001',
    guild_id: guild,
    channel_id: channelId,
    member: { user: { id: userId, username: `u${userId.slice(-6)}` }, permissions },
    data,
  });
  return { id, token, body };
}

/** A command's answer: in the request, or the edit of its "thinking…". */
async function command(world: World, userId: string, channelId: string, data: unknown, permissions?: string): Promise<string> {
  const made = interaction(world, userId, channelId, data, 2, Date.now(), permissions);
  const res = await fetchRuntime(`${world.runtime.url}/discord/interactions`, { method: 'POST', body: made.body, headers: world.sign(made.body) });
  const answer = (await res.json()) as { type: number; data?: { content?: string } };
  if (answer.type !== 5) return answer.data?.content ?? '';
  await world.outbox.allAnswered([made.token], 10_000);
  return world.outbox.answers.get(made.token)?.text ?? '';
}

/** A `/c500` subcommand (`['chat-bidding', 'on']`) as `userId`, answered with the link button of its answer. */
async function linkFrom(world: World, userId: string, path: string[], options: unknown[] = []): Promise<string> {
  const nested = path.reduceRight<unknown[]>((inner, name, i) => [{ name, type: i === path.length - 1 ? 1 : 2, options: inner }], options);
  const made = interaction(world, userId, '910000000000000000', { name: 'c500', options: nested });
  await world.sender.send(made.body, world.sign(made.body), { sentAtMs: 0 });
  return waitForLink(world, made.token);
}

/** The builder onboards through the Stripe simulator, as a real one would. */
async function onboard(world: World, who = builder.id): Promise<void> {
  await fetchRuntime(await linkFrom(world, who, ['onboard'], [{ name: 'country', type: 3, value: 'US' }]));
}

/**
 * With `--twitch`: the builder links their channel and turns chat bidding on (consenting on
 * the local Twitch's authorize page), then CHATTERS (1,000) viewers sign in with Twitch,
 * 16 at a time; STRANGERS (50) never do.
 */
async function chatHerd(world: World): Promise<NonNullable<World['chat']>> {
  const rate = Number(process.env.TWITCH_RATE ?? 1000);
  const twitchConnections = Number(process.env.TWITCH_CONNECTIONS ?? 128);
  const chatters = Number(process.env.CHATTERS ?? 1000);
  const broadcaster = { userId: '700000009', login: builder.name, displayName: builder.name };
  const subscription = await turnChatBiddingOn(world.runtime.url, (path) => linkFrom(world, builder.id, path), broadcaster);
  const started = Date.now();
  const herd = await signInChatters(
    world.runtime.url,
    { broadcaster, subscription, secret: world.runtime.eventSubSecret },
    // The warm-up's chatters are others: every chatter of a measured herd is new to the processes' memories.
    warmupSeconds > 0 ? 3 * chatters : chatters,
    Number(process.env.STRANGERS ?? 50),
  );
  console.log(
    `chat bidding on for twitch.tv/${broadcaster.login}; ${herd.chatters.length} chatters signed in with Twitch in ${((Date.now() - started) / 1000).toFixed(1)} s${warmupSeconds > 0 ? ` (${2 * chatters} of them for the stand-ins' herd and the warm-up only)` : ''}`,
  );
  // The cooldown (one bid a second) would refuse a chatter's second bid inside a second: the herd keeps them apart.
  if (chatters < rate * 0.9 * 1.05) console.log(`note: ${chatters} chatters at ${rate} messages/s bid more than once a second each; the cooldown refuses some`);
  const callback = new URL(subscription.callback);
  if (process.env.TWITCH_DELIVERY === 'process') {
    // As Twitch reaches a deployed function: at its own address, not through the local front door and the runtime.
    const health = (await (await fetchRuntime(`${world.runtime.runtimeUrl}/_local/health`)).json()) as { processes: Array<{ role: string; url?: string }> };
    const url = health.processes.find((p) => p.role === 'twitch-webhook')?.url;
    if (!url) throw new Error('the runtime names no twitch-webhook process with a port of its own');
    console.log(`chat delivered straight to the twitch-webhook process (${url}${callback.pathname}), not through the front door`);
    return { herd, sender: new HttpSender(url, callback.pathname, twitchConnections), rate, connections: twitchConnections, group: chatters };
  }
  return { herd, sender: new HttpSender(callback.origin, callback.pathname, twitchConnections), rate, connections: twitchConnections, group: chatters };
}

async function waitForLink(world: World, token: string): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const { entries } = (await (await fetchRuntime(`${world.runtime.runtimeUrl}/_local/outbox`)).json()) as {
      entries: Array<{ interactionToken?: string; message: { components?: Array<{ components: Array<{ url?: string }> }> } }>;
    };
    const url = entries
      .filter((e) => e.interactionToken === token)
      .flatMap((e) => e.message.components ?? [])
      .flatMap((r) => r.components)
      .find((c) => c.url)?.url;
    if (url) return url;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the link never came');
}

/**
 * The herd's bidders are all new and bid up to thousands of dollars: the server lifts the
 * new-bidder limit, as one that trusts its crowd would. The cooldown stays at its default, so
 * every bid still reads and writes the bidder's last; in the rate runs each bidder bids once.
 */
async function liftNewBidderLimit(world: World): Promise<void> {
  const answer = await command(
    world,
    host,
    '910000000000000000',
    {
      name: 'c500',
      options: [{ name: 'auction', type: 2, options: [{ name: 'settings', type: 1, options: [{ name: 'new-bidder-limit', type: 10, value: 0 }] }] }],
    },
    '8',
  );
  if (!answer.includes('no limit')) throw new Error(`the new-bidder limit was not lifted: ${answer}`);
}

/**
 * An auction in a channel of its own, open for `durationSeconds`, counter-bids putting 3 s back.
 * No stream delay: the hammer falls at the stated end, which the figures count from
 * (`npm run bench:stream-delay` measures the delay's own fairness).
 */
async function startAuction(world: World, channelId: string, durationSeconds: number, finalCallSeconds?: number, by = builder.id): Promise<string> {
  const options = [
    { name: 'item', type: 3, value: 'Bench board' },
    { name: 'price', type: 10, value: 25 },
    { name: 'duration', type: 3, value: `${durationSeconds}s` },
    ...(finalCallSeconds === undefined
      ? [{ name: 'counter-bid', type: 4, value: 3 }]
      : [
          { name: 'sudden-death', type: 5, value: true },
          { name: 'final-call', type: 4, value: finalCallSeconds },
        ]),
    { name: 'stream-delay', type: 4, value: 0 },
  ];
  for (let attempt = 0; attempt < 20; attempt++) {
    const answer = await command(world, by, channelId, {
      name: 'c500',
      options: [{ name: 'auction', type: 2, options: [{ name: 'start', type: 1, options }] }],
    });
    const auctionId = /Auction id `([0-9a-z]+)`/.exec(answer)?.[1];
    if (auctionId) return auctionId;
    if (!answer.includes('/c500 onboard')) throw new Error(`the auction did not start: ${answer}`);
    // The onboarding event may still be on its way.
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('the auction did not start');
}

/** With `--show`: a show in the channel whose one lot is the auction, put up by the host's start; answers the lot's auction id. */
async function startShowLot(world: World, channelId: string, durationSeconds: number): Promise<string> {
  const show = (sub: string, options: unknown[] = []) => ({ name: 'c500', options: [{ name: 'show', type: 2, options: [{ name: sub, type: 1, options }] }] });
  const created = await command(world, host, channelId, show('create', [{ name: 'title', type: 3, value: 'Bench show' }]), '8');
  const showId = /\(id `([0-9a-z]+)`\)/.exec(created)?.[1];
  if (!showId) throw new Error(`the show was not created: ${created}`);
  const lot = [
    { name: 'item', type: 3, value: 'Bench board' },
    { name: 'price', type: 10, value: 25 },
    { name: 'duration', type: 3, value: `${durationSeconds}s` },
    { name: 'counter-bid', type: 4, value: 3 },
  ];
  for (let attempt = 0; ; attempt++) {
    const added = await command(world, builder.id, channelId, show('add', lot));
    if (added.includes('Lot 1')) break;
    // The onboarding event may still be on its way.
    if (!added.includes('/c500 onboard') || attempt >= 20) throw new Error(`the lot was not added: ${added}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  const started = await command(world, host, channelId, show('start'), '8');
  if (!started.includes('on air')) throw new Error(`the show did not start: ${started}`);
  const board = (await (await fetchRuntime(`${world.runtime.url}/overlay/show/${showId}`)).json()) as { live?: { auctionId: string } | null };
  if (!board.live) throw new Error('the show has no live lot');
  return board.live.auctionId;
}

/** Bids from distinct bidders, amounts climbing with the send order; one in five with a max. */
function makeBids(world: World, channelId: string, count: number, sendAtMs: (i: number) => number, bidderOf: (i: number) => string): Bid[] {
  return Array.from({ length: count }, (_, i) => {
    const amountCents = 2_500 + i * 50 + Math.floor(Math.random() * 400) * 5;
    const maxCents = Math.random() < 0.2 ? amountCents + Math.floor(Math.random() * 1_000) * 5 : amountCents;
    const options = [
      { name: 'amount', type: 10, value: amountCents / 100 },
      ...(maxCents > amountCents ? [{ name: 'max', type: 10, value: maxCents / 100 }] : []),
    ];
    // Made when it leaves: its id carries the time Discord would have stamped.
    const made = interaction(world, bidderOf(i), channelId, { name: 'bid', options }, 2, sendAtMs(i));
    return { ...made, bidderId: bidderOf(i), amountCents, maxCents, headers: world.sign(made.body, String(Math.floor(sendAtMs(i) / 1000))), sentAtMs: 0 };
  });
}

/**
 * One open-loop herd into the auction in `channelId`: `rate` Discord bids a second for
 * `herdSeconds` from distinct bidders (ids prefixed by `bidderTag`), and with `--twitch` the
 * chat herd beside it. Everything is signed before the first request leaves.
 */
async function herd(
  world: World,
  channelId: string,
  bidderTag: string,
  rate: number,
  herdSeconds: number,
  chatterGroup = 0,
  withChat = true,
): Promise<Sending> {
  const chat = withChat ? world.chat : undefined;
  const count = rate * herdSeconds;
  const chatCount = chat ? chat.rate * herdSeconds : 0;
  await discordBeforeTheHerd(world);
  if (chat) await chatBeforeTheHerd(chat.herd, chat.sender, chat.connections);
  const startAtMs = Date.now() + 500 + count * 0.05 + chatCount * 0.03;
  const bids = makeBids(
    world,
    channelId,
    count,
    (i) => startAtMs + (i * 1000) / rate,
    (i) => `7${bidderTag}${String(i).padStart(16, '0')}`,
  );
  const herdFromMs = Date.now();
  const opened = (sender: HttpSender, pool: number) => ({ opened: sender.openedBetween(herdFromMs, Date.now()), pool });
  const discord = openLoop(rate, count, startAtMs, (i) => world.sender.send((bids[i] as Bid).body, (bids[i] as Bid).headers, bids[i] as Bid));
  if (!chat)
    return await discord.then(() => ({
      bids,
      connections: { discord: opened(world.sender, world.connections) },
      sentLateMs: behindSchedule(bids, startAtMs, rate),
    }));
  const { herd: everyone, sender, rate: chatRate } = chat;
  const chatters = { ...everyone, chatters: everyone.chatters.slice(chatterGroup * chat.group, (chatterGroup + 1) * chat.group) };
  // Chat climbs as Discord's bids do (by send time), so the two herds outbid each other all along.
  const messages = makeChatMessages(
    chatters,
    chatCount,
    (j) => startAtMs + (j * 1000) / chatRate,
    (j) => 2_500 + Math.floor((j * 50 * rate) / chatRate) + Math.floor(Math.random() * 400) * 5,
  );
  const twitch = openLoop(chatRate, chatCount, startAtMs, (j) =>
    sender.send((messages[j] as ChatMessage).body, (messages[j] as ChatMessage).headers, messages[j] as ChatMessage),
  );
  await Promise.all([discord, twitch]);
  return {
    bids,
    chat: { rate: chatRate, messages },
    connections: { discord: opened(world.sender, world.connections), twitch: opened(sender, chat.connections) },
    sentLateMs: [...behindSchedule(bids, startAtMs, rate), ...behindSchedule(messages, startAtMs, chatRate)],
  };
}

/** How far behind its time each request of an open loop left (request `i` was due at `startAtMs + i / rate`). */
function behindSchedule(sent: ReadonlyArray<{ sentAtMs: number }>, startAtMs: number, rate: number): number[] {
  return sent.map((s, i) => s.sentAtMs - (startAtMs + (i * 1000) / rate));
}

/** Discord is connected before the herd, as a live show's interactions have kept it: a PING on every connection of its pool. */
async function discordBeforeTheHerd(world: World): Promise<void> {
  await Promise.all(
    Array.from({ length: world.connections }, () =>
      sendBeforeTheHerd(
        world.sender,
        () => {
          const id = snowflakeAt(Date.now(), ++world.seq);
          const body = JSON.stringify({ id, type: 1, token: `ping-${id}`, application_id: '1100000000000000001', version: 1 });
          return { body, headers: world.sign(body) };
        },
        [200],
        'a PING before the herd',
      ),
    ),
  );
}

interface RunningProcess {
  role: string;
  pid?: number;
  restarts?: number;
}

async function runningProcesses(world: World): Promise<RunningProcess[]> {
  // The runtime answers once every process it names is up (it waits on each one's start).
  const health = (await (await fetchRuntime(`${world.runtime.runtimeUrl}/_local/health`)).json()) as { processes: RunningProcess[] };
  return health.processes.filter((p) => p.role !== 'runtime');
}

/** Every function process killed (`kill -9`) and waited for until the runtime has started another and it is up: instances just started. */
async function startFunctionsAgain(world: World): Promise<string> {
  const before = await runningProcesses(world);
  const started = Date.now();
  for (const p of before) if (p.pid) process.kill(p.pid, 'SIGKILL');
  for (;;) {
    const now = await runningProcesses(world);
    const again = (p: RunningProcess) => (now.find((n) => n.role === p.role)?.restarts ?? 0) > (p.restarts ?? 0);
    // The health that counted the restarts waited for each new process to be up.
    if (before.every(again)) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return `every function process started again (${before.map((p) => p.role).join(', ')}) in ${((Date.now() - started) / 1000).toFixed(1)} s`;
}

async function cpuNow(world: World): Promise<Record<string, number>> {
  const info = await world.redis.info('cpu');
  const redisSeconds = ['used_cpu_sys', 'used_cpu_user'].reduce((sum, field) => sum + Number(new RegExp(`${field}:([\\d.]+)`).exec(info)?.[1] ?? 0), 0);
  return {
    ...(await world.runtime.cpuMs()),
    ...(world.bridge ? { bridge: cpuMsOf(await world.bridge.cpuUsage()) } : {}),
    redis: redisSeconds * 1000,
    'load generator': cpuMsOf(process.cpuUsage()),
  };
}

/** What one rate's herd sent: Discord's bids, and with `--twitch` the chat said meanwhile. */
interface Sending {
  bids: Bid[];
  chat?: { rate: number; messages: ChatMessage[] };
  connections?: RunResult['connections'];
  sentLateMs?: number[];
}

/** What checkAuction reads of a herd's chat: its bids, and what the bot said in chat since `chatFrom`. */
function chatCheckOf(world: World, chat: Sending['chat'], chatFrom: number) {
  const login = world.chat?.herd.broadcaster.login ?? '';
  const bids = chat?.messages.flatMap((m) => (m.bid ? [m.bid] : []));
  return bids ? { chat: { bids, botSaid: async () => (await botChat(world.runtime.runtimeUrl, login, chatFrom)).texts } } : {};
}

async function run(world: World, label: string, channelId: string, send: (auctionId: string) => Promise<Sending>, herdSeconds = seconds): Promise<RunResult> {
  const chatFrom = world.chat ? (await botChat(world.runtime.runtimeUrl, world.chat.herd.broadcaster.login, 0)).lastSeq : 0;
  // Open a little past the last bid (at least the product's 10 s): late counter-bids move it a few seconds on.
  // With --final-call: the stated end half way through the herd, and a final call lasting past its last bid.
  const stated = Math.max(10, Math.ceil(herdSeconds / 2));
  const auctionId = finalCall
    ? await startAuction(world, channelId, stated, Math.min(120, Math.max(5, herdSeconds - stated + 5)))
    : await (asShow ? startShowLot : startAuction)(world, channelId, burst ? 300 : Math.max(10, herdSeconds + 3));
  const before = await cpuNow(world);
  const herdFromMs = Date.now();
  const meter = await startMeter(world.redis, world.runtime.runtimeUrl);
  const { bids, chat, connections, sentLateMs } = await send(auctionId);
  await world.outbox.allAnswered(
    bids.map((b) => b.token),
    60_000,
  );
  // Chat bids have no answer to wait for: the bus is quiet once the chat-bids subscriber has placed them all.
  if (chat) await settled(world, 60_000);
  const after = await cpuNow(world);
  const requests = bids.length + (chat?.messages.length ?? 0);
  const usage = await meter.read(requests);
  const cpuMsPerBid = Object.fromEntries(Object.keys(after).map((name) => [name, ((after[name] ?? 0) - (before[name] ?? 0)) / requests]));
  const login = world.chat?.herd.broadcaster.login ?? '';
  const check = await checkAuction({
    redis: world.redis,
    outbox: world.outbox,
    keys: auctionBookKeys(world.keyPrefix),
    auctionId,
    channelId,
    bids,
    hammerTimeoutMs: burst ? 0 : 60_000,
    showLot: asShow,
    ...chatCheckOf(world, chat, chatFrom),
  });
  const bot = chat ? await botChat(world.runtime.runtimeUrl, login, chatFrom) : undefined;
  const waits = userWaits({
    outbox: world.outbox,
    channelId,
    bids,
    endsAtMs: check.endsAtMs,
    ...(check.leaderId ? { winnerId: check.leaderId } : {}),
    ...(bot ? { chatLines: bot.lines } : {}),
  });
  // The book's own time per bid, from the lines its subscriber wrote (as in production), read back from the runtime's log.
  const book = bookDecisionsOf(runLogOf(world.runtime.dataDir), { fromMs: herdFromMs, toMs: Date.now() });
  return {
    label,
    bids,
    check,
    cpuMsPerBid,
    waits,
    usage,
    book,
    ...(connections ? { connections } : {}),
    ...(sentLateMs ? { sentLateMs } : {}),
    ...(chat && bot ? { chat: { ...chat, bot } } : {}),
  };
}

/** Until the runtime's bus has nothing unsettled, or `timeoutMs`. */
async function settled(world: World, timeoutMs: number): Promise<void> {
  for (const until = Date.now() + timeoutMs; Date.now() < until; await new Promise((r) => setTimeout(r, 100))) {
    const health = (await (await fetchRuntime(`${world.runtime.runtimeUrl}/_local/health`)).json()) as { unsettledMessages: number };
    if (health.unsettledMessages === 0) return;
  }
}

/**
 * Discord and Twitch send on their own schedule, on machines of their own: this process is
 * given the CPU first (nice -10, as root can), so a herd leaves on time however busy the
 * processes it measures are, rather than in bursts after this process waited for a core.
 * What is left of its lateness is printed with each herd.
 */
function loadGeneratorFirst(): string {
  try {
    setPriority(process.pid, -10);
    return `the load generator runs at nice ${getPriority(process.pid)}, ahead of the processes it measures`;
  } catch {
    return 'the load generator runs at the default priority (raising it needs root): where it waited for a core, its herd left late, as printed';
  }
}

async function main(): Promise<void> {
  console.log(loadGeneratorFirst());
  const rest = process.env.BOOK === 'rest';
  // With --shards: every database a redis-server of its own, the first as REDIS_URL, the rest as REDIS_BOOK_SHARDS.
  const book = shards > 0 ? await startBookServers(shards) : undefined;
  if (book) redisUrl = (book.servers[0] as BookServer).url;
  const shardEnv: Record<string, string> = book
    ? {
        REDIS_URL: redisUrl,
        REDIS_BOOK_SHARDS: book.servers
          .slice(1)
          .map((s) => s.url)
          .join(','),
      }
    : {};
  const world = await startWorld(rest, shardEnv);
  let databases: MeasuredDatabase[] | undefined;
  const { runtime, bridge, keyPrefix } = world;
  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown cpu'}, node ${process.version}`);
  console.log(
    `the runtime as npm start runs it, in its own process; the auction book ${rest ? 'through the Upstash REST bridge (its own process)' : 'over RESP to the local Redis'}; this process is the crowd`,
  );
  try {
    await onboard(world);
    await liftNewBidderLimit(world);
    if (twitch) world.chat = await chatHerd(world);
    const sharded = book ? await shardsRun(world, book.servers) : undefined;
    databases = sharded?.databases;
    const results = sharded ? sharded.results : burst ? await burstRun(world) : await ratesRun(world);
    // The runs' own log, before the ceiling (which measures Redis alone, not the runtime). A bid the crowd got no
    // answer to at all wrote no line: Cloud Run would have counted it (a 504), so the SLOs do too.
    const noAnswer = results.flatMap(({ result }) =>
      result.bids.filter((b) => b.status === 0).map((b) => unanswered('discordInteractions', (b.answeredAtMs ?? b.sentAtMs) - b.sentAtMs)),
    );
    await printCompliance(runtime.dataDir, { unanswered: noAnswer });
    const ceiling = await bidCeiling({
      redisUrl,
      book: createUpstashAuctionBook(connectAuctionBookOverResp(redisUrl).redis, { keyPrefix, idKey: randomBytes(32).toString('hex') }),
      keyPrefix,
    });
    printSummary(results, ceiling?.perSecond, burst);
    const command = `${process.env.C500_LATENCY ? `C500_LATENCY=${process.env.C500_LATENCY} ` : ''}RATES=${rates.join(',')} SECONDS=${seconds} npm run bench:auction${twitch ? ' -- --twitch' : ''}`;
    if (databases) {
      const record = shardsRecord(
        `SHARDS=${shards} RATES=${rates[0]} TWITCH_RATE=${world.chat?.rate ?? 0} SECONDS=${seconds} npm run bench:auction -- --twitch --shards`,
        {
          discordBidsPerSecondPerLot: rates[0] ?? 0,
          chatPerSecond: world.chat?.rate ?? 0,
          discordAckP99Ms: percentile(
            results.flatMap(({ result }) => result.bids.filter((b) => b.answeredAtMs !== undefined).map((b) => (b.answeredAtMs as number) - b.sentAtMs)),
            99,
          ),
        },
        databases,
        ceiling?.perSecond,
      );
      printDatabases(record);
      if (process.env.CAPACITY_RECORD_SHARDS) recordShards(process.env.CAPACITY_RECORD_SHARDS, record);
    } else if (process.env.CAPACITY_RECORD) recordForCapacity(process.env.CAPACITY_RECORD, command, results, ceiling?.perSecond);
  } finally {
    world.outbox.stop();
    world.sender.close();
    world.chat?.sender.close();
    world.redis.disconnect();
    await runtime.stop();
    bridge?.stop();
    book?.stop();
  }
}

/** The runtime in its own process (behind the REST bridge with BOOK=rest), and the crowd's connections to it. */
async function startWorld(rest: boolean, env: Record<string, string> = {}): Promise<World> {
  const bridge = rest ? await startBridgeProcess(redisUrl) : undefined;
  const keyPrefix = `bench:${Date.now()}:`;
  // Its lines (info too: the SLOs' lines are info lines) go to its data dir, read back at the end for the SLOs.
  const runtime = await startRuntimeProcess(
    {
      C500_REDIS_KEY_PREFIX: keyPrefix,
      C500_LOG_LEVEL: 'info',
      ...env,
      ...(bridge ? { UPSTASH_REDIS_REST_URL: bridge.url, UPSTASH_REDIS_REST_TOKEN: bridge.token } : {}),
    },
    { logToDataDir: true },
  );
  const connections = Number(process.env.DISCORD_CONNECTIONS ?? 1024);
  const world: World = {
    runtime,
    bridge,
    sign: interactionSigner(runtime.privateKey),
    sender: new HttpSender(runtime.url, '/discord/interactions', connections),
    connections,
    outbox: new OutboxFollower(runtime.runtimeUrl),
    redis: new IORedis(redisUrl),
    keyPrefix,
    seq: 0,
  };
  world.outbox.start();
  return world;
}

type Results = Array<{ rate?: number; result: RunResult }>;

/** `--burst`: BIDS bids from USERS bidders, each bidder's one after another, all bidders at once. */
async function burstRun(world: World): Promise<Results> {
  const total = Number(process.env.BIDS ?? 10_000);
  const users = Number(process.env.USERS ?? 2_000);
  const result = await run(
    world,
    `closed burst: ${total} bids from ${users} bidders, each bidder's one after another, all bidders at once`,
    '910000000000000100',
    async () => {
      const bids = makeBids(
        world,
        '910000000000000100',
        total,
        () => Date.now(),
        (i) => `7${String(i % users).padStart(17, '0')}`,
      );
      await Promise.all(
        Array.from({ length: users }, async (_, user) => {
          for (let i = user; i < bids.length; i += users) {
            const bid = bids[i] as Bid;
            await world.sender.send(bid.body, world.sign(bid.body), bid);
          }
        }),
      );
      return { bids };
    },
  );
  printRun(result);
  return [{ result }];
}

/** `--shards`: how long past its herd's planned end a lot stays open (the herd's lateness on a busy machine fits in it). */
const lotMarginSeconds = 240;

/** A channel whose book is on database `index` of `databases` (rendezvous hashing): the bench puts each lot where it means to count it. */
function channelOn(index: number, databases: number, from: number): string {
  for (let n = from; ; n += 1) {
    const id = `92000000000000${String(n).padStart(4, '0')}`;
    if (bookDatabaseOf(id, databases) === index) return id;
  }
}

/**
 * `--shards`: two lots at once in channels on databases 1 and 2 (the first and the others hold
 * none, so what the first serves is what belongs to no channel, and what the others serve is
 * what a show elsewhere costs them): the builder's lot takes Discord bids and the chat herd, a
 * second builder's Discord bids alone, each at the first of RATES for SECONDS. Each database's
 * commands are counted from the first bid's send to the last request's settling.
 */
async function shardsRun(world: World, servers: readonly BookServer[]): Promise<{ results: Results; databases: MeasuredDatabase[] }> {
  const rate = rates[0] ?? 1000;
  const second = '800000000000000010';
  await onboard(world, second);
  const lots = [
    { index: 1, by: builder.id, chat: true, tag: '1' },
    { index: 2, by: second, chat: false, tag: '2' },
  ].map((lot) => ({ ...lot, channelId: channelOn(lot.index, servers.length, lot.index * 1000) }));
  const chatFrom = world.chat ? (await botChat(world.runtime.runtimeUrl, world.chat.herd.broadcaster.login, 0)).lastSeq : 0;
  const opened: Array<(typeof lots)[number] & { auctionId: string }> = [];
  // Open well past the herd, so the counts are a lot's steady herd: a herd this machine answers late still meets a live
  // lot, and none of it reaches the last seconds before the stated end, where each chat bid also reads the book (finalCallOf).
  for (const lot of lots) opened.push({ ...lot, auctionId: await startAuction(world, lot.channelId, seconds + lotMarginSeconds, undefined, lot.by) });
  const before = await cpuNow(world);
  const meters = await Promise.all(servers.map((s) => meterDatabase(s)));
  const sent = await Promise.all(opened.map((lot) => herd(world, lot.channelId, lot.tag, rate, seconds, 0, lot.chat)));
  await world.outbox.allAnswered(
    sent.flatMap((s) => s.bids.map((b) => b.token)),
    60_000,
  );
  await settled(world, 60_000);
  const counts = await Promise.all(meters.map((m) => m.read()));
  const after = await cpuNow(world);
  const requests = sent.reduce((n, s) => n + s.bids.length + (s.chat?.messages.length ?? 0), 0);
  const cpuMsPerBid = Object.fromEntries(Object.keys(after).map((name) => [name, ((after[name] ?? 0) - (before[name] ?? 0)) / requests]));
  const login = world.chat?.herd.broadcaster.login ?? '';
  const results: Results = [];
  for (const [i, lot] of opened.entries()) {
    const { bids, chat, connections } = sent[i] as Sending;
    const check = await checkAuction({
      redis: (servers[lot.index] as BookServer).redis,
      outbox: world.outbox,
      keys: auctionBookKeys(world.keyPrefix),
      auctionId: lot.auctionId,
      channelId: lot.channelId,
      bids,
      hammerTimeoutMs: (seconds + lotMarginSeconds) * 1000,
      ...chatCheckOf(world, chat, chatFrom),
    });
    const bot = chat ? await botChat(world.runtime.runtimeUrl, login, chatFrom) : undefined;
    const waits = userWaits({
      outbox: world.outbox,
      channelId: lot.channelId,
      bids,
      endsAtMs: check.endsAtMs,
      ...(check.leaderId ? { winnerId: check.leaderId } : {}),
    });
    const label = `lot on database ${lot.index} of ${servers.length}: ${rate} bids/s for ${seconds} s${chat ? ` and ${chat.rate} chat messages/s` : ''}, beside the other lot (CPU per request of both)`;
    const result: RunResult = {
      label,
      bids,
      check,
      cpuMsPerBid,
      waits,
      ...(connections ? { connections } : {}),
      ...(chat && bot ? { chat: { ...chat, bot } } : {}),
    };
    printRun(result, rate);
    results.push({ rate, result });
  }
  const databases = counts.map((count, index): MeasuredDatabase => {
    const at = opened.findIndex((lot) => lot.index === index);
    const lot = opened[at];
    const herdOf = sent[at];
    return {
      index,
      ...(lot && herdOf ? { lot: { channelId: lot.channelId, discordBids: herdOf.bids.length, chatMessages: herdOf.chat?.messages.length ?? 0 } } : {}),
      ...count,
    };
  });
  return { results, databases };
}

/** The warm-up (when WARMUP is above 0), then an open-loop herd at each of RATES, each beside the bare ingress's floor. */
async function ratesRun(world: World): Promise<Results> {
  const results: Results = [];
  const floor = await startFloor();
  if (warmupSeconds > 0 && rates[0]) await warmUp(world, rates[0]);
  for (const [n, rate] of rates.entries()) {
    const channelId = `91000000000000${String(1000 + n).padStart(4, '0')}`;
    const count = rate * seconds;
    const chatCount = world.chat ? world.chat.rate * seconds : 0;
    const label = `offered ${rate} bids/s for ${seconds} s (${count} bids, distinct bidders)${world.chat ? ` and ${world.chat.rate} chat messages/s (${chatCount})` : ''}`;
    const result = await run(world, label, channelId, () => herd(world, channelId, String(n), rate, seconds));
    result.floorMsPerBid = await floorAt(rate, floor.sender, floor);
    printRun(result, rate);
    results.push({ rate, result });
  }
  floor.sender.close();
  floor.stop();
  return results;
}

/** The stand-ins' herd, the function processes started again, and the warm-up into them: all printed, none in the tables. */
async function warmUp(world: World, rate: number): Promise<void> {
  const herdRates = `${rate} bids/s${world.chat ? ` and ${world.chat.rate} chat messages/s` : ''} for ${warmupSeconds} s`;
  const standIns = await run(
    world,
    `the stand-ins' herd, not in the tables: ${herdRates}`,
    '910000000000000980',
    () => herd(world, '910000000000000980', String(rates.length + 1), rate, warmupSeconds, 2),
    warmupSeconds,
  );
  printStandInsHerd(standIns);
  console.log(await startFunctionsAgain(world));
  // Another auction, other bidders, the first rate, into the new processes: then their code is compiled and their connections open before the measured herd.
  const warm = await run(
    world,
    `warm-up, not in the tables: ${herdRates} into function processes just started`,
    '910000000000000990',
    () => herd(world, '910000000000000990', String(rates.length), rate, warmupSeconds, 1),
    warmupSeconds,
  );
  printWarmup(warm);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
