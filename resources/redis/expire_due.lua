-- KEYS: meta, holds, orders, deadlines, events, levels. ARGV: now, max. Expires reservations whose
-- deadline has passed, oldest first; the deadline leaves the set in the same step, so each
-- reservation expires once however many nodes run this. Returns the expired orders.
local meta, holds, orders, deadlines, events, levels = unpack(KEYS)
local now = tonumber(ARGV[1])
local due = redis.call('ZRANGEBYSCORE', deadlines, '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
local out = {}
for _, id in ipairs(due) do
  redis.call('ZREM', deadlines, id)
  local v = redis.call('HGET', orders, id)
  if v then
    local o = decode_order(v)
    if o.status == 'reserved' then
      release(meta, holds, levels, orders, deadlines, events, id, o, 'expired', now)
      out[#out + 1] = order_reply(id, o)
    end
  end
end
return out
