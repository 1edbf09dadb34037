#include "node/http/json_fields.h"

#include "core/checked_math.h"
#include "core/time_format.h"

namespace seckill::node::http {
namespace json = boost::json;

std::optional<std::string> read_integer(const json::value& v, std::string_view name,
                                        std::int64_t& out) {
    if (v.is_double())
        return std::string(name) + " must be a whole number, not a fraction or exponent";
    if (!v.is_int64() && !v.is_uint64()) return std::string(name) + " must be an integer";
    // Boost.JSON keeps an integer as uint64 only when it is above every int64.
    if (v.is_uint64()) return std::string(name) + " must be an integer that fits in 64 bits";
    out = v.as_int64();
    return std::nullopt;
}

std::optional<std::string> read_int_field(const json::object& o, std::string_view key,
                                          std::int64_t& out, bool required) {
    const json::value* v = o.if_contains(key);
    if (!v || v->is_null()) {
        if (required) return std::string(key) + " is required: an integer";
        return std::nullopt;
    }
    return read_integer(*v, key, out);
}

std::optional<std::string> read_time_field(const json::object& o, std::string_view key,
                                           std::optional<Millis>& out) {
    const json::value* v = o.if_contains(key);
    if (!v || v->is_null()) return std::nullopt;
    const std::string why = std::string(key) + " must be an RFC 3339 time or Unix seconds, or null";
    if (v->is_string()) {
        const auto t = parse_rfc3339(v->as_string());
        if (!t) return why;
        out = *t;
        return std::nullopt;
    }
    std::int64_t seconds = 0;
    if (read_integer(*v, key, seconds)) return why;
    const auto ms = checked_mul(seconds, 1000);
    if (!ms) return why;
    out = Millis(*ms);
    return std::nullopt;
}

}  // namespace seckill::node::http
