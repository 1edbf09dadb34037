-- KEYS: meta, leases, holds, orders, deadlines, events, epochs, levels. ARGV: now, node, epoch
-- ('0': not checked), then user and order id of each buy. Per buy, atomically: the sale is open, the node holds a leased
-- unit, the user is under the limit; then the unit becomes a reservation with its
-- deadline and a `reserved` event. Returns {outcome, pay_before} per buy, flattened:
-- 0 reserved, 1 limit_reached, 2 not_open, 3 not_found, 4 no_lease, 5 duplicate_order,
-- 6 fenced (the node's epoch is stale: nothing sold).
local meta, leases, holds, orders, deadlines, events, epochs, levels = unpack(KEYS)
local now = tonumber(ARGV[1])
local node = ARGV[2]
local items = (#ARGV - 3) / 2
local out = {}
if ARGV[3] ~= '0' and redis.call('HGET', epochs, node) ~= ARGV[3] then
  for i = 1, items do out[#out + 1] = 6; out[#out + 1] = 0 end
  return out
end
local m = redis.call('HMGET', meta, 'state', 'starts_at', 'ends_at', 'per_user_limit',
                     'pay_timeout_s')
if not m[1] then
  for i = 1, items do out[#out + 1] = 3; out[#out + 1] = 0 end
  return out
end
local open = effective_state(m[1], m[2], m[3], now) == 'running'
local limit = tonumber(m[4])
local pay_before = now + tonumber(m[5]) * 1000
local lease = tonumber(redis.call('HGET', leases, node) or '0')
-- Every lookup and write here is one call per batch, not one per buy (only XADD, one entry
-- per call, is per buy): each call costs Lua and Redis a fixed overhead and each write is
-- also an AOF and replica record, and with appendfsync always Redis's work per order bounds
-- the success path (README, "Where the time goes on Redis").
local users, ids = {}, {}
for i = 1, items do users[i], ids[i] = ARGV[2 + 2 * i], ARGV[3 + 2 * i] end
local stored, held_before = {}, {}
if open and lease > 0 then
  stored = call_sliced('HMGET', {orders}, ids, 1, items, 1000)
  held_before = call_sliced('HMGET', {holds}, users, 1, items, 1000)
end
local seq = tonumber(redis.call('HGET', meta, 'seq') or '0')
local stamp = stamp_of(ARGV[1], ARGV[1], tostring(pay_before))  -- the same for every buy
local held, made = {}, {}        -- user -> units held now; order id -> record made now
local order_args, deadline_args, hold_args, level_moves = {}, {}, {}, {}
local bought, has_bought = {}, {} -- users whose holding grew, in order; as a set
local taken = 0
for i = 1, items do
  local user, id = users[i], ids[i]
  local code, deadline = 0, 0
  if not open then
    code = 2
  elseif lease - taken <= 0 then
    code = 4
  else
    local dup = made[id] or stored[i]
    if held[user] == nil then held[user] = tonumber(held_before[i] or '0') end
    if dup then
      -- A retried batch finds its own order: answer as before, change nothing.
      local o = decode_order(dup)
      if o.user == user then deadline = tonumber(o.pay_before) else code = 5 end
    elseif held[user] >= limit then
      code = 1
    else
      taken = taken + 1
      local h = held[user] + 1
      if not has_bought[user] then
        has_bought[user] = true
        bought[#bought + 1] = user
      end
      held[user] = h
      level_moves[h - 1] = (level_moves[h - 1] or 0) - 1
      level_moves[h] = (level_moves[h] or 0) + 1
      seq = seq + 1
      local sid = add_event(events, event_value(seq, id, user, 'reserved', stamp, true))
      made[id] = order_value(user, 'reserved', stamp, sid, '0')
      order_args[#order_args + 1] = id
      order_args[#order_args + 1] = made[id]
      deadline_args[#deadline_args + 1] = pay_before
      deadline_args[#deadline_args + 1] = id
      deadline = pay_before
    end
  end
  out[#out + 1] = code
  out[#out + 1] = deadline
end
if taken > 0 then
  for _, user in ipairs(bought) do
    hold_args[#hold_args + 1] = user
    hold_args[#hold_args + 1] = held[user]
  end
  call_sliced('HSET', {orders}, order_args, 1, #order_args, 1000)
  call_sliced('ZADD', {deadlines}, deadline_args, 1, #deadline_args, 1000)
  call_sliced('HSET', {holds}, hold_args, 1, #hold_args, 1000)
  for level, delta in pairs(level_moves) do shift_level(levels, level, delta) end
  if lease == taken then redis.call('HDEL', leases, node)
  else redis.call('HINCRBY', leases, node, -taken) end
  redis.call('HSET', meta, 'seq', seq)
  redis.call('HINCRBY', meta, 'leased', -taken)
  redis.call('HINCRBY', meta, 'reserved', taken)
  redis.call('HINCRBY', meta, 'orders', taken)
  redis.call('HINCRBY', meta, 'unwritten', taken)
end
return out
