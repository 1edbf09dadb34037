-- KEYS: meta, leases. ARGV: count (-1 = all), node, node… Moves up to `count` unsold
-- leased units of each node back to the pool; a node's lease entry goes when it is empty,
-- so a second call for a dead node finds nothing: each unit returns once. Returns the
-- units moved.
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
local count = tonumber(ARGV[1])
local moved = 0
for i = 2, #ARGV do
  local held = tonumber(redis.call('HGET', KEYS[2], ARGV[i]) or '0')
  local n = held
  if count >= 0 then n = math.min(held, count) end
  if n > 0 then
    if n == held then redis.call('HDEL', KEYS[2], ARGV[i])
    else redis.call('HINCRBY', KEYS[2], ARGV[i], -n) end
    moved = moved + n
  end
end
if moved > 0 then
  redis.call('HINCRBY', KEYS[1], 'leased', -moved)
  redis.call('HINCRBY', KEYS[1], 'pool', moved)
end
return moved
