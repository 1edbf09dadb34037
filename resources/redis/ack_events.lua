-- KEYS: events, meta. ARGV: group, the number of creation events n, then the stream ids of
-- the n creation events followed by the others'. Acknowledged entries leave the stream
-- (the writer has them in the order DB); an entry's absence from the stream is what says
-- its order is written (get_order). XDEL answers only for entries still there, so a
-- repeated acknowledgement changes nothing. One XACK and at most two XDELs per batch:
-- each is also an AOF record, and per-entry calls made the writer's acknowledgements 40%
-- of Redis's work on the success path. Returns how many entries left the stream now.
local events, meta = unpack(KEYS)
local group, creates = ARGV[1], tonumber(ARGV[2])
-- Lua's unpack takes a few thousand values at most; a writer batch can be larger.
local chunk = 1000
local function each_chunk(first, last, call)
  local done = 0
  for from = first, last, chunk do
    done = done + call(unpack(ARGV, from, math.min(from + chunk - 1, last)))
  end
  return done
end
each_chunk(3, #ARGV, function(...) return redis.call('XACK', events, group, ...) end)
local function delete(...) return redis.call('XDEL', events, ...) end
local created = each_chunk(3, 2 + creates, delete)
if created > 0 then redis.call('HINCRBY', meta, 'unwritten', -created) end
return created + each_chunk(3 + creates, #ARGV, delete)
