-- KEYS: control. ARGV: channel, then field/value pairs; a value of '' deletes the field,
-- and the field '*degrade' clears every per-node degrade level. Bumps the version and
-- tells every node through pub/sub.
for i = 2, #ARGV, 2 do
  local f, v = ARGV[i], ARGV[i + 1]
  if f == '*degrade' then
    for _, k in ipairs(redis.call('HKEYS', KEYS[1])) do
      if string.sub(k, 1, 8) == 'degrade:' then redis.call('HDEL', KEYS[1], k) end
    end
  elseif v == '' then
    redis.call('HDEL', KEYS[1], f)
  else
    redis.call('HSET', KEYS[1], f, v)
  end
end
local version = redis.call('HINCRBY', KEYS[1], 'version', 1)
redis.call('PUBLISH', ARGV[1], version)
return version
