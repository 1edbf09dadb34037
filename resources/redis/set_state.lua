-- KEYS: meta. ARGV: state, now. Returns 'done', 'not_found' or 'invalid' (an ended sale
-- stays ended).
local m = redis.call('HMGET', KEYS[1], 'state', 'starts_at', 'ends_at')
if not m[1] then return 'not_found' end
local now = tonumber(ARGV[2])
if effective_state(m[1], m[2], m[3], now) == 'ended' and ARGV[1] ~= 'ended' then
  return 'invalid'
end
-- Starting by hand overrides a schedule that has not opened yet.
if ARGV[1] == 'running' and m[2] ~= '' and now < tonumber(m[2]) then
  redis.call('HSET', KEYS[1], 'starts_at', ARGV[2])
end
redis.call('HSET', KEYS[1], 'state', ARGV[1])
return 'done'
