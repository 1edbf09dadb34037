#include "node/http/json_reply.h"

#include <boost/json/serialize.hpp>

namespace seckill::node::http {

Response json_reply(int status, boost::json::object body) {
    Response r;
    r.status = status;
    r.body = boost::json::serialize(body);
    return r;
}

Response error_reply(int status, std::string_view code, std::string_view message,
                     int retry_after_s) {
    Response r = json_reply(status, {{"status", code}, {"error", message}});
    r.retry_after_s = retry_after_s;
    return r;
}

}  // namespace seckill::node::http
