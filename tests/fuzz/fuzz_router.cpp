// Raw bytes as one connection's worth of HTTP: Beast's parser with the server's limits,
// then each complete request through request_from_wire and the Router, as a Session does.
#include <boost/asio/buffer.hpp>
#include <boost/beast/http/error.hpp>
#include <string_view>

#include "fuzz_node.h"
#include "node/http/server.h"
#include "node/http/wire_request.h"

namespace bhttp = boost::beast::http;
using namespace seckill;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    auto& node = fuzz::FuzzNode::instance();
    const node::http::ServerOptions limits;
    std::string_view rest(reinterpret_cast<const char*>(data), size);
    // Keep-alive: a connection may carry several requests back to back.
    for (int n = 0; n < 8 && !rest.empty(); ++n) {
        node::http::WireParser parser;
        node::http::limit_parser(parser, limits.body_limit, limits.header_limit);
        parser.eager(true);
        boost::system::error_code ec;
        while (!parser.is_done()) {
            std::size_t used = 0;
            if (!rest.empty()) used = parser.put(boost::asio::buffer(rest.data(), rest.size()), ec);
            rest.remove_prefix(used);
            if (ec == bhttp::error::need_more) ec = {};
            if (ec) break;
            // It can take nothing more from what there is: the peer closed the connection here.
            if (used == 0) {
                parser.put_eof(ec);
                break;
            }
        }
        if (ec || !parser.is_done()) break;  // the session answers 4xx and closes
        const node::http::WireRequest msg = parser.release();
        if (msg.method() == bhttp::verb::unknown) break;  // 405 before the router
        fuzz::FuzzNode::check(node.answer(node::http::request_from_wire(msg)));
        if (!msg.keep_alive()) break;
    }
    node.check_stock();
    return 0;
}
