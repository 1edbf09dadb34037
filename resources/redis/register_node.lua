-- KEYS: nodes, workers, heartbeat, epochs, identity. ARGV: node, address, now, heartbeat
-- ttl ms, identity to adopt when the ledger has none. Registers (or re-registers) a node:
-- returns {worker, epoch, identity}. The worker number is the smallest one free, so numbers
-- stay within the order id's 10 bits (-1 when all 1024 are taken); the epoch grows with
-- every registration of the id (a fenced one, stored negative, continues from its value).
-- The identity is written once per data set: when Redis loses its data it goes too, and
-- nodes holding the old one learn at their next heartbeat that everything they cached is void.
local nodes, workers, hb, epochs, identity = unpack(KEYS)
local node, address, now = ARGV[1], ARGV[2], ARGV[3]
redis.call('SET', identity, ARGV[5], 'NX')
local worker = -1
local v = redis.call('HGET', nodes, node)
if v then
  worker = tonumber(string.match(v, '^(%d+)|'))
else
  for w = 0, 1023 do
    if redis.call('HSETNX', workers, w, node) == 1 then worker = w; break end
  end
  if worker < 0 then return {-1, 0, ''} end
end
local epoch = math.abs(tonumber(redis.call('HGET', epochs, node) or '0')) + 1
redis.call('HSET', epochs, node, epoch)
redis.call('HSET', nodes, node, worker .. '|' .. now .. '|' .. now .. '|' .. address)
redis.call('SET', hb, '{}', 'PX', ARGV[4])
return {worker, epoch, redis.call('GET', identity)}
