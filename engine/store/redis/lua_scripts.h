#pragma once
// The ledger's Lua scripts, compiled in from resources/redis.
#include <string_view>
#include <vector>

namespace seckill::store::redis {

struct LuaSource {
    std::string_view name;  // the file name without .lua
    std::string_view text;
};

const std::vector<LuaSource>& lua_sources();

}  // namespace seckill::store::redis
