#include "store/redis/redis_url.h"

#include <charconv>

namespace seckill::store::redis {
namespace {

std::optional<int> number(std::string_view s, int lo, int hi) {
    int v = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc{} || end != s.data() + s.size() || v < lo || v > hi) return std::nullopt;
    return v;
}

}  // namespace

std::string RedisUrl::to_string() const {
    return "redis://" + host + ":" + std::to_string(port) + "/" + std::to_string(db);
}

std::variant<RedisUrl, std::string> parse_redis_url(std::string_view text) {
    constexpr std::string_view scheme = "redis://";
    if (!text.starts_with(scheme)) return std::string("a Redis URL starts with redis://");
    std::string_view rest = text.substr(scheme.size());
    RedisUrl url;
    if (auto slash = rest.find('/'); slash != std::string_view::npos) {
        const auto db = number(rest.substr(slash + 1), 0, 15);
        if (!db) return std::string("the database after / is a number from 0 to 15");
        url.db = *db;
        rest = rest.substr(0, slash);
    }
    if (auto colon = rest.rfind(':'); colon != std::string_view::npos) {
        const auto port = number(rest.substr(colon + 1), 1, 65535);
        if (!port) return std::string("the port is a number from 1 to 65535");
        url.port = *port;
        rest = rest.substr(0, colon);
    }
    if (rest.empty()) return std::string("the Redis URL names no host");
    url.host = std::string(rest);
    return url;
}

}  // namespace seckill::store::redis
