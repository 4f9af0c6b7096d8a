/**
 * @module script-commands
 * How many commands Upstash bills for what the connection sends: each plain command is one,
 * and a script (EVALSHA, or EVAL after NOSCRIPT) is the script call plus every command the
 * script runs, which Upstash counts one by one and which the capacity model's first wall is
 * made of (docs/capacity.md). A script's count is its entry in the table below: measured on a
 * real Redis by test/integration/upstash-script-commands.test.ts (MONITOR, the call and every
 * command inside it), which fails when a script's commands change and the table does not.
 * Counting is in-process arithmetic on each request's body: nothing is asked of Redis, and the
 * bid's path pays a map lookup.
 */
import { createHash } from 'node:crypto';
import type { Redis } from '@upstash/redis';
import { bookScriptTexts } from './book-layout';
import { chatOutboxScripts } from '../chat/upstash-chat-outbox';

/**
 * Commands one call of each script runs, the call itself included, on its usual path: a bid
 * accepted from a bidder seen before, an auction opened in a free channel, a read of a live
 * book. `perBid` is what each bid of a gathered batch adds (the bid script decides several
 * in one call); `perKey` what each key past the first adds (a tally read over several minutes).
 * Other paths (a refused bid, a new bidder) run a few more or fewer: an estimate of the
 * herd's cost, not a bill.
 */
export const scriptCommands = {
  // An accepted bid; a refused one (too low, a block) runs 5, so a herd of refusals is counted high, never low.
  bid: { call: 14, perBid: 1 },
  open: { call: 5 },
  read: { call: 2 },
  claimEmbed: { call: 2 },
  // Three more a bidder in the book's standings, which the request does not show: the hammer runs once an auction.
  hammer: { call: 15 },
  cancel: { call: 13 },
  preBidsIn: { call: 3 },
  withdraw: { call: 4 },
  // An erasure's, rare: one bidder in one auction's book.
  forget: { call: 9 },
  forgetLists: { call: 4 },
  // One more a blocked bidder.
  trust: { call: 4 },
  tally: { call: 3 },
  tallies: { call: 2, perKey: 1 },
  // A line (a batch adds none while its lines go to one list).
  chatAdd: { call: 3 },
  chatTake: { call: 5 },
  chatClaim: { call: 6 },
} satisfies Record<string, { call: number; perBid?: number; perKey?: number }>;

export type ScriptName = keyof typeof scriptCommands;

/** Each script's text, by the name the table gives it. */
export const scriptTexts: Readonly<Record<ScriptName, string>> = {
  ...bookScriptTexts,
  chatAdd: chatOutboxScripts.add,
  chatTake: chatOutboxScripts.take,
  chatClaim: chatOutboxScripts.claim,
};

const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');

/** A script as a request names it: by its SHA-1 (EVALSHA) or by its text (EVAL). */
const scriptsBySha = new Map(Object.entries(scriptTexts).map(([name, text]) => [sha1(text), name as ScriptName]));
const scriptsByText = new Map(Object.entries(scriptTexts).map(([name, text]) => [text, name as ScriptName]));

/** What one script call runs: EVALSHA sha numkeys key… arg…; the bid script's second argument is how many bids it decides. */
function scriptCallCommands(name: ScriptName, command: readonly unknown[]): number {
  const entry: { call: number; perBid?: number; perKey?: number } = scriptCommands[name];
  const keyCount = Number(command[2]) || 0;
  const bids = entry.perBid ? Math.max(1, Number(command[3 + keyCount + 1]) || 1) : 1;
  const keys = entry.perKey ? Math.max(1, keyCount) : 1;
  return entry.call + (bids - 1) * (entry.perBid ?? 0) + (keys - 1) * (entry.perKey ?? 0);
}

/** The commands Upstash bills for one command as the client sends it (`['evalsha', sha, …]`, `['hget', key, field]`). */
export function commandsOfCommand(command: unknown): number {
  if (!Array.isArray(command) || command.length === 0) return 0;
  const verb = String(command[0]).toLowerCase();
  const script =
    verb === 'evalsha' || verb === 'evalsha_ro'
      ? scriptsBySha.get(String(command[1]))
      : verb === 'eval' || verb === 'eval_ro'
        ? scriptsByText.get(String(command[1]))
        : undefined;
  return script ? scriptCallCommands(script, command) : 1;
}

/** The commands of one request to Upstash's REST API: one command, or a pipeline's (auto-pipelining sends most of them so). */
export function commandsOfRequest(request: { path?: readonly string[]; body?: unknown }): number {
  const batch = request.path?.some((part) => part === 'pipeline' || part === 'multi-exec') ?? false;
  if (batch && Array.isArray(request.body)) return (request.body as unknown[]).reduce<number>((sum, command) => sum + commandsOfCommand(command), 0);
  return commandsOfCommand(request.body);
}

/** Counts every request the connection sends, as it is sent (a retry is billed again, and counted again). */
export function countCommands(redis: Redis, counted: (commands: number) => void): void {
  redis.use((request, next) => {
    counted(commandsOfRequest(request));
    return next(request);
  });
}
