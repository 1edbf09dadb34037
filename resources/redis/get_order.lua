-- KEYS: orders, events. ARGV: order id. Returns the order and its queue position: the
-- events ahead of its creation not yet in the order DB (-1 once written).
local v = redis.call('HGET', KEYS[1], ARGV[1])
if not v then return {} end
local o = decode_order(v)
local position = -1
if o.written ~= '1' and o.sid ~= '' then
  -- Acknowledged events leave the stream, so what precedes the entry is the queue ahead.
  position = #redis.call('XRANGE', KEYS[2], '-', '(' .. o.sid, 'COUNT', 100000)
end
local reply = order_reply(ARGV[1], o)
reply[#reply + 1] = position
return reply
