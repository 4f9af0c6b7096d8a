/**
 * @module run-probe
 * The synthetic probe's checks against a deployment's base URL, as Discord would reach it:
 * a signed PING, then a signed bid on the probe's own lot, followed to its decision by the
 * bid subscriber on the book; and, given Discord's API, whether the key the ingress holds is
 * the application's (a wrong DISCORD_PUBLIC_KEY refuses every interaction of Discord's while
 * the probe, signing with its own key, is let in). Each check answers `ok` or `failed` with a short reason; the
 * scheduled function logs them (`probe.checked`), `npm run probe` prints them.
 */
import type { Clock } from '../../ports';
import { ResponseType } from '../../discord';
import { probeInteraction, type ProbeRequest } from '../rules/probe-requests';
import type { ProbeSigner } from '../rules/probe-signature';

export interface ProbeCheck {
  check: ProbeRequest | 'key';
  outcome: 'ok' | 'failed';
  reason: string;
}

export interface ProbeDeps {
  /** The deployment's base URL (the ingress answers at `<base>/discord/interactions`). */
  baseUrl: string;
  sign: ProbeSigner;
  /** Stamps the requests' ids, and times the ingress's answers against Discord's 3 s. */
  clock: Clock;
  fetch: typeof fetch;
  /**
   * The decision the bid subscriber recorded for a probe bid (the book's outcome, or
   * `book-unavailable`); undefined while there is none. Without it, the bid check ends at the
   * ingress's answer, and says so.
   */
  readBidDecision?: (probeId: string) => Promise<string | undefined>;
  /**
   * The application's public key as Discord's API reports it (`verify_key` of Get Current
   * Application, GET /applications/@me). Without it, the key is not checked.
   */
  applicationKey?: () => Promise<string | undefined>;
  /** Waits between two reads of the decision: a timer in production, the runtime's settle in tests. */
  pause: () => Promise<void>;
  /** How many times the decision is read before the check fails (`no-decision`). */
  attempts: number;
}

/** What the book answers for the probe's lot when it ran the bid script: its channel holds no auction. */
export const healthyProbeDecision = 'not-found';

/** Discord fails an interaction not answered within 3 s: so does the probe. */
export const answerDeadlineMs = 3_000;

export async function runProbe(deps: ProbeDeps): Promise<ProbeCheck[]> {
  const sequence = Math.floor(Math.random() * 2 ** 22);
  const [ping, heldKey] = await pingCheck(deps, sequence);
  const bid = await bidCheck(deps, sequence + 1);
  return deps.applicationKey ? [ping, bid, await keyCheck(deps.applicationKey, heldKey)] : [ping, bid];
}

/** The ingress's key (said in its answer to the probe's PING) against the application's, as Discord reports it. */
async function keyCheck(applicationKey: () => Promise<string | undefined>, held: string | undefined): Promise<ProbeCheck> {
  let expected: string | undefined;
  try {
    expected = await applicationKey();
  } catch (error) {
    return { check: 'key', outcome: 'failed', reason: `Discord’s application key unreadable: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (!expected) return { check: 'key', outcome: 'failed', reason: 'Discord reported no verify_key' };
  if (!held) return { check: 'key', outcome: 'failed', reason: 'the ingress did not say which key it holds' };
  if (held.toLowerCase() !== expected.toLowerCase())
    return { check: 'key', outcome: 'failed', reason: `DISCORD_PUBLIC_KEY ${held.slice(0, 8)}… is not the application’s ${expected.slice(0, 8)}…` };
  return { check: 'key', outcome: 'ok', reason: 'DISCORD_PUBLIC_KEY is the application’s' };
}

async function pingCheck(deps: ProbeDeps, sequence: number): Promise<[ProbeCheck, string | undefined]> {
  const answer = await send(deps, 'ping', sequence);
  if ('unreachable' in answer) return [{ check: 'ping', outcome: 'failed', reason: `unreachable: ${answer.unreachable}` }, undefined];
  const failed = (reason: string): [ProbeCheck, string | undefined] => [{ check: 'ping', outcome: 'failed', reason }, answer.heldKey];
  if (answer.status !== 200) return failed(`answered ${answer.status}`);
  if (answer.type !== ResponseType.Pong) return failed('answered without a PONG');
  if (answer.tookMs > answerDeadlineMs) return failed(late);
  return [{ check: 'ping', outcome: 'ok', reason: 'PONG' }, answer.heldKey];
}

async function bidCheck(deps: ProbeDeps, sequence: number): Promise<ProbeCheck> {
  const answer = await send(deps, 'bid', sequence);
  if ('unreachable' in answer) return { check: 'bid', outcome: 'failed', reason: `unreachable: ${answer.unreachable}` };
  if (answer.status !== 200) return { check: 'bid', outcome: 'failed', reason: `answered ${answer.status}` };
  if (answer.type !== ResponseType.DeferredMessage) return { check: 'bid', outcome: 'failed', reason: 'answered without deferring' };
  if (answer.tookMs > answerDeadlineMs) return { check: 'bid', outcome: 'failed', reason: late };
  if (!deps.readBidDecision) return { check: 'bid', outcome: 'ok', reason: 'published (decision not read: no book to read it from)' };
  for (let attempt = 0; attempt < deps.attempts; attempt++) {
    if (attempt > 0) await deps.pause();
    let decision: string | undefined;
    try {
      decision = await deps.readBidDecision(answer.id);
    } catch {
      return { check: 'bid', outcome: 'failed', reason: 'book-unavailable' };
    }
    if (decision === healthyProbeDecision) return { check: 'bid', outcome: 'ok', reason: 'decided by the book' };
    if (decision !== undefined) return { check: 'bid', outcome: 'failed', reason: decision };
  }
  return { check: 'bid', outcome: 'failed', reason: 'no-decision' };
}

/** One reason however late (each reason is an incident of its own): the time is in the trace. */
const late = 'answered after Discord’s 3 s';

type Answer = { status: number; type: number | undefined; id: string; tookMs: number; heldKey?: string } | { unreachable: string };

async function send(deps: ProbeDeps, request: ProbeRequest, sequence: number): Promise<Answer> {
  const interaction = probeInteraction(request, deps.clock.now().getTime(), sequence);
  const body = JSON.stringify(interaction);
  const sentAt = deps.clock.now().getTime();
  try {
    const response = await deps.fetch(`${deps.baseUrl.replace(/\/$/, '')}/discord/interactions`, { method: 'POST', body, headers: deps.sign(body) });
    const json = (await response.json().catch(() => undefined)) as { type?: unknown; discord_public_key?: unknown } | undefined;
    const tookMs = deps.clock.now().getTime() - sentAt;
    const heldKey = typeof json?.discord_public_key === 'string' ? json.discord_public_key : undefined;
    return {
      status: response.status,
      type: typeof json?.type === 'number' ? json.type : undefined,
      id: interaction.id,
      tookMs,
      ...(heldKey ? { heldKey } : {}),
    };
  } catch (error) {
    return { unreachable: error instanceof Error ? error.message : String(error) };
  }
}
