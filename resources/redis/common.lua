-- Shared by every script (prepended when the binary loads them). A sale's keys all carry
-- the hash tag {sale}, so one script only ever touches one Redis Cluster slot.

-- The state a sale is in at `now`: the schedule turns a stored state into running or
-- ended, so no timer flips it (mirrors seckill::effective_state).
local function effective_state(state, starts_at, ends_at, now)
  if state == 'ended' then return state end
  if ends_at ~= '' and now >= tonumber(ends_at) then return 'ended' end
  if state == 'scheduled' and starts_at ~= '' and now >= tonumber(starts_at) then
    return 'running'
  end
  return state
end

-- An order record: user|status|created|updated|pay_before|created_stream_id|written.
-- Ids are [A-Za-z0-9_-], so '|' never occurs inside a field.
local function decode_order(v)
  local user, status, created, updated, pay_before, sid, written =
    string.match(v, '^([^|]*)|([^|]*)|([^|]*)|([^|]*)|([^|]*)|([^|]*)|([^|]*)$')
  return {user = user, status = status, created = created, updated = updated,
          pay_before = pay_before, sid = sid, written = written}
end

-- created|updated|pay_before: the middle of both an order record and its event. The commit
-- script builds it once per batch and the two strings from it, with no table per buy.
local function stamp_of(created, updated, pay_before)
  return created .. '|' .. updated .. '|' .. pay_before
end

local function order_value(user, status, stamp, sid, written)
  return user .. '|' .. status .. '|' .. stamp .. '|' .. sid .. '|' .. written
end

local function encode_order(o)
  return order_value(o.user, o.status, stamp_of(o.created, o.updated, o.pay_before), o.sid,
                     o.written)
end

-- Lua's unpack takes a few thousand values at most and a batch can be larger: runs the
-- variadic `command` with its fixed arguments `head` ({key} or {key, group}) and
-- `args[first..last]` in slices, `step` values each (even, so field/value pairs stay
-- together), and returns the replies of every slice in one list (numbers are summed).
local function call_sliced(command, head, args, first, last, step)
  local all, sum = {}, 0
  for from = first, last, step do
    local a = {unpack(head)}
    for j = from, math.min(from + step - 1, last) do a[#a + 1] = args[j] end
    local r = redis.call(command, unpack(a))
    if type(r) == 'table' then
      for _, v in ipairs(r) do all[#all + 1] = v end
    else
      sum = sum + r
    end
  end
  return all, sum
end

-- Adds one change of an order, numbered `seq`, to the sale's stream; returns the stream
-- entry id. The entry is one field, e = seq|id|user|status|created|updated|pay_before|
-- creates (ids are [A-Za-z0-9_-], so '|' never occurs inside a value): one value instead
-- of eight pairs is less for XADD, the AOF and every XREADGROUP to carry, once per order.
-- Readers also accept the eight-field entries of earlier versions (event_from in
-- redis_ledger_orders.cpp).
local function add_event(events, value)
  return redis.call('XADD', events, '*', 'e', value)
end

local function event_value(seq, id, user, status, stamp, creates)
  return seq .. '|' .. id .. '|' .. user .. '|' .. status .. '|' .. stamp .. '|' ..
         (creates and '1' or '0')
end

-- Appends one change of an order to the sale's stream with the next number; returns the
-- stream entry id.
local function append_event(meta, events, id, o, creates)
  local seq = redis.call('HINCRBY', meta, 'seq', 1)
  if creates then redis.call('HINCRBY', meta, 'unwritten', 1) end
  return add_event(events, event_value(seq, id, o.user, o.status,
                                       stamp_of(o.created, o.updated, o.pay_before), creates))
end

-- The levels hash counts users per holding: level k -> users holding exactly k units. It
-- has at most per_user_limit fields, so I3 ("most held by one user") reads it in O(limit)
-- instead of scanning every holder of a sale with a million orders. Moves one user from
-- `from` units to `to`; zero levels are dropped so the hash stays that small.
local function shift_level(levels, level, delta)
  if level <= 0 or delta == 0 then return end
  if redis.call('HINCRBY', levels, level, delta) <= 0 then redis.call('HDEL', levels, level) end
end

local function move_level(levels, from, to)
  shift_level(levels, from, -1)
  shift_level(levels, to, 1)
end

-- Ends a reservation that gives its unit back (cancel, expiry): the user may buy again.
local function release(meta, holds, levels, orders, deadlines, events, id, o, to, now)
  o.status = to
  o.updated = tostring(now)
  redis.call('HINCRBY', meta, 'reserved', -1)
  redis.call('HINCRBY', meta, 'pool', 1)
  local held = redis.call('HINCRBY', holds, o.user, -1)
  if held <= 0 then redis.call('HDEL', holds, o.user) end
  move_level(levels, held + 1, held)
  redis.call('ZREM', deadlines, id)
  redis.call('HSET', orders, id, encode_order(o))
  append_event(meta, events, id, o, false)
end

local function order_reply(id, o)
  return {id, o.user, o.status, o.created, o.updated, o.pay_before}
end
