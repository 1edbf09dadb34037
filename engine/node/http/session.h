#pragma once
// One client connection: read a request, hand it to the router, write the answer, repeat
// while the client keeps the connection alive.
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <chrono>
#include <memory>
#include <optional>
#include <thread>

#include "limit/concurrency_limit.h"
#include "node/http/client_address.h"
#include "node/http/peer_connections.h"
#include "node/http/reply_mailbox.h"
#include "node/http/router.h"
#include "node/http/wire_request.h"
#include "node/node_metrics.h"
#include "node/protection/freeze_gate.h"

namespace seckill::node::http {

struct SessionContext {
    Router& router;
    NodeMetrics& metrics;
    const ClientAddress& client_address;
    std::size_t body_limit;
    std::size_t header_limit;
    std::chrono::milliseconds read_timeout;
    const FreezeGate& freeze;         // an injected node_freeze holds every request here
    ReplyMailbox* mailbox = nullptr;  // this worker's, for replies given on other threads
};

// A socket bound to its worker's io_context by type, not through any_io_executor: the
// type-erased executor showed up per operation in the sold-out storm profile.
using Socket =
    boost::asio::basic_stream_socket<boost::asio::ip::tcp, boost::asio::io_context::executor_type>;
using Timer = boost::asio::basic_waitable_timer<std::chrono::steady_clock,
                                                boost::asio::wait_traits<std::chrono::steady_clock>,
                                                boost::asio::io_context::executor_type>;

class Session : public std::enable_shared_from_this<Session>, private Request::Deferrer {
  public:
    Session(Socket socket, const SessionContext& ctx, limit::ConcurrencyLimit::Permit permit,
            PeerConnections::Permit peer_permit, std::string peer);

    void start() {
        arm_timer(Clock::now() + ctx_.read_timeout);
        read();
    }
    // Refuses a connection over a cap with a 503 saying which, and closes it.
    void refuse(std::string_view why);
    // Writes the answer to the request in progress; on this connection's thread only (a
    // reply given on another thread comes through the worker's ReplyMailbox).
    void reply(Response&& res) { send(std::move(res), false); }

  private:
    void read();
    void on_read(boost::beast::error_code ec);
    void dispatch();
    void send(Response&& res, bool close);
    void on_write(boost::beast::error_code ec, bool close);
    void close();
    using Clock = std::chrono::steady_clock;
    void arm_timer(Clock::time_point at);
    void on_timer();
    void defer(std::chrono::milliseconds delay, std::function<void()> then) override;

    Socket socket_;
    const SessionContext& ctx_;
    limit::ConcurrencyLimit::Permit permit_;
    PeerConnections::Permit peer_permit_;
    boost::beast::flat_buffer buffer_;
    std::optional<WireParser> parser_;
    WireRequest request_;
    std::string wire_;  // the response being written; keeps its capacity between requests
    std::string peer_;
    Route route_ = Route::unknown;
    std::chrono::steady_clock::time_point started_;
    Timer timer_;
    Clock::time_point deadline_ = Clock::time_point::max();
    bool timed_out_ = false;
    bool closed_ = false;
    std::optional<Timer> delay_timer_;
    // Set while the router runs on this connection's thread: a reply given synchronously
    // is kept here and written after the router returns, skipping a trip through the queue.
    bool in_router_ = false;
    std::optional<Response> sync_reply_;
    std::thread::id io_thread_;
};

}  // namespace seckill::node::http
