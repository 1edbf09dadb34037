-- KEYS: nodes, heartbeat. ARGV: node, stats json, now, ttl ms. The heartbeat key expires
-- by itself when the node stops; the registry keeps the time of the last one.
local v = redis.call('HGET', KEYS[1], ARGV[1])
if not v then return 0 end
local worker, started, _, address = string.match(v, '^(%d+)|(%d+)|(%d+)|(.*)$')
redis.call('HSET', KEYS[1], ARGV[1], worker .. '|' .. started .. '|' .. ARGV[3] .. '|' .. address)
redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[4])
return 1
