#pragma once
// Reading numbers and times out of operator JSON: which field, which type. Every number
// must be a whole number that fits in 64 bits (1e308, 2.5, 18446744073709551616 are refused
// before any arithmetic sees them); the ranges are the operations' to check
// (node/operations), so the console and the API refuse the same values in the same words.
#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.h"

namespace seckill::node::http {

// `v` as a 64-bit integer, or a sentence about `name`.
std::optional<std::string> read_integer(const boost::json::value& v, std::string_view name,
                                        std::int64_t& out);

// o[key] as a 64-bit integer. Absent or null leaves `out` alone unless `required`.
std::optional<std::string> read_int_field(const boost::json::object& o, std::string_view key,
                                          std::int64_t& out, bool required = false);

// o[key] as a time: RFC 3339 text or Unix seconds; absent or null leaves `out` empty.
std::optional<std::string> read_time_field(const boost::json::object& o, std::string_view key,
                                           std::optional<Millis>& out);

}  // namespace seckill::node::http
