/**
 * @module upstash-chat-outbox
 * The chat outbox on Redis (Upstash's REST client, the auction book's connection): per
 * channel, a list of must lines, a list of the rest (capped: a flood of "too low" is
 * summarised, never stored without end), a hash of slot lines (latest wins), and a sorted
 * set of send times for the budget. Each operation is one script, so two subscriber
 * instances never both take the same lines or both spend the last send.
 */
import type { Redis } from '@upstash/redis';
import type { ChatBudget, ChatLine, ChatOutbox, SendClaim } from '../../ports';
import { chatLinesKept } from './chat-outbox-limits';
const dayMs = 86_400_000;

const addScript = `
local line, must, slot, onceKey = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
if onceKey ~= '' then
  if redis.call('SET', KEYS[4] .. onceKey, '1', 'NX', 'PX', ARGV[5]) == false then return 0 end
end
if slot ~= '' then
  redis.call('HSET', KEYS[3], slot, line)
elseif must == '1' then
  redis.call('RPUSH', KEYS[1], line)
else
  redis.call('RPUSH', KEYS[2], line)
  redis.call('LTRIM', KEYS[2], -tonumber(ARGV[6]), -1)
end
for i = 1, 3 do redis.call('PEXPIRE', KEYS[i], ARGV[5]) end
return 1`;

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

export function createUpstashChatOutbox(redis: Redis, options: { keyPrefix: string }): ChatOutbox {
  const keys = (broadcasterId: string) => {
    const base = `${options.keyPrefix}chat:${broadcasterId}:`;
    return { must: `${base}must`, rest: `${base}rest`, slots: `${base}slots`, once: `${base}once:`, sent: `${base}sent` };
  };
  return {
    async add(broadcasterId, line) {
      const k = keys(broadcasterId);
      const added = await redis.eval(
        addScript,
        [k.must, k.rest, k.slots, k.once],
        [JSON.stringify(line), line.must ? '1' : '0', line.slot ?? '', line.onceKey ?? '', String(dayMs), String(chatLinesKept)],
      );
      return Number(added) === 1;
    },
    async takeAll(broadcasterId) {
      const k = keys(broadcasterId);
      const raw = (await redis.eval(takeScript, [k.must, k.rest, k.slots], [])) as unknown[];
      return raw.flatMap((v) => lineOf(v));
    },
    async putBack(broadcasterId, lines) {
      if (lines.length === 0) return;
      const k = keys(broadcasterId);
      // LPUSH reverses: push the last first so the first stays first.
      await redis.lpush(k.must, ...[...lines].reverse().map((l) => JSON.stringify({ ...l, must: true })));
      await redis.pexpire(k.must, dayMs);
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
