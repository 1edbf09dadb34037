-- wrk script: random buyers as random_buyer.lua, and a count of the answers by status, so
-- a benchmark can check that every 201 a buyer got is an order the ledger holds.
math.randomseed(os.time())
local path = os.getenv("BUY_PATH") or "/v1/sales/bench/buy"
local threads = {}

setup = function(thread) table.insert(threads, thread) end

init = function() created = 0; other = 0 end

request = function()
  return wrk.format("POST", path .. "?user=u" .. math.random(1, 1000000))
end

response = function(status)
  if status == 201 then created = created + 1 else other = other + 1 end
end

done = function()
  local c, o = 0, 0
  for _, t in ipairs(threads) do c = c + t:get("created"); o = o + t:get("other") end
  io.write(string.format("created %d other %d\n", c, o))
end
