#pragma once
// Where the wire meets the router: Beast's parser, limited as the server limits it, and
// the parsed message seen as the router's Request. The server and the fuzz harness both
// go through here, so what the harness feeds the router is what a socket would.
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <cstddef>

#include "node/http/http_types.h"

namespace seckill::node::http {

using WireRequest = boost::beast::http::request<boost::beast::http::string_body>;
using WireParser = boost::beast::http::request_parser<boost::beast::http::string_body>;

// A fresh parser that refuses bodies over `body_limit` and headers over `header_limit`.
void limit_parser(WireParser& parser, std::size_t body_limit, std::size_t header_limit);

// The fields the router reads, as views into `msg` (which must outlive the Request). The
// connection's own facts — client address, trusted peer, deferrer — are the caller's.
Request request_from_wire(const WireRequest& msg);

}  // namespace seckill::node::http
