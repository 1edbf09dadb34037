#include "scenario/http_call.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json/parse.hpp>

namespace seckill::scenario {
namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;

boost::json::value HttpAnswer::json() const {
    boost::system::error_code ec;
    auto v = boost::json::parse(body, ec);
    return ec ? boost::json::value() : v;
}

HttpAnswer http_call(const Endpoint& to, std::string_view method, const std::string& target,
                     const std::string& body, const std::string& bearer,
                     std::chrono::milliseconds timeout) {
    HttpAnswer out;
    net::io_context ioc;
    beast::tcp_stream stream(ioc);
    http::request<http::string_body> req{http::string_to_verb(method), target, 11};
    req.set(http::field::host, to.host);
    if (!bearer.empty()) req.set(http::field::authorization, "Bearer " + bearer);
    if (!body.empty()) {
        req.set(http::field::content_type, "application/json");
        req.body() = body;
    }
    req.prepare_payload();
    beast::flat_buffer buffer;
    http::response<http::string_body> res;
    boost::system::error_code address_error;
    const auto address = net::ip::make_address(to.host, address_error);
    if (address_error || !address.is_loopback()) {
        out.error = "not a loopback address: " + to.host;
        return out;
    }
    // One deadline for the whole exchange: tcp_stream fails the pending operation at it.
    stream.expires_after(timeout);
    stream.async_connect(tcp::endpoint(address, to.port), [&](boost::system::error_code ec) {
        if (ec) return void(out.error = "connect: " + ec.message());
        http::async_write(stream, req, [&](boost::system::error_code ec2, std::size_t) {
            if (ec2) return void(out.error = "write: " + ec2.message());
            http::async_read(stream, buffer, res, [&](boost::system::error_code ec3, std::size_t) {
                if (ec3) return void(out.error = "read: " + ec3.message());
                out.status = int(res.result_int());
                out.body = std::move(res.body());
            });
        });
    });
    ioc.run();
    return out;
}

unsigned short free_loopback_port() {
    net::io_context ioc;
    tcp::acceptor a(ioc, tcp::endpoint(net::ip::make_address("127.0.0.1"), 0));
    return a.local_endpoint().port();
}

bool redis_ping(const Endpoint& to, std::chrono::milliseconds timeout) {
    net::io_context ioc;
    beast::tcp_stream stream(ioc);
    net::streambuf reply;
    bool pong = false;
    stream.expires_after(timeout);
    stream.async_connect(
        tcp::endpoint(net::ip::make_address(to.host), to.port), [&](boost::system::error_code ec) {
            if (ec) return;
            net::async_write(stream, net::buffer(std::string_view("PING\r\n")),
                             [&](boost::system::error_code ec2, std::size_t) {
                                 if (ec2) return;
                                 net::async_read_until(
                                     stream, reply, "\r\n",
                                     [&](boost::system::error_code ec3, std::size_t) {
                                         if (ec3) return;
                                         std::string line(net::buffers_begin(reply.data()),
                                                          net::buffers_end(reply.data()));
                                         pong = line.starts_with("+PONG");
                                     });
                             });
        });
    ioc.run();
    return pong;
}

}  // namespace seckill::scenario
