// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0

#include "worker/scripts.h"

namespace leadscore::internal {

const RedisScript& AcquireScript() {
  static const RedisScript s(R"lua(#!lua
if redis.call('EXISTS', KEYS[1]) == 1 then return false end
local token = ARGV[1] .. ':' .. redis.call('INCR', KEYS[2])
redis.call('SET', KEYS[1], token, 'PX', ARGV[2])
return token
)lua");
  return s;
}

const RedisScript& RenewScript() {
  static const RedisScript s(R"lua(#!lua
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1
)lua");
  return s;
}

const RedisScript& ReleaseScript() {
  static const RedisScript s(R"lua(#!lua
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('DEL', KEYS[1])
return 1
)lua");
  return s;
}

const RedisScript& HeartbeatScript() {
  static const RedisScript s(R"lua(#!lua
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
if ARGV[3] == '1' then
  redis.call('ZREM', KEYS[1], ARGV[1])
else
  redis.call('ZADD', KEYS[1], now, ARGV[1])
end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - tonumber(ARGV[2]))
return redis.call('ZCARD', KEYS[1])
)lua");
  return s;
}

const RedisScript& FetchScript() {
  static const RedisScript s(R"lua(#!lua
if redis.call('GET', KEYS[1]) ~= ARGV[1] then
  return redis.error_reply("LEASELOST the lease is no longer this worker's")
end
local c = redis.call('XAUTOCLAIM', KEYS[2], ARGV[2], ARGV[3], 0, '0-0', 'COUNT', ARGV[4])
if #c[2] > 0 then return {1, c[2]} end
local r = redis.call('XREADGROUP', 'GROUP', ARGV[2], ARGV[3], 'COUNT', ARGV[4],
                     'STREAMS', KEYS[2], '>')
if not r then return {0, {}} end
return {0, r[1][2]}
)lua");
  return s;
}

const RedisScript& CommitScript() {
  static const RedisScript s(R"lua(#!lua
if redis.call('GET', KEYS[1]) ~= ARGV[1] then
  return redis.error_reply("LEASELOST the lease is no longer this worker's")
end
local group = ARGV[2]
local i = 4
local nsets = tonumber(ARGV[i]); i = i + 1
for k = 1, nsets do
  redis.call('SET', KEYS[4 + k], ARGV[i]); i = i + 1
end
local nacks = tonumber(ARGV[i]); i = i + 1
local first_ack = i
i = i + nacks
local ntrans = tonumber(ARGV[i]); i = i + 1
for k = 1, ntrans do
  redis.call('XADD', KEYS[3], '*', 'transition', ARGV[i]); i = i + 1
end
local nrej = tonumber(ARGV[i]); i = i + 1
for k = 1, nrej do
  redis.call('XADD', KEYS[4], '*', 'entry', ARGV[i], 'kind', ARGV[i + 1], 'line', ARGV[i + 2],
             'reason', ARGV[i + 3])
  i = i + 4
end
local k = 0
while k < nacks do
  local ids = {}
  for j = 1, math.min(500, nacks - k) do ids[j] = ARGV[first_ack + k + j - 1] end
  redis.call('XACK', KEYS[2], group, unpack(ids))
  k = k + #ids
end
if ARGV[3] == '1' and nacks > 0 then
  local p = redis.call('XPENDING', KEYS[2], group)
  if p[1] == 0 then redis.call('XTRIM', KEYS[2], 'MINID', ARGV[first_ack + nacks - 1]) end
end
return nacks
)lua");
  return s;
}

}  // namespace leadscore::internal
