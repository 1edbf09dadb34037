-- KEYS: meta, events. ARGV: name, total, per_user_limit, pay_timeout_s, starts_at,
-- ends_at, state. Returns 1 when created, 0 when the sale exists.
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], 'name', ARGV[1], 'total', ARGV[2], 'per_user_limit', ARGV[3],
           'pay_timeout_s', ARGV[4], 'starts_at', ARGV[5], 'ends_at', ARGV[6],
           'state', ARGV[7], 'pool', ARGV[2], 'leased', 0, 'reserved', 0, 'paid', 0,
           'orders', 0, 'seq', 0, 'unwritten', 0)
-- The order writers' group; it may survive from a sale of the same id deleted by hand.
redis.pcall('XGROUP', 'CREATE', KEYS[2], 'writers', '0', 'MKSTREAM')
return 1
