-- KEYS: events, orders, meta. ARGV: group, then stream id, order id and creates (1/0) of
-- each event. XACK answers 1 only for an entry still pending, so a repeated
-- acknowledgement changes nothing; acknowledged entries leave the stream (the writer has
-- them in the order DB). Returns how many were acknowledged now.
local events, orders, meta = unpack(KEYS)
local acked = 0
for i = 2, #ARGV, 3 do
  local sid, id, creates = ARGV[i], ARGV[i + 1], ARGV[i + 2]
  if redis.call('XACK', events, ARGV[1], sid) == 1 then
    redis.call('XDEL', events, sid)
    acked = acked + 1
    if creates == '1' then
      redis.call('HINCRBY', meta, 'unwritten', -1)
      local v = redis.call('HGET', orders, id)
      if v then
        local o = decode_order(v)
        o.written = '1'
        redis.call('HSET', orders, id, encode_order(o))
      end
    end
  end
end
return acked
