-- KEYS: nodes, workers, heartbeat. ARGV: node, address, now, heartbeat ttl ms. Registers
-- (or re-registers) a node and returns its worker number: the smallest one free, so
-- numbers stay within the order id's 10 bits. -1 when all 1024 are taken.
local nodes, workers, hb = unpack(KEYS)
local node, address, now = ARGV[1], ARGV[2], ARGV[3]
local worker = -1
local v = redis.call('HGET', nodes, node)
if v then
  worker = tonumber(string.match(v, '^(%d+)|'))
else
  for w = 0, 1023 do
    if redis.call('HSETNX', workers, w, node) == 1 then worker = w; break end
  end
  if worker < 0 then return -1 end
end
redis.call('HSET', nodes, node, worker .. '|' .. now .. '|' .. now .. '|' .. address)
redis.call('SET', hb, '{}', 'PX', ARGV[4])
return worker
