-- KEYS: orders, events. ARGV: order id. Returns the order and its queue position: the
-- events ahead of its creation not yet in the order DB (-1 once written).
local v = redis.call('HGET', KEYS[1], ARGV[1])
if not v then return {} end
local o = decode_order(v)
local position = -1
-- Acknowledged events leave the stream: the creation event still there means the order
-- is not written yet, and what precedes it is the queue ahead. (`written` is '1' only in
-- orders acknowledged by versions that set it, so nodes of a cluster upgrade together: an
-- older get_order would read a newer writer's orders as still queued. A stream deleted by
-- hand reads as everything written.)
if o.written ~= '1' and o.sid ~= '' and #redis.call('XRANGE', KEYS[2], o.sid, o.sid) > 0 then
  position = #redis.call('XRANGE', KEYS[2], '-', '(' .. o.sid, 'COUNT', 100000)
end
local reply = order_reply(ARGV[1], o)
reply[#reply + 1] = position
return reply
