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
local taken = 0
for i = 1, items do
  local user, id = ARGV[2 + 2 * i], ARGV[3 + 2 * i]
  local code, deadline = 0, 0
  if not open then
    code = 2
  elseif lease - taken <= 0 then
    code = 4
  else
    local dup = redis.call('HGET', orders, id)
    if dup then
      -- A retried batch finds its own order: answer as before, change nothing.
      local o = decode_order(dup)
      if o.user == user then deadline = tonumber(o.pay_before) else code = 5 end
    elseif tonumber(redis.call('HGET', holds, user) or '0') >= limit then
      code = 1
    else
      taken = taken + 1
      local held = redis.call('HINCRBY', holds, user, 1)
      move_level(levels, held - 1, held)
      local o = {user = user, status = 'reserved', created = ARGV[1], updated = ARGV[1],
                 pay_before = tostring(pay_before), sid = '', written = '0'}
      o.sid = append_event(meta, events, id, o, true)
      redis.call('HSET', orders, id, encode_order(o))
      redis.call('ZADD', deadlines, pay_before, id)
      deadline = pay_before
    end
  end
  out[#out + 1] = code
  out[#out + 1] = deadline
end
if taken > 0 then
  if lease == taken then redis.call('HDEL', leases, node)
  else redis.call('HINCRBY', leases, node, -taken) end
  redis.call('HINCRBY', meta, 'leased', -taken)
  redis.call('HINCRBY', meta, 'reserved', taken)
  redis.call('HINCRBY', meta, 'orders', taken)
end
return out
