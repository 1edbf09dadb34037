#include "node/http/json_reply.h"

#include <boost/json/serialize.hpp>
#include <boost/json/string.hpp>

namespace seckill::node::http {

Response json_reply(int status, boost::json::object body) {
    Response r;
    r.status = status;
    r.body = boost::json::serialize(body);
    return r;
}

Response error_reply(int status, std::string_view code, std::string_view message,
                     int retry_after_s) {
    // Refusals are most of a sale's replies; building the text directly skips a JSON
    // object per request. Codes are fixed identifiers; the message may need escaping.
    Response r;
    r.status = status;
    r.body.reserve(32 + code.size() + message.size());
    r.body += R"({"status":")";
    r.body += code;
    r.body += R"(","error":)";
    r.body += boost::json::serialize(boost::json::string_view(message));
    r.body += '}';
    r.retry_after_s = retry_after_s;
    return r;
}

}  // namespace seckill::node::http
