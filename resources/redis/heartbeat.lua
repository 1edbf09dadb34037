-- KEYS: nodes, heartbeat, epochs, identity. ARGV: node, stats json, now, ttl ms, epoch,
-- identity. The heartbeat key expires by itself when the node stops; the registry keeps
-- the time of the last one. Returns 1, or 0 when the node must re-register (unknown, or
-- its epoch is stale: it was taken for dead and fenced), or -1 when the ledger's identity
-- is not the one the node knows (Redis lost its data), or -2 when another process
-- registered the node id after this one (a later epoch: this one must stop).
if redis.call('GET', KEYS[4]) ~= ARGV[6] then return -1 end
local v = redis.call('HGET', KEYS[1], ARGV[1])
if not v then return 0 end
if ARGV[5] ~= '0' then
  local stored = redis.call('HGET', KEYS[3], ARGV[1])
  if stored ~= ARGV[5] then
    if tonumber(stored or '0') > tonumber(ARGV[5]) then return -2 end
    return 0
  end
end
local worker, started, _, address = string.match(v, '^(%d+)|(%d+)|(%d+)|(.*)$')
redis.call('HSET', KEYS[1], ARGV[1], worker .. '|' .. started .. '|' .. ARGV[3] .. '|' .. address)
redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[4])
return 1
