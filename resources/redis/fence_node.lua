-- KEYS: nodes, epochs. ARGV: node, the last heartbeat time the caller saw. Fences a node
-- taken for dead before its leases go back to the pool: its epoch is stored negative, so
-- grants, commits and heartbeats carrying the old one are refused. A node that beat since
-- the caller looked is alive and left alone. Returns 1 when the node is fenced.
local v = redis.call('HGET', KEYS[1], ARGV[1])
if v then
  local _, _, beat = string.match(v, '^(%d+)|(%d+)|(%d+)|')
  if beat ~= ARGV[2] then return 0 end
end
local e = tonumber(redis.call('HGET', KEYS[2], ARGV[1]) or '0')
if e > 0 then redis.call('HSET', KEYS[2], ARGV[1], -e) end
return 1
