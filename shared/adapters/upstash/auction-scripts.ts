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
 * - time is only ever an argument (a bid's own time from its snowflake; receipt and hammer
 *   times from the app's clock), never `TIME`, so the model agrees.
 */
import { embedIntervalMs } from '../../auctions';

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
] as const;

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

const luaList = (names: readonly string[]) => `{${names.map((n) => `'${n}'`).join(', ')}}`;

/** Shared by every script that answers with a snapshot. */
const prelude = `
local SNAPSHOT = ${luaList(snapshotFields)}
local STATE = ${luaList([...snapshotFields, 'ladder', 'leaderMax', 'leaderAt', 'embedAt', 'trailFor', 'guild', 'opensAt', 'builderLinked'])}

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

-- The hammer falls at the stated end plus the stream's delay (none for an auction opened
-- before the book kept one: ''), when the overlay reaches zero on viewers' screens.
local function hammerAt(s) return tonumber(s.endsAt) + (tonumber(s.delay) or 0) end

-- The hammer waits out the settle window after its moment, so every bid made in time is in.
local function hammerDue(s) return hammerAt(s) + tonumber(s.settle) end

local function snapshot(reply, s)
  for _, name in ipairs(SNAPSHOT) do reply[#reply + 1] = s[name] end
  reply[#reply + 1] = int(minimum(s))
  return reply
end

-- KEYS[1..8] are the auction's own keys, KEYS[9] its channel's pointer: they expire
-- together, and the pointer goes only if it still names this auction.
local function retire(auctionId)
  for i = 1, 8 do redis.call('PEXPIRE', KEYS[i], ${retiredTtlMs}) end
  if redis.call('GET', KEYS[9]) == auctionId then redis.call('DEL', KEYS[9]) end
end
`;

/** How many ARGV a bid takes in the bid script, after the batch's own two. */
export const bidArgCount = 10;

/** The most bids one bid script call decides (Lua's `unpack` and a reply's size stay small). */
export const maxBidsPerCall = 64;

/**
 * Decides a batch of bids on one auction, in order, each exactly as it would be alone (its
 * own time, received-at time and answer): the hot path, one EVALSHA for every bid that
 * reached one subscriber instance within a few milliseconds (`gathering`). The auction's
 * hash is read once and written once, and each of its per-bidder hashes (seen, tops, topsAt,
 * names, tokens, last bids) is read with one HMGET for the whole batch and written with one
 * HSET: Upstash counts every command a script runs.
 * KEYS: the auction's eight keys (hash, bids stream, seen, tops, topsAt, names, tokens, last
 * bids), the banned set, the trusted set and the bids' server's trust hash. A batch by
 * channel adds the channel's pointer as KEYS[12], and ARGV[1] names the auction the caller
 * expects it to name; the script answers `{'retry', current}` when the pointer names another
 * (every key a script touches is in KEYS, so the caller learns the auction first). With only
 * the pointer in KEYS, it answers that way at once.
 * ARGV: the expected auction ('' for a batch by id), the number of bids, then `bidArgCount`
 * for each: bidId, bidderId, bidderName, amountCents, maxCents, responseToken, atMs (made),
 * receivedAtMs, guildId, the bidder's other names (alias and linked member, space-separated,
 * or '').
 * The trust hash (`trustScript`) holds `version`, `limit`, `cooldown` and `blocked:<id>`.
 * Reply: `{'not-found'}` (the auction, for every bid), `{'retry', auctionId}`, or for each bid
 * `bidHeadLength + snapshotLength` fields: the head then the snapshot after it; a bid from
 * another server answers `not-found` there, the rest of its fields `''`.
 */
export const bidScript = `${keyLocking}${prelude}
if #KEYS == 1 then return {'retry', redis.call('GET', KEYS[1]) or ''} end
if #KEYS == 12 then
  local current = redis.call('GET', KEYS[12]) or ''
  if current ~= ARGV[1] then return {'retry', current} end
end
local s = load(KEYS[1])
if not s then return {'not-found'} end
local n = tonumber(ARGV[2])
local function arg(i, f) return ARGV[2 + (i - 1) * ${bidArgCount} + f] end

-- What the batch reads besides the hash, each once for every bid (on first need) and kept
-- here as the bids change it; written back once at the end.
local ids, bidders = {}, {}
for i = 1, n do ids[i], bidders[i] = arg(i, 1), arg(i, 2) end
local function byName(hashKey, names)
  local values, t = redis.call('HMGET', hashKey, unpack(names)), {}
  for i, name in ipairs(names) do if values[i] then t[name] = values[i] end end
  return t
end
local function members(setKey)
  local values, t = redis.call('SMISMEMBER', setKey, unpack(bidders)), {}
  for i, name in ipairs(bidders) do t[name] = values[i] == 1 end
  return t
end
local cache = {}
local function once(name, read)
  if cache[name] == nil then cache[name] = read() end
  return cache[name]
end
local seenOf = function() return once('seen', function() return byName(KEYS[3], ids) end) end
local bannedOf = function() return once('banned', function() return members(KEYS[9]) end) end
local trustedOf = function() return once('trusted', function() return members(KEYS[10]) end) end
local lastOf = function() return once('last', function() return byName(KEYS[8], bidders) end) end
local topOf = function() return once('tops', function() return byName(KEYS[4], bidders) end) end
-- The server's rules, and whether each bidder, alias or linked member is blocked.
local trustOf = function()
  return once('trust', function()
    local fields = {'limit', 'cooldown'}
    for i = 1, n do
      fields[#fields + 1] = 'blocked:' .. bidders[i]
      for other in string.gmatch(arg(i, 10) or '', '%S+') do fields[#fields + 1] = 'blocked:' .. other end
    end
    return byName(KEYS[11], fields)
  end)
end
-- The response token of the leader a bid displaces: a bidder of this batch, or the leader before it.
local tokens = {}
local function tokenOf(bidder)
  if tokens[bidder] == nil then tokens[bidder] = redis.call('HGET', KEYS[7], bidder) or '' end
  return tokens[bidder]
end
-- Each hash's writes, field by field in the order first written, the latest value kept.
local writes = {}
local function put(hash, field, value)
  local w = writes[hash]
  if not w then
    w = {order = {}, values = {}}
    writes[hash] = w
  end
  if w.values[field] == nil then w.order[#w.order + 1] = field end
  w.values[field] = value
end
local stateChanged, logged = false, {}

local function decide(i)
  local bidId, bidder, name, token, alias = ids[i], bidders[i], arg(i, 3), arg(i, 6), arg(i, 10) or ''
  local amount, max, at, received = tonumber(arg(i, 4)), tonumber(arg(i, 5)), tonumber(arg(i, 7)), tonumber(arg(i, 8))

  local function answer(outcome, yourMax, displacedId, displacedToken, extended, embed, embedAt, behind, rep, limit, cooldown)
    return snapshot({outcome, rep or '0', yourMax or '', displacedId or '', displacedToken or '', extended or '0', embed or 'none', embedAt or '',
      behind or '', limit or '', cooldown or ''}, s)
  end

  -- An auction of another server is not found from this one (one opened before auctions had a server is anyone's).
  if s.guild ~= '' and s.guild ~= arg(i, 9) then
    local reply = {'not-found'}
    for _ = 2, ${bidHeadLength + snapshotLength} do reply[#reply + 1] = '' end
    return reply
  end
  -- A redelivered bid: the recorded outcome, nothing changes. The max shows only while it still leads.
  local seen = seenOf()[bidId]
  if seen then
    local cut = string.find(seen, ':', 1, true)
    local outcome, who = string.sub(seen, 1, cut - 1), string.sub(seen, cut + 1)
    local yours
    if (outcome == 'leading' or outcome == 'raised-max') and who == s.leader then yours = s.leaderMax end
    return answer(outcome, yours, nil, nil, nil, nil, nil, nil, '1')
  end
  -- Made once the hammer fell, or reaching the book after its settle window: too late either way.
  if s.status ~= 'live' or at >= hammerAt(s) or received >= hammerDue(s) then return answer('closed') end
  -- Bounded by the start as by the end: made before it opened, it bid on nothing. An auction
  -- opened before the book kept its start has none ('').
  if at < (tonumber(s.opensAt) or 0) then return answer('too-early') end
  if bannedOf()[bidder] then return answer('banned') end
  -- The server's rules: a server never given any has none. The other names the bidder goes by
  -- (a chatter's login alias, the member their Twitch account is linked to) come space-separated.
  local trust = trustOf()
  if trust['blocked:' .. bidder] then return answer('blocked') end
  for other in string.gmatch(alias, '%S+') do
    if trust['blocked:' .. other] then return answer('blocked') end
  end
  -- The builder by any account of theirs: the Twitch account they linked (named when the
  -- auction opened, space-separated), or a chatter whose account is linked to them.
  local function isBuilder(who)
    if who == s.builder then return true end
    for id in string.gmatch(s.builderLinked, '%S+') do
      if id == who then return true end
    end
    return false
  end
  if isBuilder(bidder) then return answer('own-auction') end
  for other in string.gmatch(alias, '%S+') do
    if isBuilder(other) then return answer('own-auction') end
  end
  -- The cooldown, by when bids were made: the bidder's latest is kept as 'atMs:bidId', and the
  -- same bid delivered again is never too soon after itself.
  local cooldown = tonumber(trust.cooldown or '0')
  if cooldown > 0 then
    local lasts = lastOf()
    local last = lasts[bidder]
    local lastAt, lastId
    if last then
      local cut = string.find(last, ':', 1, true)
      lastAt, lastId = tonumber(string.sub(last, 1, cut - 1)), string.sub(last, cut + 1)
    end
    if lastAt and lastId ~= bidId and math.abs(at - lastAt) < cooldown then
      return answer('slow-down', nil, nil, nil, nil, nil, nil, nil, nil, nil, int(cooldown))
    end
    if not lastAt or at > lastAt then
      lasts[bidder] = arg(i, 7) .. ':' .. bidId
      put(KEYS[8], bidder, lasts[bidder])
    end
  end
  local limit = tonumber(trust.limit or '0')
  if limit > 0 and math.max(amount, max) > limit and not trustedOf()[bidder] then
    return answer('over-new-bidder-limit', nil, nil, nil, nil, nil, nil, nil, nil, int(limit))
  end

  local price, leader, leaderMax, leaderAt = tonumber(s.price), s.leader, tonumber(s.leaderMax), tonumber(s.leaderAt)
  local outcome, displacedId, displacedToken
  if bidder == leader then
    if max <= leaderMax then return answer('already-leading', s.leaderMax) end
    leaderMax, leaderAt, outcome = max, at, 'raised-max'
  elseif amount < minimum(s) then
    return answer('too-low')
  elseif leader == '' then
    leader, leaderMax, leaderAt, price, outcome = bidder, max, at, amount, 'leading'
  elseif max > leaderMax or (max == leaderMax and at < leaderAt) then
    -- The old leader's max answers first: one step over it, at most the newcomer's max. An
    -- equal max made earlier wins the tie, however late it reached the book.
    price = math.max(amount, math.min(max, leaderMax + step(leaderMax, s.ladder)))
    displacedId, displacedToken = leader, tokenOf(leader)
    leader, leaderMax, leaderAt, outcome = bidder, max, at, 'leading'
  else
    -- A lower max, or an equal one made later: the leader's max answers this bid at once.
    price, outcome = math.min(leaderMax, max + step(max, s.ladder)), 'outbid'
  end
  -- A leader whose max meets the reserve pays at least the reserve. No reserve is 0, which
  -- holds the price at zero or more too (a max under its amount, answered at once, would go below).
  local reserve = tonumber(s.reserve)
  if price < reserve and leaderMax >= reserve then price = reserve end

  -- The bidder's best, which only moves (with its time, the runner-up tie-break) when it rises.
  local tops = topOf()
  if not tops[bidder] or max > tonumber(tops[bidder]) then
    tops[bidder] = arg(i, 5)
    put(KEYS[4], bidder, arg(i, 5))
    put(KEYS[5], bidder, arg(i, 7))
  end
  put(KEYS[6], bidder, name)
  put(KEYS[7], bidder, token)
  tokens[bidder] = token
  logged[#logged + 1] = {'bidId', bidId, 'bidderId', bidder, 'bidderName', name, 'amount', arg(i, 4), 'max', arg(i, 5),
    'outcome', outcome, 'price', int(price), 'leader', leader, 'at', arg(i, 7)}
  seenOf()[bidId] = outcome .. ':' .. bidder
  put(KEYS[3], bidId, outcome .. ':' .. bidder)

  -- A counter-bid near the hammer moves it, to a whole second: at most one new hammer a second.
  -- The stated end moves with it, the stream's delay before the hammer.
  local endsAt, version, extended = tonumber(s.endsAt), tonumber(s.version), '0'
  local counter, delay = tonumber(s.counterMs), tonumber(s.delay) or 0
  if (price ~= tonumber(s.price) or leader ~= s.leader) and s.suddenDeath ~= '1' and hammerAt(s) - at < counter then
    local newEnd = math.ceil((at + counter) / 1000) * 1000 - delay
    if newEnd > endsAt then endsAt, version, extended = newEnd, version + 1, '1' end
  end

  -- One embed edit a second by our clock (Discord's rate limit); within it, one trailing task per edit.
  local embedAt, embed, slotAt, behind = tonumber(s.embedAt), 'none', nil, nil
  if received - embedAt >= ${embedIntervalMs} then
    embedAt, embed = received, 'now'
  elseif tonumber(s.trailFor) ~= embedAt then
    s.trailFor, embed, slotAt, behind = int(embedAt), 'trailing', int(embedAt + ${embedIntervalMs}), int(embedAt)
  end

  if leader == bidder then s.leaderName = name end
  s.price, s.leader, s.leaderMax, s.leaderAt, s.bidCount = int(price), leader, int(leaderMax), int(leaderAt), int(tonumber(s.bidCount) + 1)
  s.endsAt, s.version, s.embedAt = int(endsAt), int(version), int(embedAt)
  stateChanged = true
  local yours
  if outcome ~= 'outbid' then yours = s.leaderMax end
  return answer(outcome, yours, displacedId, displacedToken, extended, embed, slotAt, behind)
end

local reply = {}
for i = 1, n do
  for _, field in ipairs(decide(i)) do reply[#reply + 1] = field end
end

if stateChanged then
  redis.call('HSET', KEYS[1], 'price', s.price, 'leader', s.leader, 'leaderName', s.leaderName, 'leaderMax', s.leaderMax,
    'leaderAt', s.leaderAt, 'bidCount', s.bidCount, 'endsAt', s.endsAt, 'version', s.version, 'embedAt', s.embedAt, 'trailFor', s.trailFor)
end
local function flush(written)
  local w = writes[written]
  if not w then return end
  local fieldValues = {}
  for _, field in ipairs(w.order) do
    fieldValues[#fieldValues + 1] = field
    fieldValues[#fieldValues + 1] = w.values[field]
  end
  redis.call('HSET', written, unpack(fieldValues))
end
flush(KEYS[3])
flush(KEYS[4])
flush(KEYS[5])
flush(KEYS[6])
flush(KEYS[7])
flush(KEYS[8])
for _, entry in ipairs(logged) do redis.call('XADD', KEYS[2], '*', unpack(entry)) end
return reply
`;

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

/** The snapshot, or `{}` when the auction is unknown. KEYS: auction hash. */
export const readScript = `${keyLocking}${prelude}
local s = load(KEYS[1])
if not s then return {} end
return snapshot({}, s)
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
 * ARGV: version, atMs, auctionId.
 * Reply: `{'not-found'}`, `{'cancelled'}`, `{'stale', version}`, `{'early', dueAtMs}`, or
 * `{'closed', snapshot..., n, n × logFields..., then (bidderId, top, topAt, name) per bidder}`.
 * `early` names when the hammer is due: the end and its settle window.
 */
export const hammerScript = `${keyLocking}${prelude}
local s = load(KEYS[1])
if not s then return {'not-found'} end
if s.status == 'cancelled' then return {'cancelled'} end
if s.status == 'live' then
  if tonumber(ARGV[1]) ~= tonumber(s.version) then return {'stale', s.version} end
  if tonumber(ARGV[2]) < hammerDue(s) then return {'early', int(hammerDue(s))} end
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
