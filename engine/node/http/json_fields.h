#pragma once
// Reading numbers and times out of operator JSON. Every number must be an integer inside
// a stated range (1e308, 2.5, 9223372036854775807 where a count is meant are refused
// before any arithmetic sees them); each refusal is a sentence naming the field and why.
#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.h"

namespace seckill::node::http {

// Schedule times must fall inside [2000-01-01, 2100-01-01].
inline constexpr std::int64_t earliest_time_s = 946'684'800;   // 2000-01-01T00:00:00Z
inline constexpr std::int64_t latest_time_s = 4'102'444'800;   // 2100-01-01T00:00:00Z

// `v` as an integer in [lo, hi], or a sentence about `name`.
std::optional<std::string> read_integer(const boost::json::value& v, std::string_view name,
                                        std::int64_t lo, std::int64_t hi, std::int64_t& out);

// o[key] as an integer in [lo, hi]. Absent or null leaves `out` alone unless `required`.
std::optional<std::string> read_int_field(const boost::json::object& o, std::string_view key,
                                          std::int64_t lo, std::int64_t hi, std::int64_t& out,
                                          bool required = false);

// o[key] as a time: RFC 3339 text or Unix seconds, inside the range above; absent or null
// leaves `out` empty.
std::optional<std::string> read_time_field(const boost::json::object& o, std::string_view key,
                                           std::optional<Millis>& out);

}  // namespace seckill::node::http
