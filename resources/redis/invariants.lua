-- KEYS: meta, leases, orders, deadlines, levels. ARGV: now, grace. The quick checks, each
-- O(1), O(log n) or O(small): counters from meta, HLEN of the orders, ZCARD and ZCOUNT of
-- the deadlines, the levels hash (at most per_user_limit fields) and the leases (one field
-- per node). Nothing here walks the orders, so a sale of a million orders costs the same
-- as an empty one; the full recount is audit_scan.lua, in chunks. Returns {total, pool,
-- leased, reserved, paid, orders, order records, deadlines, overdue, most held, per-user
-- limit, then node, units pairs}.
local meta, leases, orders, deadlines, levels = unpack(KEYS)
local m = redis.call('HMGET', meta, 'total', 'pool', 'leased', 'reserved', 'paid', 'orders',
                     'per_user_limit')
if not m[1] then return {} end
local now, grace = tonumber(ARGV[1]), tonumber(ARGV[2])
-- I6: pay_before + grace < now  <=>  pay_before < now - grace (exclusive bound).
local overdue = redis.call('ZCOUNT', deadlines, '-inf', '(' .. (now - grace))
local worst = 0
local l = redis.call('HGETALL', levels)
for i = 1, #l, 2 do
  local level = tonumber(l[i])
  if tonumber(l[i + 1]) > 0 and level > worst then worst = level end
end
local out = {m[1], m[2], m[3], m[4], m[5], m[6], redis.call('HLEN', orders),
             redis.call('ZCARD', deadlines), overdue, worst, m[7]}
local ls = redis.call('HGETALL', leases)
for i = 1, #ls do out[#out + 1] = ls[i] end
return out
