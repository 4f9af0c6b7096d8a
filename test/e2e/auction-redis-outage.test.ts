/**
 * Redis stops in the middle of an auction. Its own redis-server (with an append-only
 * file, as Upstash persists) so the shared one keeps serving the other tests.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { redisAnswers } from '../../shared/local/redis-probe';
import { snowflake } from '../support/interactions';
import { textOf } from '../support/marketplace';
import { auctionWorld, bid, liveAuction, runToHammer, startAuction } from '../support/auctions';
import { auctionPath, historyChunkPath } from '../../shared/auctions/rules/auction';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function startRedis(port: number, dir: string): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'yes', '--appendfsync', 'always', '--dir', dir],
    { stdio: 'ignore' },
  );
  for (let i = 0; i < 100 && !(await redisAnswers(`redis://127.0.0.1:${port}`)); i++) await new Promise((r) => setTimeout(r, 50));
  return child;
}

async function stopRedis(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM'); // redis-server shuts down cleanly on SIGTERM, flushing its AOF
  await exited;
}

/** The Upstash REST bridge in front of that Redis, in its own process: it is ESM-only, jest is not. */
async function startBridge(redisUrl: string): Promise<{ url: string; token: string; child: ChildProcess }> {
  const token = randomBytes(16).toString('hex');
  const child = fork(join(__dirname, '..', '..', 'dist', 'scripts', 'upstash-bridge.js'), [], {
    env: { ...process.env, URS_TOKEN: token, REDIS_URL: redisUrl },
    stdio: ['ignore', 'pipe', 'ignore', 'ipc'],
  }); // its client logs every refused reconnect
  const url = await new Promise<string>((resolve) => child.stdout?.once('data', (chunk: Buffer) => resolve(chunk.toString().trim())));
  return { url, token, child };
}

// Through the REST bridge, as production reaches Upstash; and over RESP, as `npm start` reaches a local Redis.
describe.each([
  ['through the Upstash REST bridge', true],
  ['over RESP, as npm start runs', false],
])('when Redis stops mid-auction (%s)', (_transport, viaBridge) => {
  it('tells bidders to try again, loses nothing accepted, and resumes when Redis is back', async () => {
    const port = await freePort();
    const dir = mkdtempSync(join(tmpdir(), 'c500-redis-'));
    let redis = await startRedis(port, dir);
    const redisUrl = `redis://127.0.0.1:${port}`;
    const bridge = viaBridge ? await startBridge(redisUrl) : undefined;
    const { rt, clock, builder } = await auctionWorld({
      env: bridge ? { UPSTASH_REDIS_REST_URL: bridge.url, UPSTASH_REDIS_REST_TOKEN: bridge.token } : { REDIS_URL: redisUrl },
    });
    try {
      await startAuction(rt, builder, { price: 25, duration: '10m' });
      const auction = await liveAuction(rt, builder);
      const [ann, bo, cy] = [snowflake(), snowflake(), snowflake()];
      expect(textOf(await bid(rt, ann, 30))).toContain('You lead at **$30.00**');

      await stopRedis(redis);
      expect(textOf(await bid(rt, bo, 40))).toContain('couldn’t reach the auction');

      redis = await startRedis(port, dir);
      // The bridge's client reconnects on its own; the next bid finds the auction as it was.
      let answer = '';
      for (let i = 0; i < 20 && !answer.includes('You lead'); i++) {
        answer = textOf(await bid(rt, cy, 50));
        if (!answer.includes('You lead')) await new Promise((r) => setTimeout(r, 250));
      }
      expect(answer).toContain('You lead at **$50.00**');
      const board = (await (await fetch(`${rt.url}/overlay/auction/${auction.auctionId}`)).json()) as { bidCount: number; leader: string };
      // Ann's bid survived the outage; Bo was told his might not have landed (and it may have, once Redis returned).
      expect(board.bidCount).toBeGreaterThanOrEqual(2);
      await runToHammer(rt, clock, auction.auctionId);
      expect(await rt.store.get(auctionPath(auction.auctionId))).toMatchObject({ status: 'awaiting-payment', winner: { bidderId: cy } });
      const history = await rt.store.get(historyChunkPath(auction.auctionId, 0));
      expect(history?.bids.map((b) => b.bidderId)).toContain(ann);
    } finally {
      await rt.close();
      bridge?.child.kill();
      await stopRedis(redis);
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
