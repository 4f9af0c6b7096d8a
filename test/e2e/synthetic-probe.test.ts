/**
 * The synthetic probe against the local runtime, as `syntheticProbe` and `npm run probe` run
 * it: a signed PING and a dry-run bid followed to the book's decision. The probe reads the
 * decision after each settle of the runtime (its own drain hook), never on a timer.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDiscordKeyPair } from '../../shared/local/discord-signing';
import { openAuctionBook } from '../../shared/local/auction-book-connection';
import { redisAnswers } from '../../shared/local/redis-probe';
import { probePrivateKey, probeSigner, runProbe, type ProbeCheck } from '../../shared/probe';
import { startTestRuntime, type TestRuntime } from '../support/local-runtime';

/** The probe as the scheduled function runs it, but waiting on the runtime's settle between reads of the decision. */
async function probe(rt: TestRuntime, privateKeyHex = rt.secrets.PROBE_PRIVATE_KEY as string): Promise<{ checks: ProbeCheck[] }> {
  const opened = openAuctionBook({ kind: 'redis', redisUrl: rt.config.redisUrl }, rt.config);
  const madeAt = new Date();
  try {
    const checks = await runProbe({
      baseUrl: rt.url,
      sign: probeSigner(probePrivateKey(privateKeyHex)),
      // A clock that stands still: the ingress's answer is never judged late, however loaded this machine is.
      clock: { now: () => madeAt },
      fetch,
      readBidDecision: (id) => opened.book.probeDecision(id),
      pause: () => rt.settle(),
      attempts: 3,
    });
    return { checks };
  } finally {
    await opened.close();
  }
}

describe('the synthetic probe on a healthy runtime', () => {
  let rt: TestRuntime;
  const output: string[] = [];
  beforeAll(async () => {
    rt = await startTestRuntime({ env: { C500_LOG_LEVEL: 'debug' }, processOutput: (text) => void output.push(text) });
  });
  afterAll(() => rt.close());

  it('passes its PING and its bid, which the bid subscriber decides on the book', async () => {
    const { checks } = await probe(rt);
    expect(checks).toEqual([
      { check: 'ping', outcome: 'ok', reason: 'PONG' },
      { check: 'bid', outcome: 'ok', reason: 'decided by the book' },
    ]);
  });

  it('writes its own event for the probe bid, never bid.decided, so the bids’ metrics and SLO leave it out', async () => {
    output.length = 0;
    await probe(rt);
    await rt.settle();
    // The runtime's output reaches the test on its own time, after the settle: waited for, line by line.
    const answered = /"probeInteractionId":"\d+","event":"http.answered","function":"discordInteractions"/;
    while (!output.join('').includes('"event":"probe.bid-decided"') || !answered.test(output.join(''))) await new Promise((r) => setTimeout(r, 20));
    const lines = output.join('');
    expect(lines).toContain('"event":"probe.bid-decided"');
    expect(lines).not.toContain('"event":"bid.decided"');
    // Its answers are marked the probe's, so an SLI of members' interactions can leave them out.
    expect(lines).toMatch(/"probeInteractionId":"\d+","event":"http.answered","function":"discordInteractions"/);
  });

  it('fails both checks with the ingress’s 401 when the probe signs with a key the ingress does not hold', async () => {
    const { checks } = await probe(rt, generateDiscordKeyPair().privateKeyHex);
    expect(checks).toEqual([
      { check: 'ping', outcome: 'failed', reason: 'answered 401' },
      { check: 'bid', outcome: 'failed', reason: 'answered 401' },
    ]);
  });

  it('runs as the scheduled function and answers what each check found', async () => {
    const { status, body } = await rt.runScheduled('syntheticProbe');
    expect(status).toBe(200);
    // It asks the local Discord for the application's key too, which is the key the ingress holds.
    expect((body as { checks: ProbeCheck[] }).checks.map((c) => c.check)).toEqual(['ping', 'bid', 'key']);
    expect((body as { checks: ProbeCheck[] }).checks[2]).toEqual({ check: 'key', outcome: 'ok', reason: 'DISCORD_PUBLIC_KEY is the application’s' });
    // It reached the ingress with the key the ingress holds (a wrong key is 401); whether in Discord's 3 s depends on this machine's load.
    expect(['PONG', 'answered after Discord’s 3 s']).toContain((body as { checks: ProbeCheck[] }).checks[0]?.reason);
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe('the synthetic probe when Redis is down', () => {
  it('passes its PING and fails its bid with book-unavailable', async () => {
    const port = await freePort();
    const dir = mkdtempSync(join(tmpdir(), 'c500-probe-redis-'));
    const redis: ChildProcess = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--dir', dir], { stdio: 'ignore' });
    for (let i = 0; i < 100 && !(await redisAnswers(`redis://127.0.0.1:${port}`)); i++) await new Promise((r) => setTimeout(r, 50));
    const rt = await startTestRuntime({ env: { REDIS_URL: `redis://127.0.0.1:${port}` } });
    try {
      const stopped = new Promise((r) => redis.once('exit', r));
      redis.kill('SIGTERM');
      await stopped;
      const { checks } = await probe(rt);
      expect(checks).toEqual([
        { check: 'ping', outcome: 'ok', reason: 'PONG' },
        { check: 'bid', outcome: 'failed', reason: 'book-unavailable' },
      ]);
    } finally {
      await rt.close();
      if (redis.exitCode === null) redis.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
