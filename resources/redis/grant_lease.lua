-- KEYS: meta, leases, epochs. ARGV: node, want, epoch ('0': not checked). Moves up to
-- `want` units from the pool to the node's lease. Returns {granted, pool left}, or
-- {-1, pool} when the node's epoch is stale (fenced: nothing granted).
local pool = tonumber(redis.call('HGET', KEYS[1], 'pool') or '0')
if ARGV[3] ~= '0' and redis.call('HGET', KEYS[3], ARGV[1]) ~= ARGV[3] then return {-1, pool} end
local want = tonumber(ARGV[2])
if want <= 0 then return {0, pool} end
local n = math.min(want, pool)
if n > 0 then
  redis.call('HINCRBY', KEYS[1], 'pool', -n)
  redis.call('HINCRBY', KEYS[1], 'leased', n)
  redis.call('HINCRBY', KEYS[2], ARGV[1], n)
end
return {n, pool - n}
