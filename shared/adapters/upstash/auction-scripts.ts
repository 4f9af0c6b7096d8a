/**
 * @module auction-scripts
 * The bid engine's Lua, run by Redis (through Upstash) one script at a time, so every
 * operation that reads and then writes an auction is atomic. The same rules are written
 * in TypeScript in `auction-book-model`; the differential tests hold the two to the same
 * answers. Kept as TypeScript strings so the build needs no asset copying.
 *
 * Conventions every script follows:
 * - it starts with `keyLocking`: Upstash runs a script under its database-wide lock (one
 *   script at a time, every auction and every other command waiting) unless it declares
 *   `allow-key-locking`, and then locks only the keys in KEYS, so bids on different
 *   auctions run side by side. The local stand-ins drop the flag, which Redis 7.0 refuses
 *   (`shared/local/upstash/upstash-only-script-flags`);
 * - every key it touches comes in KEYS (none is built in Lua), in the order `auctionKeys` gives:
 *   with the flag, Upstash refuses a key that is not;
 * - numbers travel as decimal strings and are written back through `int`, never `tostring`,
 *   which turns 13-digit epoch milliseconds into exponent notation past 14 digits;
 * - replies are flat arrays of strings: cheap to encode and to check, and no Lua `nil`
 *   can truncate them (absent values are `''`);
 * - whether the final call has begun (and a bid's settle window passed) is the book's own clock's
 *   to say: Redis's `TIME`, one clock whatever a process's says (`bookClock`). A bid's own time
 *   comes from its snowflake; the hammer's and the embed's from the app's clock. The
 *   differential tests give the book their clock instead ('caller'), so the model agrees at
 *   every boundary.
 */
import { embedIntervalMs } from '../../auctions';
import { keyLocking, logFields, luaList, prelude } from './script-prelude';
import { withdrawLua } from './forget-scripts';

export { auctionKeyCount, bidHeadLength, keyLocking, logFields, retiredTtlMs, snapshotFields, snapshotLength } from './script-prelude';
export { bidArgCount, bidScript, maxBidsPerCall } from './bid-script';
export { forgetListsScript, forgetScript } from './forget-scripts';

/**
 * Opens an auction. The channel's pointer may name another auction, whose hash is a key
 * only known after reading the pointer: the caller passes the pointer it expects (first
 * `''`), and the script answers `{'retry', current}` when it names another one, so the
 * caller can pass that auction's hash too.
 * KEYS: auction hash, channel pointer, hash of the auction the pointer is expected to name.
 * ARGV: expected pointer (`''` for none), auctionId, then the hash's field/value pairs.
 * Reply: `{'opened'}`, `{'exists'}`, `{'channel-busy', otherId}` or `{'retry', current}`.
 */
export const openScript = `${keyLocking}
if redis.call('EXISTS', KEYS[1]) == 1 then return {'exists'} end
local current = redis.call('GET', KEYS[2]) or ''
if current ~= ARGV[1] then return {'retry', current} end
if current ~= '' and current ~= ARGV[2] and redis.call('HGET', KEYS[3], 'status') == 'live' then
  return {'channel-busy', current}
end
redis.call('HSET', KEYS[1], unpack(ARGV, 3))
redis.call('SET', KEYS[2], ARGV[2])
return {'opened'}
`;

/**
 * The snapshot, then whether the final call has begun ('1' or '0') and the book's clock, or `{}`
 * when the auction is unknown. Begun: the book's clock has reached the stated end, or a bid
 * sealed it; from that moment every bid is sealed, so nothing public moves after it either way.
 * KEYS: auction hash. ARGV: the book's clock ('': Redis's TIME).
 */
export const readScript = `${keyLocking}${prelude}
local s = load(KEYS[1])
if not s then return {} end
local now = bookClock(ARGV[1])
local begun = '0'
if s.status == 'live' and (s.sealed == '1' or now >= tonumber(s.endsAt)) then begun = '1' end
local reply = snapshot({}, s)
reply[#reply + 1] = begun
reply[#reply + 1] = int(now)
return reply
`;

/**
 * A trailing embed task's turn. KEYS: auction hash. ARGV: behindMs, atMs.
 * Reply: `{'none'}`, `{'now'}` or `{'trailing', atMs, behindMs}`.
 */
export const claimEmbedScript = `${keyLocking}
local status, embedAt = unpack(redis.call('HMGET', KEYS[1], 'status', 'embedAt'))
-- A newer edit than the one this task waits behind scheduled its own trailing task.
if status ~= 'live' or tonumber(embedAt) ~= tonumber(ARGV[1]) then return {'none'} end
local last, at = tonumber(embedAt), tonumber(ARGV[2])
if at - last >= ${embedIntervalMs} then
  redis.call('HSET', KEYS[1], 'embedAt', ARGV[2])
  return {'now'}
end
return {'trailing', string.format('%d', last + ${embedIntervalMs}), embedAt}
`;

/**
 * The hammer. KEYS: the auction's eight keys as the bid script has them, then the channel pointer.
 * ARGV: version, the book's clock ('': Redis's TIME, as the bid script takes it), auctionId.
 * Reply: `{'not-found'}`, `{'cancelled'}`, `{'stale', version}`, `{'early', dueAtMs, nowMs}`, or
 * `{'closed', snapshot..., n, n × logFields..., then (bidderId, top, topAt, name, answer token) per bidder}`.
 * `early` names when the hammer is due (the end and its settle window) and the book's clock:
 * the result comes on the clock that sealed the bids, never before a bid it counts could arrive.
 */
export const hammerScript = `${keyLocking}${prelude}
local s = load(KEYS[1])
if not s then return {'not-found'} end
if s.status == 'cancelled' then return {'cancelled'} end
if s.status == 'live' then
  if tonumber(ARGV[1]) ~= tonumber(s.version) then return {'stale', s.version} end
  local now = bookClock(ARGV[2])
  if now < hammerDue(s) then return {'early', int(hammerDue(s)), int(now)} end
  redis.call('HSET', KEYS[1], 'status', 'closed')
  s.status = 'closed'
  retire(ARGV[3])
end
-- Closed now or before: the same answer every time.
local reply = snapshot({'closed'}, s)
local entries = redis.call('XRANGE', KEYS[2], '-', '+')
reply[#reply + 1] = int(#entries)
for _, entry in ipairs(entries) do
  local fields, kv = {}, entry[2]
  for i = 1, #kv, 2 do fields[kv[i]] = kv[i + 1] end
  for _, name in ipairs(${luaList(logFields)}) do reply[#reply + 1] = fields[name] or '' end
end
local tops = redis.call('HGETALL', KEYS[4])
for i = 1, #tops, 2 do
  reply[#reply + 1] = tops[i]
  reply[#reply + 1] = tops[i + 1]
  reply[#reply + 1] = redis.call('HGET', KEYS[5], tops[i]) or ''
  reply[#reply + 1] = redis.call('HGET', KEYS[6], tops[i]) or ''
  reply[#reply + 1] = redis.call('HGET', KEYS[7], tops[i]) or ''
end
return reply
`;

/**
 * Cancels an auction nobody has bid on, or (ARGV[2] 'even-with-bids') one whose builder can
 * no longer be paid. KEYS: as the hammer's. ARGV: auctionId, mode. Reply: a `CancelResult`.
 */
export const cancelScript = `${keyLocking}${prelude}
local status, count = unpack(redis.call('HMGET', KEYS[1], 'status', 'bidCount'))
if not status then return 'not-found' end
if status ~= 'live' then return 'not-live' end
if tonumber(count) > 0 and ARGV[2] ~= 'even-with-bids' then return 'has-bids' end
redis.call('HSET', KEYS[1], 'status', 'cancelled')
retire(ARGV[1])
return 'cancelled'
`;

/**
 * Takes a bidder out of a live auction (a member who erased themselves): see `withdrawLua`.
 * Once the book's clock has reached the stated end, the final call begins first: the public
 * keeps what it saw, and only the sealed result can change.
 * KEYS: the auction's eight keys. ARGV: bidderId, the book's clock ('': Redis's TIME).
 * Reply: `'withdrawn'`, `'not-bidding'`, `'not-live'` or `'not-found'`.
 */
export const withdrawScript = `${keyLocking}${prelude}${withdrawLua}
local s = load(KEYS[1])
if not s then return 'not-found' end
if s.status ~= 'live' then return 'not-live' end
beginByClock(s, bookClock(ARGV[2]))
return withdraw(s, ARGV[1])
`;

/** A lot's pre-bids are all in: live bids are taken from now on. KEYS: auction hash. Reply: `'in'` or `'not-found'`. */
export const preBidsInScript = `${keyLocking}
if redis.call('EXISTS', KEYS[1]) == 0 then return 'not-found' end
redis.call('HSET', KEYS[1], 'preBidsUntil', '0')
return 'in'
`;

/**
 * A server's trust rules, replaced whole unless the book already holds a version as new.
 * KEYS: the server's trust hash. ARGV: version, limit, cooldown, then the blocked ids and aliases.
 * Reply: `'set'` or `'stale'`.
 */
export const trustScript = `${keyLocking}
local held = tonumber(redis.call('HGET', KEYS[1], 'version') or '-1')
if tonumber(ARGV[1]) <= held then return 'stale' end
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'version', ARGV[1], 'limit', ARGV[2], 'cooldown', ARGV[3])
for i = 4, #ARGV do redis.call('HSET', KEYS[1], 'blocked:' .. ARGV[i], '1') end
return 'set'
`;
