-- KEYS: nodes, workers, heartbeat, epochs. ARGV: node. Frees the node's worker number and
-- fences its epoch; its leases were returned sale by sale before this.
local v = redis.call('HGET', KEYS[1], ARGV[1])
if not v then return 0 end
redis.call('HDEL', KEYS[2], string.match(v, '^(%d+)|'))
redis.call('HDEL', KEYS[1], ARGV[1])
redis.call('DEL', KEYS[3])
local e = tonumber(redis.call('HGET', KEYS[4], ARGV[1]) or '0')
if e > 0 then redis.call('HSET', KEYS[4], ARGV[1], -e) end
return 1
