#include "backend/node_admin_client.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>

namespace seckill::ui {
namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;

constexpr std::uint64_t max_admin_body = 4 << 20;

std::string AdminReply::sentence() const {
    if (status == 0) return error;
    boost::system::error_code ec;
    const auto doc = boost::json::parse(body, ec);
    if (!ec && doc.is_object())
        if (const auto* e = doc.as_object().if_contains("error"); e && e->is_string())
            return std::string(e->as_string());
    return body;
}

AdminReply call_node_admin(const std::string& address, const std::string& method,
                           const std::string& target, const std::string& token,
                           const std::string& body, std::chrono::milliseconds timeout) {
    AdminReply out;
    const auto colon = address.rfind(':');
    if (colon == std::string::npos || colon == 0) {
        out.error = "the registry gives no host:port for this node (\"" + address + "\")";
        return out;
    }
    std::string host = address.substr(0, colon);
    if (host.size() > 2 && host.front() == '[' && host.back() == ']')
        host = host.substr(1, host.size() - 2);
    const std::string port = address.substr(colon + 1);

    http::request<http::string_body> req{http::string_to_verb(method), target, 11};
    req.set(http::field::host, address);
    req.set(http::field::authorization, "Bearer " + token);
    if (!body.empty()) {
        req.set(http::field::content_type, "application/json");
        req.body() = body;
    }
    req.prepare_payload();

    // Async operations under one deadline, run to completion here: Beast's timeouts only
    // apply to async calls, and a node that is frozen must not hang the console's worker.
    net::io_context ioc;
    net::ip::tcp::resolver resolver(ioc);
    beast::tcp_stream stream(ioc);
    beast::flat_buffer buffer;
    // An admin answer is a few hundred kB at most (1,000 events); a node that sends more
    // is broken or hostile, and must not grow the console's memory.
    http::response_parser<http::string_body> parser;
    parser.body_limit(max_admin_body);
    beast::error_code failure;
    stream.expires_after(timeout);
    resolver.async_resolve(
        host, port, [&](beast::error_code resolved, net::ip::tcp::resolver::results_type found) {
            if (resolved) return void(failure = resolved);
            stream.async_connect(found, [&](beast::error_code connected,
                                            const net::ip::tcp::endpoint&) {
                if (connected) return void(failure = connected);
                http::async_write(stream, req, [&](beast::error_code written, std::size_t) {
                    if (written) return void(failure = written);
                    http::async_read(stream, buffer, parser,
                                     [&](beast::error_code read, std::size_t) { failure = read; });
                });
            });
        });
    ioc.run_for(timeout + std::chrono::milliseconds(500));
    if (failure || !parser.is_done()) {
        out.error = "no answer from " + address + ": " +
                    (failure ? failure.message() : std::string("timed out"));
        return out;
    }
    beast::error_code ignored;
    stream.socket().shutdown(net::ip::tcp::socket::shutdown_both, ignored);
    http::response<http::string_body> res = parser.release();
    out.status = int(res.result_int());
    out.body = std::move(res.body());
    return out;
}

}  // namespace seckill::ui
