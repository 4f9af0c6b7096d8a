/**
 * @module forget-scripts
 * The Lua that takes a person out of the book: a withdrawal from a live auction (shared by
 * `withdrawScript` and the erasure's scrub), the scrub of one auction, live or ended, and the
 * scrub of the bidder lists. The conventions are every auction script's (`auction-scripts`);
 * the model's `forgetBidders` is held to the same answers.
 */
import { forgottenLeaderId } from '../../auctions';
import { keyLocking, prelude } from './script-prelude';

/**
 * `withdraw(s, who)`, over a live auction's loaded state `s` and its eight keys: the bidder's
 * max, its time, name, answer token and last bid are forgotten; should they lead or set the
 * price (the best max of the rest), the proxy rule is applied again to those left, as the
 * model's `reprice`: the best leads at one step over the next, never under the most anyone
 * left bid nor the start, at least the reserve when their max meets it. A final call's shown
 * leader keeps no name. Answers `'withdrawn'` or `'not-bidding'`; `s` is stale after it.
 */
export const withdrawLua = `
local function withdraw(s, who)
  local topsAt = {}
  local raw = redis.call('HGETALL', KEYS[5])
  for i = 1, #raw, 2 do topsAt[raw[i]] = tonumber(raw[i + 1]) end
  local gone
  local left = {}
  raw = redis.call('HGETALL', KEYS[4])
  for i = 1, #raw, 2 do
    local c = {id = raw[i], top = tonumber(raw[i + 1]), at = topsAt[raw[i]] or 0}
    if c.id == who then gone = c else left[#left + 1] = c end
  end
  if not gone then return 'not-bidding' end
  -- Best first: the highest max, then the earlier, then by id (compareStandings).
  local function better(a, b)
    if a.top ~= b.top then return a.top > b.top end
    if a.at ~= b.at then return a.at < b.at end
    return a.id < b.id
  end
  table.sort(left, better)
  local nextBest
  for _, c in ipairs(left) do
    if c.id ~= s.leader then nextBest = c break end
  end
  local setPrice = s.leader ~= who and (nextBest == nil or better(gone, nextBest))
  redis.call('HDEL', KEYS[4], who)
  redis.call('HDEL', KEYS[5], who)
  redis.call('HDEL', KEYS[6], who)
  redis.call('HDEL', KEYS[7], who)
  redis.call('HDEL', KEYS[8], who)
  local update = {}
  if s.sealed == '1' and s.shownLeader == who then update[#update + 1] = 'shownLeaderName' update[#update + 1] = '' end
  if s.leader == who or setPrice then
    local first, second = left[1], left[2]
    if not first then
      for _, kv in ipairs({{'leader', ''}, {'leaderName', ''}, {'leaderMax', '0'}, {'leaderAt', '0'}, {'price', s.start}}) do
        update[#update + 1] = kv[1]
        update[#update + 1] = kv[2]
      end
    else
      -- The most anyone left bid, from the log (accepted bids only), never under the start: a bidder
      -- withdrawn before keeps their bids in the log, and they count no more.
      local inIt = {}
      for _, c in ipairs(left) do inIt[c.id] = true end
      local ownBest = tonumber(s.start)
      for _, entry in ipairs(redis.call('XRANGE', KEYS[2], '-', '+')) do
        local kv, bidder, amount = entry[2], nil, nil
        for i = 1, #kv, 2 do
          if kv[i] == 'bidderId' then bidder = kv[i + 1] elseif kv[i] == 'amount' then amount = tonumber(kv[i + 1]) end
        end
        if bidder and inIt[bidder] and amount and amount > ownBest then ownBest = amount end
      end
      local price = tonumber(s.start)
      if second then price = math.min(first.top, second.top + step(second.top, s.ladder)) end
      price = math.max(ownBest, price)
      local reserve = tonumber(s.reserve)
      if reserve > 0 and first.top >= reserve and price < reserve then price = reserve end
      local name = redis.call('HGET', KEYS[6], first.id) or ''
      for _, kv in ipairs({{'leader', first.id}, {'leaderName', name}, {'leaderMax', int(first.top)}, {'leaderAt', int(first.at)}, {'price', int(price)}}) do
        update[#update + 1] = kv[1]
        update[#update + 1] = kv[2]
      end
    end
  end
  if #update > 0 then redis.call('HSET', KEYS[1], unpack(update)) end
  return 'withdrawn'
end
`;

/**
 * Forgets bidders in one auction, live or ended (an erasure), leaving its money where it was:
 * in a live auction each is withdrawn first (`withdraw`: the proxy rule again over those left);
 * in an ended one the price and the winner's max stay, and the result is Firestore's already.
 * Then, in either: their bids leave the log, and the log's `leader` naming them becomes `''`
 * (a stream entry cannot be edited and XADD cannot go below the last id, so the log is written
 * again under its own ids and keeps its expiry); their max, its time, name, answer token and
 * last bid go; a bid id they made stays known, naming nobody, so its redelivery is still
 * answered as a repeat (never placed again for them); a hash field naming them becomes `''`,
 * except a live final call's shown leader, which must stay someone for the public's floor
 * (`forgottenLeaderId`). A live auction keeps its builder's ids: its own-auction rule needs them.
 * A live auction whose stated end the book's clock has reached begins its final call first, so the
 * public keeps what it saw (`beginByClock`).
 * KEYS: the auction's eight keys. ARGV: the book's clock ('': Redis's TIME), then the bidder ids.
 * Reply: `'forgotten'` (it held one of them), `'absent'` or `'not-found'`.
 */
export const forgetScript = `${keyLocking}${prelude}${withdrawLua}
local s = load(KEYS[1])
if not s then return 'not-found' end
local ids = {unpack(ARGV, 2)}
local gone, held = {}, false
for _, who in ipairs(ids) do gone[who] = true end
if s.status == 'live' then
  beginByClock(s, bookClock(ARGV[1]))
  for _, who in ipairs(ids) do
    if withdraw(s, who) == 'withdrawn' then
      held = true
      s = load(KEYS[1])
    end
  end
end
for k = 4, 8 do
  if redis.call('HDEL', KEYS[k], unpack(ids)) > 0 then held = true end
end
local seen, renamed = redis.call('HGETALL', KEYS[3]), {}
for i = 1, #seen, 2 do
  local cut = string.find(seen[i + 1], ':', 1, true)
  if cut and gone[string.sub(seen[i + 1], cut + 1)] then
    renamed[#renamed + 1] = seen[i]
    renamed[#renamed + 1] = string.sub(seen[i + 1], 1, cut)
  end
end
if #renamed > 0 then
  redis.call('HSET', KEYS[3], unpack(renamed))
  held = true
end
local kept, rewrite = {}, false
for _, entry in ipairs(redis.call('XRANGE', KEYS[2], '-', '+')) do
  local kv, theirs = entry[2], false
  for i = 1, #kv, 2 do
    if kv[i] == 'bidderId' and gone[kv[i + 1]] then theirs = true end
    if kv[i] == 'leader' and gone[kv[i + 1]] then
      kv[i + 1] = ''
      rewrite = true
    end
  end
  if theirs then rewrite = true else kept[#kept + 1] = entry end
end
if rewrite then
  local ttl = redis.call('PTTL', KEYS[2])
  redis.call('DEL', KEYS[2])
  for _, entry in ipairs(kept) do redis.call('XADD', KEYS[2], entry[1], unpack(entry[2])) end
  if ttl > 0 and #kept > 0 then redis.call('PEXPIRE', KEYS[2], ttl) end
  held = true
end
local update = {}
local function neutral(field, value)
  update[#update + 1] = field
  update[#update + 1] = value
end
if gone[s.shownLeader] then
  if s.status == 'live' then neutral('shownLeader', '${forgottenLeaderId}') else neutral('shownLeader', '') end
  neutral('shownLeaderName', '')
end
if s.status ~= 'live' then
  if gone[s.leader] then
    neutral('leader', '')
    neutral('leaderName', '')
  end
  if gone[s.builder] then neutral('builder', '') end
  local linked, left = false, {}
  for id in string.gmatch(s.builderLinked, '%S+') do
    if gone[id] then linked = true else left[#left + 1] = id end
  end
  if linked then neutral('builderLinked', table.concat(left, ' ')) end
end
if #update > 0 then
  redis.call('HSET', KEYS[1], unpack(update))
  held = true
end
if held then return 'forgotten' end
return 'absent'
`;

/**
 * Forgets bidders in the lists that belong to no auction. A ban stays, as the hash alone: it
 * guards every seller against a bidder who won and never paid, a legitimate interest the
 * erasure does not end, and the hash still refuses their next bid. Trust is a benefit to the
 * person and goes, in both forms. A server's block stays, as the hash alone, for the ban's
 * reason. Raw ids kept from before the lists were hashed go here; the others stay hashes.
 * KEYS: the banned set, the trusted set, then servers' trust hashes. ARGV: (raw id, hash) pairs.
 * Reply: `'forgotten'`.
 */
export const forgetListsScript = `${keyLocking}
for i = 1, #ARGV, 2 do
  local raw, hashed = ARGV[i], ARGV[i + 1]
  if redis.call('SREM', KEYS[1], raw) == 1 then redis.call('SADD', KEYS[1], hashed) end
  redis.call('SREM', KEYS[2], raw, hashed)
  for k = 3, #KEYS do
    if redis.call('HDEL', KEYS[k], 'blocked:' .. raw) == 1 then redis.call('HSET', KEYS[k], 'blocked:' .. hashed, '1') end
  end
end
return 'forgotten'
`;
