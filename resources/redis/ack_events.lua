-- KEYS: events, meta. ARGV: group, the number of creation events n, then the stream ids of
-- the n creation events followed by the others'. Acknowledged entries leave the stream
-- (the writer has them in the order DB); an entry's absence from the stream is what says
-- its order is written (get_order). XDEL answers only for entries still there, so a
-- repeated acknowledgement changes nothing. One XACK and at most two XDELs per batch:
-- each is also an AOF record, and per-entry calls made the writer's acknowledgements 40%
-- of Redis's work on the success path. Returns how many entries left the stream now.
local events, meta = unpack(KEYS)
local group, creates = ARGV[1], tonumber(ARGV[2])
call_sliced('XACK', {events, group}, ARGV, 3, #ARGV, 1000)
local _, created = call_sliced('XDEL', {events}, ARGV, 3, 2 + creates, 1000)
if created > 0 then redis.call('HINCRBY', meta, 'unwritten', -created) end
local _, others = call_sliced('XDEL', {events}, ARGV, 3 + creates, #ARGV, 1000)
return created + others
