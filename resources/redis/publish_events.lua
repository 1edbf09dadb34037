-- KEYS: events stream, events counter. ARGV: kept, then (at, node, json) per event.
-- Numbers the events in arrival order across nodes; the number is the stream id, so a
-- reader asks for everything after the last number it saw with one XRANGE.
local kept = tonumber(ARGV[1])
for i = 2, #ARGV, 3 do
  local seq = redis.call('INCR', KEYS[2])
  redis.call('XADD', KEYS[1], 'MAXLEN', '~', kept, seq .. '-1',
             'at', ARGV[i], 'node', ARGV[i + 1], 'json', ARGV[i + 2])
end
return 1
