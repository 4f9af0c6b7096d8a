/**
 * @module upstash-chat-outbox
 * The chat outbox on Redis (Upstash's REST client, the auction book's connection): per
 * channel, a list of must lines, a list of the rest (capped: a flood of "too low" is
 * summarised, never stored without end), a hash of slot lines (latest wins), and a sorted
 * set of send times for the budget. Each operation is one script, so two subscriber
 * instances never both take the same lines or both spend the last send.
 *
 * Keys (prefix P, broadcaster B, the channel's Twitch user id): `P chat:B:must`, `:rest`
 * (lists of lines, which may @-mention chatters by login), `:slots` (hash), `:once:<hash>`
 * (say-once markers: the key hashed under `ID_HASH_KEY`, as one may name a chatter's Twitch
 * id), `:sent` (sorted set of send times). A day at most; the chat-replies task takes lines
 * within seconds.
 */
import type { Redis } from '@upstash/redis';
import type { ChatBudget, ChatLine, ChatOutbox, SendClaim } from '../../ports';
import { chatLinesKept } from './chat-outbox-limits';
import { gathering } from '../upstash/gathering';
import { idHasher, idPurposes } from '../upstash/keyed-ids';
import { globEscaped } from '../upstash/book-layout';
import { scanKeys } from '../upstash/scan-keys';
const dayMs = 86_400_000;

/**
 * Queues a batch of lines for one channel (what one instance gathered within a few
 * milliseconds), each as if added alone, in order, in one call: each list and hash written
 * once. ARGV: ttl, lines kept, then (line, must, slot, onceKey) per line.
 * Reply: 1 or 0 per line (0: its onceKey was queued before).
 */
const addScript = `
local ttl, kept = ARGV[1], tonumber(ARGV[2])
local must, rest, slots, added = {}, {}, {}, {}
for i = 3, #ARGV, 4 do
  local line, isMust, slot, onceKey = ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3]
  if onceKey ~= '' and redis.call('SET', KEYS[4] .. onceKey, '1', 'NX', 'PX', ttl) == false then
    added[#added + 1] = 0
  else
    added[#added + 1] = 1
    if slot ~= '' then
      slots[#slots + 1] = slot
      slots[#slots + 1] = line
    elseif isMust == '1' then
      must[#must + 1] = line
    else
      rest[#rest + 1] = line
    end
  end
end
-- The expiry is a safety net (the chat-replies task takes the lines within seconds): set when
-- a push made the list or a field joined the hash, not at every line, so a batch costs a
-- command or two a list. A list trimmed only when it outgrew what is kept.
if #must > 0 and redis.call('RPUSH', KEYS[1], unpack(must)) == #must then redis.call('PEXPIRE', KEYS[1], ttl) end
if #rest > 0 then
  local length = redis.call('RPUSH', KEYS[2], unpack(rest))
  if length > kept then redis.call('LTRIM', KEYS[2], -kept, -1) end
  if length == #rest then redis.call('PEXPIRE', KEYS[2], ttl) end
end
if #slots > 0 and redis.call('HSET', KEYS[3], unpack(slots)) > 0 then redis.call('PEXPIRE', KEYS[3], ttl) end
return added`;

/** A line waits at most this long for others of its channel before they are queued together. */
export const chatLineGatherMs = 4;

/** The most lines one call queues. */
const maxLinesPerCall = 64;

const takeScript = `
local must = redis.call('LRANGE', KEYS[1], 0, -1)
local rest = redis.call('LRANGE', KEYS[2], 0, -1)
local slots = redis.call('HVALS', KEYS[3])
redis.call('DEL', KEYS[1], KEYS[2], KEYS[3])
local all = {}
for _, v in ipairs(must) do all[#all + 1] = v end
for _, v in ipairs(slots) do all[#all + 1] = v end
for _, v in ipairs(rest) do all[#all + 1] = v end
return all`;

// ARGV[2] is the window and the margin together (chatSendMarginMs says why): a send made at
// \`t\` counts until \`t + window\` inclusive, and the oldest one's end is when a retry fits.
const claimScript = `
local now, window, perWindow, spacing = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local last = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
if #last > 0 and tonumber(last[2]) + spacing > now then return tonumber(last[2]) + spacing end
if redis.call('ZCARD', KEYS[1]) >= perWindow then
  local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  return tonumber(oldest[2]) + window
end
redis.call('ZADD', KEYS[1], now, ARGV[5])
redis.call('PEXPIRE', KEYS[1], window)
return 0`;

/** The outbox's scripts, for counting what they cost (upstash/script-commands). */
export const chatOutboxScripts = { add: addScript, take: takeScript, claim: claimScript } as const;

/** `idKey`: keys the hash of the say-once keys (`ID_HASH_KEY`), the same for every instance sharing the prefix. */
export function createUpstashChatOutbox(redis: Redis, options: { keyPrefix: string; idKey: string; gatherMs?: number }): ChatOutbox {
  const keys = (broadcasterId: string) => {
    const base = `${options.keyPrefix}chat:${broadcasterId}:`;
    return {
      must: `${base}must`,
      rest: `${base}rest`,
      slots: `${base}slots`,
      once: `${base}once:`,
      sent: `${base}sent`,
      oncePattern: `${globEscaped(base)}once:*`,
    };
  };
  const hashOnce = idHasher(options.idKey, idPurposes.sayOnce);
  const add = redis.createScript<unknown>(addScript);
  const gatherLines = gathering<ChatLine, boolean>(
    { windowMs: options.gatherMs ?? chatLineGatherMs, maxSize: maxLinesPerCall },
    async (broadcasterId, lines) => {
      const k = keys(broadcasterId);
      const args = lines.flatMap((line) => {
        // The line keeps the hash too: after the check, its onceKey is only ever logged.
        // What the line was for (`sign-in`, `offer`: the key's first part) stays readable for the logs; the rest, which may name a chatter, is hashed.
        const kept = line.onceKey ? { ...line, onceKey: `${line.onceKey.split(':')[0]}:${hashOnce(line.onceKey)}` } : line;
        return [JSON.stringify(kept), line.must ? '1' : '0', line.slot ?? '', kept.onceKey ?? ''];
      });
      const added = await add.exec([k.must, k.rest, k.slots, k.once], [String(dayMs), String(chatLinesKept), ...args]);
      if (!Array.isArray(added) || added.length !== lines.length) throw new Error(`the chat outbox's add answer is malformed: ${JSON.stringify(added)}`);
      return added.map((n) => Number(n) === 1);
    },
  );
  return {
    add: (broadcasterId, line) => gatherLines(broadcasterId, line),
    async takeAll(broadcasterId) {
      const k = keys(broadcasterId);
      const raw = (await redis.eval(takeScript, [k.must, k.rest, k.slots], [])) as unknown[];
      return raw.flatMap((v) => lineOf(v));
    },
    async putBack(broadcasterId, lines) {
      if (lines.length === 0) return;
      const k = keys(broadcasterId);
      // LPUSH reverses: push the last first so the first stays first.
      for (const [key, kept] of [
        [k.must, lines.filter((l) => l.must)],
        [k.rest, lines.filter((l) => !l.must)],
      ] as const) {
        if (kept.length === 0) continue;
        await redis.lpush(key, ...[...kept].reverse().map((l) => JSON.stringify(l)));
        await redis.pexpire(key, dayMs);
      }
    },
    async claimSend(broadcasterId, nowMs, budget: ChatBudget): Promise<SendClaim> {
      const k = keys(broadcasterId);
      const member = `${nowMs}-${Math.random().toString(36).slice(2, 10)}`;
      const retryAt = Number(
        await redis.eval(
          claimScript,
          [k.sent],
          [String(nowMs), String(budget.windowMs + budget.marginMs), String(budget.perWindow), String(budget.spacingMs), member],
        ),
      );
      return retryAt === 0 ? { ok: true } : { ok: false, retryAtMs: retryAt };
    },
    async dropChannel(broadcasterId) {
      const k = keys(broadcasterId);
      await redis.del(k.must, k.rest, k.slots, k.sent);
      const once: string[] = [];
      for await (const key of scanKeys(redis, k.oncePattern)) once.push(key);
      for (let i = 0; i < once.length; i += 500) await redis.del(...once.slice(i, i + 500));
    },
  };
}

function lineOf(raw: unknown): ChatLine[] {
  try {
    const line = JSON.parse(String(raw)) as ChatLine;
    return typeof line.text === 'string' ? [line] : [];
  } catch {
    return [];
  }
}
