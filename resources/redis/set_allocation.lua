-- KEYS: alloc. ARGV: node, units pairs. Replaces the sale's desired lease per node (an
-- empty list clears it: nodes go back to refilling by demand).
redis.call('DEL', KEYS[1])
for i = 1, #ARGV, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
return #ARGV / 2
