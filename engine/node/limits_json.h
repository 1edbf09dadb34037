#pragma once
// The limiter rule list as API v1 writes it: {"rules":[{"name","key","algorithm","rate",
// "burst","nodelay","delay","limit","window_ms"}]}.
#include <boost/json/value.hpp>
#include <string>
#include <variant>
#include <vector>

#include "limit/rule.h"

namespace seckill::node {

// The rules, or a sentence saying what is wrong with the document.
std::variant<std::vector<limit::Rule>, std::string> rules_from_json(const boost::json::value& v);
boost::json::value rules_to_json(const std::vector<limit::Rule>& rules);

}  // namespace seckill::node
