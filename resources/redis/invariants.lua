-- KEYS: meta, leases, orders. ARGV: now, grace. Recounts the sale from its order records
-- rather than trusting the running counters, in one atomic step so a live sale never
-- shows a half-applied batch. Returns {total, pool, leased, reserved, paid, orders,
-- recounted reserved, recounted paid, recounted orders, overdue, most held, by whom,
-- per-user limit, then node, units pairs}.
local meta, leases, orders = unpack(KEYS)
local m = redis.call('HMGET', meta, 'total', 'pool', 'leased', 'reserved', 'paid', 'orders',
                     'per_user_limit')
if not m[1] then return {} end
local now, grace = tonumber(ARGV[1]), tonumber(ARGV[2])
local reserved, paid, count, overdue = 0, 0, 0, 0
local held = {}
local all = redis.call('HGETALL', orders)
for i = 2, #all, 2 do
  local o = decode_order(all[i])
  count = count + 1
  if o.status == 'reserved' then
    reserved = reserved + 1
    held[o.user] = (held[o.user] or 0) + 1
    if tonumber(o.pay_before) + grace < now then overdue = overdue + 1 end
  elseif o.status == 'paid' then
    paid = paid + 1
    held[o.user] = (held[o.user] or 0) + 1
  end
end
local worst, worst_user = 0, ''
for user, n in pairs(held) do
  if n > worst then worst, worst_user = n, user end
end
local out = {m[1], m[2], m[3], m[4], m[5], m[6], reserved, paid, count, overdue, worst,
             worst_user, m[7]}
local l = redis.call('HGETALL', leases)
for i = 1, #l do out[#out + 1] = l[i] end
return out
