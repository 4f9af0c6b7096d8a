/**
 * @module script-prelude
 * What every auction script shares (`auction-scripts` says the conventions): the snapshot's
 * fields in reply order, the key-locking shebang, and the Lua helpers that load an auction's
 * state and answer with its snapshot.
 */

/** A closed or cancelled auction's keys outlive it by a week: late redeliveries and the hammer's retries still find it. */
export const retiredTtlMs = 7 * 24 * 60 * 60 * 1000;

/** The hash fields a snapshot is made of, in the order every script returns them; the next minimum follows. */
export const snapshotFields = [
  'status',
  'channel',
  'builder',
  'item',
  'currency',
  'start',
  'reserve',
  'price',
  'leader',
  'leaderName',
  'endsAt',
  'version',
  'bidCount',
  'suddenDeath',
  'counterMs',
  'message',
  'settle',
  'delay',
  'finalCall',
] as const;

/**
 * What the public saw when the final call began, kept from its first bid until the hammer
 * (`sealed` is '1' from then): every snapshot shows these instead of the sealed state.
 */
export const sealedFields = ['sealed', 'shownPrice', 'shownLeader', 'shownLeaderName', 'shownBidCount'] as const;

/** A snapshot's length in a reply: its fields and the next minimum. */
export const snapshotLength = snapshotFields.length + 1;

/** The fields of a bid log entry, in the order the hammer returns them. */
export const logFields = ['bidId', 'bidderId', 'bidderName', 'amount', 'max', 'outcome', 'price', 'leader', 'at'] as const;

/**
 * The bid script's answer before its snapshot: outcome, repeat, yourMax, displaced id and
 * token, extended, embed kind, embed atMs, embed behindMs, the new-bidder limit (with
 * `over-new-bidder-limit`) and the cooldown (with `slow-down`).
 */
export const bidHeadLength = 11;

/** How many keys an auction has of its own (`auctionBookKeys().auctionKeys`): they expire together. */
export const auctionKeyCount = 8;

/**
 * The shebang every script starts with: the first line, or Redis and Upstash read none.
 * `test/unit/adapters/upstash/auction-scripts.test.ts` holds every script to it and to its keys.
 */
export const keyLocking = '#!lua flags=allow-key-locking\n';

export const luaList = (names: readonly string[]) => `{${names.map((n) => `'${n}'`).join(', ')}}`;

/** Shared by every script that answers with a snapshot. */
export const prelude = `
local SNAPSHOT = ${luaList(snapshotFields)}
local STATE = ${luaList([...snapshotFields, 'ladder', 'leaderMax', 'leaderAt', 'embedAt', 'trailFor', 'guild', 'opensAt', 'builderLinked', 'preBidsUntil', 'drawSeed', ...sealedFields])}

local function int(n) return string.format('%d', n) end

-- incrementAt over the ladder text '0:100,3000:200': the first rung's step, then the
-- step of every rung at or below the price (the last one wins).
local function step(price, ladder)
  local inc
  for from, rungStep in string.gmatch(ladder, '(%-?%d+):(%-?%d+)') do
    if inc == nil or price >= tonumber(from) then inc = tonumber(rungStep) end
  end
  return inc or 100
end

-- The auction's state by field name, or nil when it was never opened (status is always set).
local function load(key)
  local values = redis.call('HMGET', key, unpack(STATE))
  if not values[1] then return nil end
  local s = {}
  for i, name in ipairs(STATE) do s[name] = values[i] or '' end
  return s
end

local function minimum(s)
  if s.leader == '' then return tonumber(s.start) end
  local price = tonumber(s.price)
  return price + step(price, s.ladder)
end

-- The hammer falls at the end of the sealed final call after the stated end. An auction
-- opened before the book kept a final call closes its stream's delay after the end (none: '').
local function hammerAt(s) return tonumber(s.endsAt) + (tonumber(s.finalCall) or tonumber(s.delay) or 0) end

-- The hammer waits out the settle window after its moment, so every bid made in time is in.
local function hammerDue(s) return hammerAt(s) + tonumber(s.settle) end

-- What anyone may see: once the final call has taken a bid, the price, leader and count as
-- they stood when it began, until the hammer.
local function shown(s)
  if s.status ~= 'live' or s.sealed ~= '1' then return s end
  local v = {}
  for name, value in pairs(s) do v[name] = value end
  v.price, v.leader, v.leaderName, v.bidCount = s.shownPrice, s.shownLeader, s.shownLeaderName, s.shownBidCount
  return v
end

-- The book's clock, in ms: Redis's own TIME, one clock for every process, whatever theirs say;
-- 'offset:<ms>' moves it as far (the local runtime, whose clock the playground moves ahead).
-- Given a time instead (the differential tests, which step time to every boundary), that.
local function bookClock(given)
  local offset = 0
  if given ~= nil and string.sub(given, 1, 7) == 'offset:' then
    offset = tonumber(string.sub(given, 8))
  elseif given ~= nil and given ~= '' then
    return tonumber(given)
  end
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000) + offset
end

-- The final call begins: what the public sees now (price, leader, count) is what it sees until
-- the result. Answers whether it began just now (the caller writes the sealed fields).
local function beginFinalCall(s)
  if s.status ~= 'live' or s.sealed == '1' then return false end
  s.sealed, s.shownPrice, s.shownLeader, s.shownLeaderName, s.shownBidCount = '1', s.price, s.leader, s.leaderName, s.bidCount
  return true
end

-- An operation with no time of its own (a withdrawal, an erasure) made once the book's clock
-- has reached the stated end begins the final call first, and writes it.
local function beginByClock(s, now)
  if now >= tonumber(s.endsAt) and beginFinalCall(s) then
    redis.call('HSET', KEYS[1], 'sealed', '1', 'shownPrice', s.shownPrice, 'shownLeader', s.shownLeader, 'shownLeaderName', s.shownLeaderName,
      'shownBidCount', s.shownBidCount)
  end
end

-- A tie between equal maxes in the final call: the draw committed to before it began (sealed-draw).
local function winsDraw(s, challenger, holder)
  return redis.sha1hex(s.drawSeed .. ':' .. challenger) < redis.sha1hex(s.drawSeed .. ':' .. holder)
end

local function snapshot(reply, s)
  local v = shown(s)
  for _, name in ipairs(SNAPSHOT) do reply[#reply + 1] = v[name] end
  reply[#reply + 1] = int(minimum(v))
  return reply
end

-- KEYS[1..8] are the auction's own keys, KEYS[9] its channel's pointer: they expire
-- together, and the pointer goes only if it still names this auction.
local function retire(auctionId)
  for i = 1, 8 do redis.call('PEXPIRE', KEYS[i], ${retiredTtlMs}) end
  if redis.call('GET', KEYS[9]) == auctionId then redis.call('DEL', KEYS[9]) end
end
`;
