#pragma once
// Every answer of API v1 is JSON with a `status` string; errors add a human `error`.
#include <boost/json/object.hpp>
#include <string>
#include <string_view>

#include "node/http/http_types.h"

namespace seckill::node::http {

Response json_reply(int status, boost::json::object body);
Response error_reply(int status, std::string_view code, std::string_view message,
                     int retry_after_s = 0);

}  // namespace seckill::node::http
