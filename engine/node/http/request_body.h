#pragma once
// Reading what shoppers and operators send: query parameters and JSON object bodies.
#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace seckill::node::http {

// The raw value of `name` in a query string, if present (no decoding: every id of API v1
// is plain ASCII, and anything encoded fails the id check with a clear 400).
std::optional<std::string_view> query_param(std::string_view query, std::string_view name);

// The body as a JSON object, or a sentence saying why it is not one.
std::variant<boost::json::object, std::string> parse_json_object(std::string_view body);

}  // namespace seckill::node::http
