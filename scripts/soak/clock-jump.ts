/**
 * The local clock moves forward (`POST /_local/clock`, which moves every process's clock and
 * runs what fell due), one move at a time. Half an hour passes in an instant once, in the
 * middle of the traffic: the Cloud Tasks that expire unpaid checkouts (30 minutes, the
 * shortest Stripe allows) and close race windows their host left open (5 minutes, the
 * shortest `/race settings` allows) run while people go on bidding and paying, not only
 * after. The group buys' traffic moves it too (groupbuys.ts): past their closes (an hour, the
 * shortest window a group buy takes), then past their pay links' 72 hours. An interaction
 * deferred before a move whose answer comes after it is past its token's 15 minutes: the
 * product must not use the token (Discord refuses it with 50027) and must not fail on it either.
 *
 * A move reaches the processes one after the other, a few milliseconds apart: in that
 * window a process may still judge a token young that the outbox (on the runtime's moved
 * clock) already refuses, as Discord's clock may run ahead of ours. The product takes that
 * 50027 as "expired" too; the checks count such refusals apart (`moves`).
 */
import { pause, type SoakClient, type SoakRandom } from './client';

export interface ClockJump {
  /** The runtime's time just before the move, and just after it. */
  fromMs: number;
  toMs: number;
  /** When the move began and ended by the system's clock (the outbox stamps its refusals by it). */
  startedAtMs: number;
  endedAtMs: number;
  tasksRun: number;
  /** How long the move and what fell due took. */
  tookMs: number;
  /** Who asked for it: the soak's half hour, or the group buys' closes and lapses. */
  why: string;
}

/**
 * Every move of the run, made one after the other (two asked at once would hold the sending
 * twice and read each other's offsets), kept in the order made.
 */
export class ClockMoves {
  readonly made: ClockJump[] = [];
  private last: Promise<unknown> = Promise.resolve();

  constructor(private readonly client: SoakClient) {}

  /** Moves the runtime's clock `advanceMs` ahead once the move before it is over; answers the move. */
  move(advanceMs: number, why: string): Promise<ClockJump> {
    const next = this.last.then(() => moveOnce(this.client, advanceMs, why));
    this.last = next.catch(() => undefined);
    return next.then((jump) => {
      this.made.push(jump);
      return jump;
    });
  }
}

async function moveOnce(client: SoakClient, advanceMs: number, why: string): Promise<ClockJump> {
  const started = Date.now();
  const fromMs = client.now();
  const moved = await client.holdSending(async () => {
    const res = await fetch(`${client.runtimeUrl}/_local/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ advanceMs }),
      signal: AbortSignal.timeout(5 * 60_000),
    });
    if (!res.ok) throw new Error(`the local clock did not move: ${res.status} ${await res.text()}`);
    const answer = (await res.json()) as { offsetMs: number; tasksRun: number };
    client.clockOffsetMs = answer.offsetMs;
    return answer;
  });
  return { fromMs, toMs: fromMs + advanceMs, startedAtMs: started, endedAtMs: Date.now(), tasksRun: moved.tasksRun, tookMs: Date.now() - started, why };
}

/** The shortest checkout Stripe allows is 30 minutes: a little more, so every checkout open before the move lapses. */
const jumpMs = 31 * 60_000;

/** The soak's half hour, at a seeded moment between a third and three fifths of the traffic. */
export async function clockJump(moves: ClockMoves, random: SoakRandom, startedAt: number, until: number): Promise<ClockJump | undefined> {
  await pause(Math.max(0, startedAt + (until - startedAt) * (0.35 + random.next() * 0.25) - Date.now()));
  if (Date.now() >= until) return undefined;
  return moves.move(jumpMs + random.int(0, 60) * 1_000, 'half an hour');
}
