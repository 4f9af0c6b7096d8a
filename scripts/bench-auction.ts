/**
 * `npm run bench:auction`: a thundering herd on one live auction. USERS bidders send BIDS
 * bids between them (each bidder one after another, all bidders at once) through the whole
 * local pipeline: really signed interaction → verify → bus → one Lua script on a real
 * Redis through the Upstash client and REST bridge → the bidder's response edit. Then the
 * hammer reads the bid log back, and the run is checked against the sequential reference
 * model: no bid lost, none counted twice, one winner. In the same run `redis-benchmark`
 * drives the same script by EVALSHA straight at Redis: the ceiling the pipeline is
 * compared with. Prints figures; asserts nothing.
 *
 * BIDS (10000), USERS (2000), REDIS_URL; the bridge runs in its own process, as Upstash
 * would be its own service.
 */
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { hostFunction } from '../functions/catalog';
import { signInteraction } from '../shared/local/discord-signing';
import { projectRoot, startLocalRuntime } from '../shared/local/runtime';
import { connectAuctionBook } from '../shared/adapters/upstash/upstash-connection';
import { createUpstashAuctionBook } from '../shared/adapters/upstash/upstash-auction-book';
import { AuctionBookModel } from '../shared/domain/auction-book-model';
import type { Auction } from '../shared/domain/auction';
import type { BidRecord } from '../shared/domain/auction-book';
import { termsOf } from '../shared/app/auction-terms';
import { bidCeiling } from './redis-benchmark-bid';

const totalBids = Number(process.env.BIDS ?? 10_000);
const users = Number(process.env.USERS ?? 2_000);
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const guild = '900000000000000001';
const channel = '910000000000000077';
const builderId = '800000000000000009';

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))] as number;
const ms = (value: number) => `${value.toFixed(0)} ms`;

interface SentBid {
  id: string;
  token: string;
  userId: string;
  amountCents: number;
  maxCents: number;
  sentAt: number;
  answeredAt?: number;
  status?: number;
}

/** The Upstash REST bridge in its own process, in front of the real Redis. */
async function startBridge(): Promise<{ url: string; token: string; stop(): void }> {
  const token = randomBytes(16).toString('hex');
  const child = fork(join(projectRoot(), 'test', 'support', 'upstash-bridge-process.mjs'), [], { env: { ...process.env, URS_TOKEN: token, REDIS_URL: redisUrl }, stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.once('data', (chunk: Buffer) => resolve(chunk.toString().trim()));
    child.once('exit', (code) => reject(new Error(`the bridge exited with ${code}`)));
  });
  return { url, token, stop: () => child.kill() };
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'c500-bench-'));
  const bridge = await startBridge();
  const keyPrefix = `bench:${Date.now()}:`;
  const env = { ...process.env, C500_DATA_DIR: dataDir, C500_LOG_LEVEL: 'silent', DISCORD_PUBLIC_KEY: undefined, UPSTASH_REDIS_REST_URL: bridge.url, UPSTASH_REDIS_REST_TOKEN: bridge.token, C500_REDIS_KEY_PREFIX: keyPrefix };
  const rt = await startLocalRuntime({ hostFunction, port: 0, print: () => undefined, env });
  const key = rt.secrets.DISCORD_PRIVATE_KEY as string;
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const post = (raw: string, signed = signInteraction(raw, key)) =>
    new Promise<number>((resolve, reject) => {
      const req = request(`${rt.url}/discord/interactions`, { method: 'POST', agent, headers: { ...signed, 'content-length': Buffer.byteLength(raw) } }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', reject);
      req.end(raw);
    });
  const member = (id: string) => ({ user: { id, username: `u${id.slice(-5)}` }, permissions: '8' });
  let seq = 0;
  const interaction = (userId: string, data: unknown, type = 2) => {
    const id = `${Date.now()}${String(++seq).padStart(6, '0')}`;
    return { id, raw: JSON.stringify({ id, type, token: `bench-${id}`, application_id: '1', guild_id: guild, channel_id: channel, member: member(userId), data }) };
  };

  // An onboarded builder starts a ten-minute auction at $25.
  await rt.store.set(`builders/${builderId}`, { discordUserId: builderId, displayName: 'Bench Builder', stripeAccountId: (await rt.payments.createConnectedAccount({ builderId, idempotencyKey: 'bench' })).accountId, chargesEnabled: true, payoutsEnabled: true });
  const start = interaction(builderId, { name: 'c500', options: [{ name: 'auction', type: 2, options: [{ name: 'start', type: 1, options: [{ name: 'item', type: 3, value: 'Bench board' }, { name: 'price', type: 10, value: 25 }, { name: 'duration', type: 3, value: '10m' }] }] }] });
  await post(start.raw);
  await rt.settle();
  const [stored] = await rt.store.query<Auction>('auctions', { limit: 1 });
  if (!stored) throw new Error('the auction did not start');
  const auction = stored.data;

  // Every bid signed before the clock starts: the herd is timed, not our signing.
  // Amounts climb with the bid's place in the bidder's turn, so most are contested.
  const perUser = Math.ceil(totalBids / users);
  const queues: SentBid[][] = Array.from({ length: users }, () => []);
  const bodies = new Map<string, { raw: string; signed: Record<string, string> }>();
  for (let i = 0; i < totalBids; i++) {
    const user = i % users;
    const userId = `7${String(user).padStart(17, '0')}`;
    const round = Math.floor(i / users);
    const amountCents = 2_500 + round * 2_000 + Math.floor(Math.random() * 4_000) * 5;
    const maxCents = Math.random() < 0.2 ? amountCents + Math.floor(Math.random() * 3_000) * 5 : amountCents;
    const options = [{ name: 'amount', type: 10, value: amountCents / 100 }, ...(maxCents > amountCents ? [{ name: 'max', type: 10, value: maxCents / 100 }] : [])];
    const { id, raw } = interaction(userId, { name: 'bid', options });
    bodies.set(id, { raw, signed: signInteraction(raw, key) });
    queues[user]?.push({ id, token: `bench-${id}`, userId, amountCents, maxCents, sentAt: 0 });
  }

  const editedAt = new Map<string, number>();
  const record = rt.outbox.editOriginalResponse.bind(rt.outbox);
  rt.outbox.editOriginalResponse = async (token, message) => {
    if (!editedAt.has(token)) editedAt.set(token, performance.now());
    return record(token, message);
  };

  const began = performance.now();
  await Promise.all(
    queues.map(async (turns) => {
      for (const bid of turns) {
        bid.sentAt = performance.now();
        const { raw, signed } = bodies.get(bid.id) as { raw: string; signed: Record<string, string> };
        bid.status = await post(raw, signed);
        bid.answeredAt = performance.now();
      }
    }),
  );
  await rt.settle();
  const sent = queues.flat();
  const lastEdit = Math.max(...editedAt.values());
  const seconds = (lastEdit - began) / 1000;

  // The hammer, straight at the book: the full log in the order Redis decided it.
  const book = createUpstashAuctionBook(connectAuctionBook({ url: bridge.url, token: bridge.token }), { keyPrefix });
  const live = await book.read(auction.auctionId);
  const hammer = await book.hammer(auction.auctionId, live?.version ?? 0, (live?.endsAtMs ?? 0) + 1);
  if (hammer.kind !== 'closed') throw new Error(`hammer answered ${hammer.kind}`);
  const logged = hammer.bids;
  const loggedIds = new Set(logged.map((b: BidRecord) => b.bidId));
  const edits = rt.outbox.entries.filter((e) => e.kind === 'edit' && e.interactionToken?.startsWith('bench-') && e.interactionToken !== `bench-${start.id}`);
  const acceptedTokens = new Set(edits.filter((e) => /You lead|still lead|Outbid at once/.test(e.message.content ?? '')).map((e) => e.interactionToken as string));
  const lost = sent.filter((b) => !editedAt.has(b.token) || (acceptedTokens.has(b.token) && !loggedIds.has(b.id))).length;
  const doubleCounted = logged.length - loggedIds.size;

  // The sequential reference: the same bids, in the book's order, through the model.
  const model = new AuctionBookModel();
  model.open(termsOf(auction, auction.messageId ?? ''));
  const byId = new Map(sent.map((b) => [b.id, b]));
  for (const entry of logged) {
    const bid = byId.get(entry.bidId) as SentBid;
    model.placeBid({ auctionId: auction.auctionId }, { bidId: bid.id, bidderId: bid.userId, bidderName: entry.bidderName, amountCents: bid.amountCents, maxCents: bid.maxCents, responseToken: bid.token, atMs: entry.atMs, receivedAtMs: entry.atMs });
  }
  const reference = model.read(auction.auctionId);
  const highest = [...logged].sort((a, b) => b.maxCents - a.maxCents || logged.indexOf(a) - logged.indexOf(b))[0];

  const answerMs = sent.map((b) => (b.answeredAt ?? 0) - b.sentAt);
  const editMs = sent.filter((b) => editedAt.has(b.token)).map((b) => (editedAt.get(b.token) as number) - b.sentAt);
  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown cpu'}, node ${process.version}`);
  console.log(`${sent.length} signed bids from ${users} bidders (${perUser} each, one after another; all bidders at once) on one auction`);
  console.log(`end to end: ${(sent.length / seconds).toFixed(0)} bids/s (${sent.length} bids answered and edited in ${seconds.toFixed(2)} s)`);
  console.log(`time to the interaction answer: p50 ${ms(percentile(answerMs, 50))}, p99 ${ms(percentile(answerMs, 99))}; HTTP 200: ${sent.filter((b) => b.status === 200).length}`);
  console.log(`time to the bidder's edit:      p50 ${ms(percentile(editMs, 50))}, p99 ${ms(percentile(editMs, 99))}`);
  console.log(`accepted into the log: ${logged.length}; lost: ${lost}; double-counted: ${doubleCounted}`);
  console.log(`winner: ${hammer.snapshot.leaderId} at ${hammer.snapshot.priceCents} cents; highest valid max: ${highest?.bidderId} (${highest?.maxCents} cents); reference model agrees: ${reference?.leaderId === hammer.snapshot.leaderId && reference?.priceCents === hammer.snapshot.priceCents}`);
  console.log(`embed edits for ${sent.length} bids: ${rt.outbox.entries.filter((e) => e.kind === 'edit' && e.messageId === auction.messageId).length} (at most one a second)`);

  const ceiling = await bidCeiling({ redisUrl, book, keyPrefix });
  if (ceiling) {
    const share = (x: number) => `${(100 * x).toFixed(0)} % accepted`;
    console.log(`redis-benchmark EVALSHA of the same bid script, straight at Redis (${ceiling.clients} clients): ${ceiling.perSecond.toFixed(0)} bids/s (${share(ceiling.acceptedShare)})`);
    console.log(`through the Upstash adapter alone (Promise.all of ${ceiling.adapterBids} bids, auto-pipelined): ${ceiling.adapterPerSecond.toFixed(0)} bids/s (${share(ceiling.adapterAcceptedShare)}) = ${((100 * ceiling.adapterPerSecond) / ceiling.perSecond).toFixed(0)} % of the ceiling`);
    console.log(`whole pipeline: ${((100 * sent.length) / seconds / ceiling.perSecond).toFixed(1)} % of the ceiling`);
  }
  agent.destroy();
  await rt.close();
  bridge.stop();
  rmSync(dataDir, { recursive: true, force: true });
}

main().then(() => process.exit(0), (error: unknown) => {
  console.error(error);
  process.exit(1);
});
