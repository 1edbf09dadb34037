-- KEYS: meta, holds, orders, deadlines, events, levels. ARGV: order id, now, 'pay' or 'cancel'.
-- Paying past the deadline expires the reservation instead. Returns {result, order…}
-- with result 'done', 'conflict' or 'not_found'.
local meta, holds, orders, deadlines, events, levels = unpack(KEYS)
local id, now, op = ARGV[1], tonumber(ARGV[2]), ARGV[3]
local v = redis.call('HGET', orders, id)
if not v then return {'not_found'} end
local o = decode_order(v)
if o.status == 'reserved' then
  if op == 'cancel' then
    release(meta, holds, levels, orders, deadlines, events, id, o, 'cancelled', now)
  elseif now > tonumber(o.pay_before) then
    release(meta, holds, levels, orders, deadlines, events, id, o, 'expired', now)
  else
    o.status = 'paid'
    o.updated = ARGV[2]
    redis.call('HINCRBY', meta, 'reserved', -1)
    redis.call('HINCRBY', meta, 'paid', 1)
    redis.call('ZREM', deadlines, id)
    redis.call('HSET', orders, id, encode_order(o))
    append_event(meta, events, id, o, false)
  end
end
local wanted = op == 'pay' and 'paid' or 'cancelled'
local reply = order_reply(id, o)
table.insert(reply, 1, o.status == wanted and 'done' or 'conflict')
return reply
