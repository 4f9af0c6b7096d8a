/**
 * @module bid-script
 * The bid script: the hot path, a batch of bids on one auction decided in one call. Its
 * conventions are every auction script's (`auction-scripts`); the same rules are written in
 * TypeScript in `auction-book-model`.
 */
import { embedIntervalMs } from '../../auctions';
import { bidHeadLength, keyLocking, prelude, snapshotLength } from './script-prelude';

/** How many ARGV a bid takes in the bid script, after the batch's own two. */
export const bidArgCount = 14;

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
 * for each (and after them, 'caller' when each bid's receivedAtMs is the book's clock, the
 * differential tests' mode; 'offset:<ms>': Redis's TIME moved as far, the local runtime's;
 * '' or nothing: Redis's TIME is): bidId, bidderId, bidderName, amountCents, maxCents, responseToken, atMs (made),
 * receivedAtMs, guildId, the bidder's other names (alias and linked member, space-separated,
 * or ''), '1' for a pre-bid's proxy ('' otherwise), the bidder's id hashed (`keyed-ids`), their
 * other names hashed, space-separated in the same order, and '1' for a bid typed in public (a
 * `!bid` in Twitch chat: refused once the final call has begun, never taken sealed; '' otherwise).
 * The banned and trusted sets and the trust hash's `blocked:<id>` hold ids hashed; raw ids kept
 * from before they were are honoured too, until an erasure or a new copy of the rules replaces them.
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
-- Whose clock says whether the final call has begun: Redis's ('', or 'offset:<ms>' moved as
-- far) or, given 'caller', each bid's receivedAtMs.
local clockArg = ARGV[3 + n * ${bidArgCount}] or ''
local redisNow
local function bookNow(i)
  if clockArg == 'caller' then return tonumber(arg(i, 8)) end
  redisNow = redisNow or bookClock(clockArg)
  return redisNow
end

-- What the batch reads besides the hash, each once for every bid (on first need) and kept
-- here as the bids change it; written back once at the end.
local ids, bidders = {}, {}
for i = 1, n do ids[i], bidders[i] = arg(i, 1), arg(i, 2) end
local function byName(hashKey, names)
  local values, t = redis.call('HMGET', hashKey, unpack(names)), {}
  for i, name in ipairs(names) do if values[i] then t[name] = values[i] end end
  return t
end
-- Each bidder's id and its hash, in the order SMISMEMBER answers them.
local idForms = {}
for i = 1, n do
  idForms[#idForms + 1] = bidders[i]
  idForms[#idForms + 1] = arg(i, 12) or bidders[i]
end
local function members(setKey)
  local values, t = redis.call('SMISMEMBER', setKey, unpack(idForms)), {}
  for i = 1, n do t[bidders[i]] = t[bidders[i]] or values[2 * i - 1] == 1 or values[2 * i] == 1 end
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
-- Every name a bid's bidder may be blocked by: their id, alias and linked member, raw and hashed.
local function blockNames(i)
  local names = {bidders[i], arg(i, 12) or bidders[i]}
  for _, list in ipairs({arg(i, 10) or '', arg(i, 13) or ''}) do
    for other in string.gmatch(list, '%S+') do names[#names + 1] = other end
  end
  return names
end
-- The server's rules, and whether each of those names is blocked.
local trustOf = function()
  return once('trust', function()
    local fields = {'limit', 'cooldown'}
    for i = 1, n do
      for _, name in ipairs(blockNames(i)) do fields[#fields + 1] = 'blocked:' .. name end
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
  local proxy = arg(i, 11) == '1'
  local now = bookNow(i)
  local statedEnd = tonumber(s.endsAt)
  -- The sealed final call: begun already, made at or after the stated end, or decided once the
  -- book's clock has reached it. Nothing public moves from then.
  local sealed = s.sealed == '1' or at >= statedEnd or now >= statedEnd

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
    -- A bid of a bidder since forgotten names nobody ('') and leads for no one.
    if (outcome == 'leading' or outcome == 'raised-max') and who ~= '' and who == s.leader then yours = s.leaderMax end
    return answer(outcome, yours, nil, nil, nil, nil, nil, nil, '1')
  end
  -- Made once the hammer fell, or reaching the book (by its clock) after its settle window: too late either way.
  if s.status ~= 'live' or at >= hammerAt(s) or now >= hammerDue(s) then return answer('closed') end
  -- Bounded by the start as by the end: made before it opened, it bid on nothing. An auction
  -- opened before the book kept its start has none ('').
  if at < (tonumber(s.opensAt) or 0) then return answer('too-early') end
  -- A lot's pre-bids go in first: a live bid reaching the book before they are (or their hold lapsed) waits.
  if not proxy and received < (tonumber(s.preBidsUntil) or 0) then return answer('too-early') end
  -- Typed in public chat, a bid in the final call was seen by all: refused in this same atomic
  -- step that decides the final call has begun, before anything (the cooldown's last bid) is kept.
  -- With no final call (an auction from before them), one made in time and reaching the book late counts.
  if sealed and arg(i, 14) == '1' and hammerAt(s) > statedEnd then return answer('private-only') end
  if bannedOf()[bidder] then return answer('banned') end
  -- The server's rules: a server never given any has none. The other names the bidder goes by
  -- (a chatter's login alias, the member their Twitch account is linked to) come space-separated.
  local trust = trustOf()
  for _, name in ipairs(blockNames(i)) do
    if trust['blocked:' .. name] then return answer('blocked') end
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
  local least = minimum(s)
  -- In the final call a bid need only beat what the public was shown; what it buys is the proxy rule's.
  local floor = least
  if s.sealed == '1' then floor = minimum(shown(s)) end
  -- Every sealed bid is a max (a second-price round): its amount is only the most it would pay.
  local top = max
  if sealed and not proxy then top = math.max(amount, max) end
  -- A proxy bids the book's own minimum, up to its max; a sealed bid offers the shown minimum.
  if proxy then amount = math.min(max, math.max(amount, least)) elseif sealed then amount = floor end
  -- Under the shown minimum is too low for anyone, the leader too: their probe is answered as anyone's.
  if sealed and not proxy and top < floor then return answer('too-low') end
  local outcome, displacedId, displacedToken
  if bidder == leader then
    if top <= leaderMax then
      if sealed then return answer('sealed') end
      return answer('already-leading', s.leaderMax)
    end
    leaderMax, leaderAt, outcome = top, at, 'raised-max'
  elseif amount < floor and not (proxy and leader ~= '') then
    -- A proxy is never too low once someone leads: under the minimum, it is outbid at once below.
    return answer('too-low')
  elseif leader == '' then
    leader, leaderMax, leaderAt, price, outcome = bidder, top, at, amount, 'leading'
  elseif top > leaderMax or (top == leaderMax and ((sealed and winsDraw(s, bidder, leader)) or (not sealed and at < leaderAt))) then
    -- The old leader's max answers first: one step over it, at most the newcomer's max. An
    -- equal max wins the tie if made earlier in open bidding (however late it reached the
    -- book), and by the committed draw in the final call, never by speed.
    price = math.max(amount, math.min(top, leaderMax + step(leaderMax, s.ladder)))
    displacedId, displacedToken = leader, tokenOf(leader)
    leader, leaderMax, leaderAt, outcome = bidder, top, at, 'leading'
  else
    -- A lower max, or an equal one that lost the tie: the leader's max answers this bid at once.
    -- Never below the price: a final call's bid (or a proxy) may be under what it stands at.
    price, outcome = math.max(price, math.min(leaderMax, top + step(top, s.ladder))), 'outbid'
  end
  -- A leader whose max meets the reserve pays at least the reserve. No reserve is 0, which
  -- holds the price at zero or more too (a max under its amount, answered at once, would go below).
  local reserve = tonumber(s.reserve)
  if price < reserve and leaderMax >= reserve then price = reserve end
  -- Answered as it was: a sealed bid's redelivery stays sealed.
  local answered = outcome
  if sealed then answered = 'sealed' end

  -- The bidder's best, which only moves (with its time, the runner-up tie-break) when it rises.
  local tops = topOf()
  if not tops[bidder] or top > tonumber(tops[bidder]) then
    tops[bidder] = int(top)
    put(KEYS[4], bidder, int(top))
    put(KEYS[5], bidder, arg(i, 7))
  end
  put(KEYS[6], bidder, name)
  put(KEYS[7], bidder, token)
  tokens[bidder] = token
  -- The amount as asked (a proxy's is its hint): what the bidder chose, never what others' maxima made it.
  -- A sealed bid is a max: it asked the shown minimum, up to its max.
  local askedAmount, askedMax = arg(i, 4), arg(i, 5)
  if sealed and not proxy then askedAmount, askedMax = int(amount), int(top) end
  logged[#logged + 1] = {'bidId', bidId, 'bidderId', bidder, 'bidderName', name, 'amount', askedAmount, 'max', askedMax,
    'outcome', answered, 'price', int(price), 'leader', leader, 'at', arg(i, 7)}
  seenOf()[bidId] = answered .. ':' .. bidder
  put(KEYS[3], bidId, answered .. ':' .. bidder)

  -- A counter-bid near the stated end moves it, to a whole second: at most one new hammer a
  -- second. Only in open bidding: the final call is never extended.
  local endsAt, version, extended = tonumber(s.endsAt), tonumber(s.version), '0'
  local counter = tonumber(s.counterMs)
  if not sealed and (price ~= tonumber(s.price) or leader ~= s.leader) and s.suddenDeath ~= '1' and endsAt - at < counter then
    local newEnd = math.ceil((at + counter) / 1000) * 1000
    if newEnd > endsAt then endsAt, version, extended = newEnd, version + 1, '1' end
  end

  -- One embed edit a second by our clock (Discord's rate limit); within it, one trailing task
  -- per edit. None in the final call: nothing public moves.
  local embedAt, embed, slotAt, behind = tonumber(s.embedAt), 'none', nil, nil
  if sealed then
    embed = 'none'
  elseif received - embedAt >= ${embedIntervalMs} then
    embedAt, embed = received, 'now'
  elseif tonumber(s.trailFor) ~= embedAt then
    s.trailFor, embed, slotAt, behind = int(embedAt), 'trailing', int(embedAt + ${embedIntervalMs}), int(embedAt)
  end

  -- A refused bid changes nothing; an accepted one in the final call begins it first (if nothing
  -- had), keeping what the public saw.
  if sealed then beginFinalCall(s) end
  if leader == bidder then s.leaderName = name end
  s.price, s.leader, s.leaderMax, s.leaderAt, s.bidCount = int(price), leader, int(leaderMax), int(leaderAt), int(tonumber(s.bidCount) + 1)
  s.endsAt, s.version, s.embedAt = int(endsAt), int(version), int(embedAt)
  stateChanged = true
  if sealed then return answer('sealed') end
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
    'leaderAt', s.leaderAt, 'bidCount', s.bidCount, 'endsAt', s.endsAt, 'version', s.version, 'embedAt', s.embedAt, 'trailFor', s.trailFor,
    'sealed', s.sealed, 'shownPrice', s.shownPrice, 'shownLeader', s.shownLeader, 'shownLeaderName', s.shownLeaderName, 'shownBidCount', s.shownBidCount)
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
