-- KEYS: nodes, workers, heartbeat. ARGV: node. Frees the node's worker number; its leases
-- were returned sale by sale before this.
local v = redis.call('HGET', KEYS[1], ARGV[1])
if not v then return 0 end
redis.call('HDEL', KEYS[2], string.match(v, '^(%d+)|'))
redis.call('HDEL', KEYS[1], ARGV[1])
redis.call('DEL', KEYS[3])
return 1
