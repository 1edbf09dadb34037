#pragma once
// One client connection: read a request, hand it to the router, write the answer, repeat
// while the client keeps the connection alive.
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <chrono>
#include <memory>
#include <optional>
#include <thread>

#include "limit/concurrency_limit.h"
#include "node/http/client_address.h"
#include "node/http/router.h"
#include "node/node_metrics.h"

namespace seckill::node::http {

struct SessionContext {
    Router& router;
    NodeMetrics& metrics;
    const ClientAddress& client_address;
    std::size_t body_limit;
    std::size_t header_limit;
    std::chrono::milliseconds read_timeout;
};

class Session : public std::enable_shared_from_this<Session>, private Request::Deferrer {
public:
    Session(boost::asio::ip::tcp::socket socket, const SessionContext& ctx,
            limit::ConcurrencyLimit::Permit permit);

    void start() { read(); }
    // Refuses a connection over the cap with a 503 and closes it.
    void refuse();

private:
    void read();
    void on_read(boost::beast::error_code ec);
    void dispatch();
    void send(Response&& res, bool close);
    void on_write(boost::beast::error_code ec, bool close);
    void close();
    void defer(std::chrono::milliseconds delay, std::function<void()> then) override;

    boost::beast::tcp_stream stream_;
    const SessionContext& ctx_;
    limit::ConcurrencyLimit::Permit permit_;
    boost::beast::flat_buffer buffer_;
    std::optional<boost::beast::http::request_parser<boost::beast::http::string_body>> parser_;
    boost::beast::http::request<boost::beast::http::string_body> request_;
    boost::beast::http::response<boost::beast::http::string_body> response_;
    std::string peer_;
    Route route_ = Route::unknown;
    std::chrono::steady_clock::time_point started_;
    boost::asio::steady_timer read_timer_;
    bool timed_out_ = false;
    std::optional<boost::asio::steady_timer> delay_timer_;
    // Set while the router runs on this connection's thread: a reply given synchronously
    // is kept here and written after the router returns, skipping a trip through the queue.
    bool in_router_ = false;
    std::optional<Response> sync_reply_;
    std::thread::id io_thread_;
};

}  // namespace seckill::node::http
