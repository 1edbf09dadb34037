#include "node/http/wire_request.h"

namespace seckill::node::http {
namespace bhttp = boost::beast::http;

void limit_parser(WireParser& parser, std::size_t body_limit, std::size_t header_limit) {
    parser.body_limit(body_limit);
    parser.header_limit(std::uint32_t(header_limit));
}

Request request_from_wire(const WireRequest& msg) {
    const std::string_view target = msg.target();
    const auto q = target.find('?');
    Request req;
    req.method = msg.method();
    req.path = target.substr(0, q);
    req.query = q == std::string_view::npos ? std::string_view{} : target.substr(q + 1);
    req.body = msg.body();
    req.authorization = msg[bhttp::field::authorization];
    req.content_type = msg[bhttp::field::content_type];
    req.proxy_user = msg["X-Seckill-User"];
    return req;
}

}  // namespace seckill::node::http
