/**
 * The probe's verdicts from what the ingress answers and what the book recorded, with the
 * ingress and the book stood in for: each reason an operator is paged with.
 */
import { generateKeyPairSync } from 'node:crypto';
import { probeSigner, runProbe, type ProbeDeps } from '../index';

const sign = probeSigner(generateKeyPairSync('ed25519').privateKey);
const clock = { now: () => new Date('2026-11-28T04:00:00Z') };

/** An ingress that answers each request by its interaction type (1 PING, 3 the bid). */
function ingress(answers: Record<number, { status: number; json?: unknown } | Error>): typeof fetch {
  return (async (_url: string, init: RequestInit) => {
    const answer = answers[(JSON.parse(String(init.body)) as { type: number }).type];
    if (answer instanceof Error || answer === undefined) throw answer ?? new Error('no answer');
    return new Response(answer.json === undefined ? 'refused' : JSON.stringify(answer.json), { status: answer.status });
  }) as typeof fetch;
}

const healthy = { 1: { status: 200, json: { type: 1 } }, 3: { status: 200, json: { type: 5, data: { flags: 64 } } } };

function deps(overrides: Partial<ProbeDeps>): ProbeDeps {
  return { baseUrl: 'https://ingress.example/', sign, clock, fetch: ingress(healthy), pause: async () => undefined, attempts: 3, ...overrides };
}

describe('the probe’s verdicts', () => {
  it('passes when the ingress PONGs, defers the bid, and the book decided it on the probe’s empty lot', async () => {
    let reads = 0;
    const checks = await runProbe(deps({ readBidDecision: async () => (++reads < 2 ? undefined : 'not-found') }));
    expect(checks).toEqual([
      { check: 'ping', outcome: 'ok', reason: 'PONG' },
      { check: 'bid', outcome: 'ok', reason: 'decided by the book' },
    ]);
  });

  it('fails the PING answered without a PONG, and a bid answered without deferring', async () => {
    const checks = await runProbe(deps({ fetch: ingress({ 1: { status: 200, json: { type: 4 } }, 3: { status: 200, json: { type: 4 } } }) }));
    expect(checks.map((c) => c.reason)).toEqual(['answered without a PONG', 'answered without deferring']);
  });

  it('fails an ingress that cannot be reached, saying why', async () => {
    const checks = await runProbe(deps({ fetch: ingress({ 1: new Error('connect ECONNREFUSED'), 3: new Error('connect ECONNREFUSED') }) }));
    expect(checks).toEqual([
      { check: 'ping', outcome: 'failed', reason: 'unreachable: connect ECONNREFUSED' },
      { check: 'bid', outcome: 'failed', reason: 'unreachable: connect ECONNREFUSED' },
    ]);
  });

  it('fails a bid nobody decided after its reads, reading no more than it was told', async () => {
    let reads = 0;
    const checks = await runProbe(deps({ readBidDecision: async () => void reads++ }));
    expect(checks[1]).toEqual({ check: 'bid', outcome: 'failed', reason: 'no-decision' });
    expect(reads).toBe(3);
  });

  it('fails with the subscriber’s word when the book was unavailable to it, and when the book cannot be read', async () => {
    expect((await runProbe(deps({ readBidDecision: async () => 'book-unavailable' })))[1]?.reason).toBe('book-unavailable');
    expect((await runProbe(deps({ readBidDecision: async () => Promise.reject(new Error('down')) })))[1]?.reason).toBe('book-unavailable');
  });

  it('fails an answer that came after Discord’s 3 s, as Discord would', async () => {
    let now = Date.parse('2026-11-28T04:00:00Z');
    const slow = ingress(healthy);
    const checks = await runProbe(
      deps({
        clock: { now: () => new Date(now) },
        fetch: (async (url: string, init: RequestInit) => {
          now += 3_001;
          return slow(url, init);
        }) as typeof fetch,
        readBidDecision: async () => 'not-found',
      }),
    );
    expect(checks.map((c) => c.reason)).toEqual(['answered after Discord’s 3 s', 'answered after Discord’s 3 s']);
  });

  it('says the bid’s decision was not read when it has no book to read it from', async () => {
    expect((await runProbe(deps({})))[1]).toEqual({ check: 'bid', outcome: 'ok', reason: 'published (decision not read: no book to read it from)' });
  });
});

describe('the probe’s key check', () => {
  const held = 'ab'.repeat(32);
  const holding = (key: string | undefined) =>
    ingress({ ...healthy, 1: { status: 200, json: key === undefined ? { type: 1 } : { type: 1, discord_public_key: key } } });

  it('passes when the key the ingress holds is the application’s, as Discord reports it', async () => {
    const checks = await runProbe(deps({ fetch: holding(held), applicationKey: async () => held.toUpperCase() }));
    expect(checks[2]).toEqual({ check: 'key', outcome: 'ok', reason: 'DISCORD_PUBLIC_KEY is the application’s' });
  });

  it('fails when the ingress holds another key than the application’s, though its PING and bid pass with the probe’s own key', async () => {
    const checks = await runProbe(deps({ fetch: holding(held), applicationKey: async () => 'cd'.repeat(32) }));
    expect(checks.map((c) => c.outcome)).toEqual(['ok', 'ok', 'failed']);
    expect(checks[2].reason).toBe('DISCORD_PUBLIC_KEY abababab… is not the application’s cdcdcdcd…');
  });

  it('fails when the ingress does not say its key, or Discord cannot be asked', async () => {
    expect((await runProbe(deps({ fetch: holding(undefined), applicationKey: async () => held })))[2].reason).toBe(
      'the ingress did not say which key it holds',
    );
    const unreadable = await runProbe(
      deps({ fetch: holding(held), applicationKey: async () => Promise.reject(new Error('GET /applications/@me answered 401')) }),
    );
    expect(unreadable[2]).toEqual({ check: 'key', outcome: 'failed', reason: 'Discord’s application key unreadable: GET /applications/@me answered 401' });
  });

  it('is left out without a way to ask Discord', async () => {
    expect((await runProbe(deps({ fetch: holding(held) }))).map((c) => c.check)).toEqual(['ping', 'bid']);
  });
});
