-- wrk script: every request is a buy by a random user out of a million.
math.randomseed(os.time())
local path = os.getenv("BUY_PATH") or "/v1/sales/bench/buy"
request = function()
  return wrk.format("POST", path .. "?user=u" .. math.random(1, 1000000))
end
