#pragma once
// Where the shared Redis is: redis://HOST[:PORT][/DB].
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace seckill::store::redis {

struct RedisUrl {
    std::string host = "127.0.0.1";
    int port = 6379;
    int db = 0;

    std::string to_string() const;
};

// The URL, or a sentence saying what is wrong with it.
std::variant<RedisUrl, std::string> parse_redis_url(std::string_view text);

}  // namespace seckill::store::redis
