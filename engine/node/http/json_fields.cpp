#include "node/http/json_fields.h"

#include "core/time_format.h"

namespace seckill::node::http {
namespace json = boost::json;

std::optional<std::string> read_integer(const json::value& v, std::string_view name, std::int64_t lo,
                                        std::int64_t hi, std::int64_t& out) {
    const std::string range = " from " + std::to_string(lo) + " to " + std::to_string(hi);
    if (v.is_double()) return std::string(name) + " must be a whole number" + range + ", not a fraction or exponent";
    if (!v.is_int64() && !v.is_uint64()) return std::string(name) + " must be an integer" + range;
    // A uint64 is above every int64, so above any range stated here.
    if (v.is_uint64() || v.as_int64() < lo || v.as_int64() > hi)
        return std::string(name) + " must be" + range;
    out = v.as_int64();
    return std::nullopt;
}

std::optional<std::string> read_int_field(const json::object& o, std::string_view key, std::int64_t lo,
                                          std::int64_t hi, std::int64_t& out, bool required) {
    const json::value* v = o.if_contains(key);
    if (!v || v->is_null()) {
        if (required) return std::string(key) + " is required: an integer from " + std::to_string(lo) +
                             " to " + std::to_string(hi);
        return std::nullopt;
    }
    return read_integer(*v, key, lo, hi, out);
}

std::optional<std::string> read_time_field(const json::object& o, std::string_view key,
                                           std::optional<Millis>& out) {
    const json::value* v = o.if_contains(key);
    if (!v || v->is_null()) return std::nullopt;
    const std::string why = std::string(key) +
                            " must be an RFC 3339 time or Unix seconds between 2000-01-01 and 2100-01-01, or null";
    if (v->is_string()) {
        const auto t = parse_rfc3339(v->as_string());
        if (!t || *t < earliest_time_s * 1000 || *t > latest_time_s * 1000) return why;
        out = *t;
        return std::nullopt;
    }
    std::int64_t seconds = 0;
    // The range check comes before the multiplication, so it cannot overflow.
    if (read_integer(*v, key, earliest_time_s, latest_time_s, seconds)) return why;
    out = Millis(seconds) * 1000;
    return std::nullopt;
}

}  // namespace seckill::node::http
