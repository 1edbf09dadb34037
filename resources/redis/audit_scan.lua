-- KEYS: meta, orders, holds. ARGV: 'orders' or 'holds', cursor, count, now, grace. One chunk
-- of the full recount: HSCAN of `count` entries from `cursor`, summed here so only totals
-- cross the wire. The C++ side drives the cursor and adds the chunks up; each call touches
-- about `count` entries, so no call blocks Redis for long however big the sale is.
-- Returns {next cursor, seq, a, b, c, d} where seq is the sale's event counter (bumped by
-- every order change, so equal seq at the first and last chunk = nothing changed between)
-- and a..d are, for orders: reserved, paid, records, overdue; for holds: units held,
-- most held by one user, holders, 0.
local meta, orders, holds = unpack(KEYS)
local what, cursor, count = ARGV[1], ARGV[2], ARGV[3]
local now, grace = tonumber(ARGV[4]), tonumber(ARGV[5])
local seq = redis.call('HGET', meta, 'seq') or '0'
local a, b, c, d = 0, 0, 0, 0
if what == 'orders' then
  local r = redis.call('HSCAN', orders, cursor, 'COUNT', count)
  local page = r[2]
  for i = 2, #page, 2 do
    -- Only status and pay_before (fields 2 and 5 of decode_order's layout): matching two
    -- fields instead of seven keeps a chunk near a millisecond.
    local status, pay_before = string.match(page[i], '^[^|]*|([^|]*)|[^|]*|[^|]*|([^|]*)|')
    c = c + 1
    if status == 'reserved' then
      a = a + 1
      if tonumber(pay_before) + grace < now then d = d + 1 end
    elseif status == 'paid' then
      b = b + 1
    end
  end
  return {r[1], seq, a, b, c, d}
end
local r = redis.call('HSCAN', holds, cursor, 'COUNT', count)
local page = r[2]
for i = 2, #page, 2 do
  local n = tonumber(page[i])
  a = a + n
  if n > b then b = n end
  c = c + 1
end
return {r[1], seq, a, b, c, d}
