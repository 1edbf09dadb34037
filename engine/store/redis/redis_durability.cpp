#include "store/redis/redis_durability.h"

#include <exception>

#include "store/redis/redis_pool.h"

namespace seckill::store::redis {
namespace {

std::string config(RedisConnection& c, std::string_view name) {
    const Reply r = c.command({"CONFIG", "GET", name});
    if (r.is_error()) throw std::runtime_error(std::string(r.str()));
    // [name, value], or empty for a setting this Redis does not know.
    return r.is_array() && r.size() == 2 ? std::string(r.at(1).str()) : std::string();
}

}  // namespace

std::string persistence_warning(RedisPool& pool) {
    std::string aof, fsync;
    try {
        pool.with([&](RedisConnection& c) {
            aof = config(c, "appendonly");
            fsync = config(c, "appendfsync");
        });
    } catch (const std::exception& e) {
        return std::string("could not read Redis' persistence settings (CONFIG GET: ") + e.what() +
               "); a confirmed order survives a Redis crash only with appendonly yes and "
               "appendfsync always";
    }
    if (aof == "yes" && fsync == "always") return {};
    return "Redis runs with appendonly " + aof + ", appendfsync " + fsync +
           ": orders it acknowledged can be lost if Redis crashes; run it with --appendonly yes "
           "--appendfsync always";
}

}  // namespace seckill::store::redis
