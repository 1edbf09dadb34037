#include "node/http/session.h"

#include <boost/asio/write.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>

#include "node/http/json_reply.h"
#include "node/http/wire_request.h"
#include "node/http/wire_response.h"

namespace seckill::node::http {
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace net = boost::asio;

Session::Session(Socket socket, const SessionContext& ctx, limit::ConcurrencyLimit::Permit permit,
                 PeerConnections::Permit peer_permit, std::string peer)
    : socket_(std::move(socket)),
      ctx_(ctx),
      permit_(std::move(permit)),
      peer_permit_(std::move(peer_permit)),
      peer_(std::move(peer)),
      timer_(socket_.get_executor()) {
    beast::error_code ec;
    socket_.set_option(net::ip::tcp::no_delay(true), ec);
}

void Session::refuse(std::string_view why) {
    arm_timer(Clock::now() + ctx_.read_timeout);
    send(error_reply(503, "unavailable", why, 1), true);
}

void Session::read() {
    parser_.emplace();
    limit_parser(*parser_, ctx_.body_limit, ctx_.header_limit);
    // Our own timer rather than the stream's timeout: Beast closes the socket when its
    // timeout fires, and a client cut off mid-request deserves a 408 first.
    deadline_ = Clock::now() + ctx_.read_timeout;
    bhttp::async_read(
        socket_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_read(ec); });
}

// One timer per connection, moved only when it fires: arming a timer per request costs a
// timerfd system call each time, a tenth of the node's time in a sold-out storm. Reads and
// writes just move `deadline_`; the timer catches up with it when it fires.
void Session::arm_timer(Clock::time_point at) {
    timer_.expires_at(at);
    timer_.async_wait([self = shared_from_this()](beast::error_code ec) {
        if (!ec) self->on_timer();
    });
}

void Session::on_timer() {
    if (closed_) return;
    const auto now = Clock::now();
    if (deadline_ > now)
        return arm_timer(deadline_ == Clock::time_point::max() ? now + ctx_.read_timeout
                                                               : deadline_);
    // Past the deadline: a second expiry means even the 408 could not be written.
    if (timed_out_) return close();
    timed_out_ = true;
    beast::error_code ignored;
    socket_.cancel(ignored);  // the read or write in flight ends with an error
    arm_timer(now + ctx_.read_timeout);
}

void Session::on_read(beast::error_code ec) {
    started_ = std::chrono::steady_clock::now();
    route_ = Route::unknown;
    if (timed_out_ && ec) {
        // Idle keep-alive connections just close; a request cut short hears why.
        if (parser_->got_some())
            return send(error_reply(408, "request_timeout", "the request took too long to arrive"),
                        true);
        return close();
    }
    if (ec == bhttp::error::end_of_stream || ec == net::error::eof ||
        ec == net::error::connection_reset || ec == net::error::operation_aborted)
        return close();
    if (ec == bhttp::error::body_limit)
        return send(error_reply(413, "payload_too_large",
                                "the body is over " + std::to_string(ctx_.body_limit) + " bytes"),
                    true);
    if (ec == bhttp::error::header_limit)
        return send(error_reply(431, "headers_too_large", "the request headers are too large"),
                    true);
    if (ec) {
        if (parser_->got_some())
            return send(error_reply(400, "bad_request", "malformed HTTP request: " + ec.message()),
                        true);
        return close();
    }
    dispatch();
}

void Session::dispatch() {
    // Frozen (QA's node_freeze): the request waits unread by the node, as it would in the
    // socket buffer of a stopped process.
    if (const auto left = ctx_.freeze.remaining(); left.count() > 0)
        return defer(left, [this] { dispatch(); });
    request_ = parser_->release();
    // No deadline while the node works on the request (a buy waits for its commit).
    deadline_ = Clock::time_point::max();
    timed_out_ = false;  // the request made it in time, even if the timer fired meanwhile
    Request req = request_from_wire(request_);
    req.client_ip =
        ctx_.client_address.resolve(peer_, request_["X-Forwarded-For"], request_["X-Real-IP"]);
    req.peer_trusted = ctx_.client_address.is_trusted(peer_);
    req.deferrer = this;
    if (req.method == bhttp::verb::unknown) {
        return send(error_reply(405, "method_not_allowed", "unknown HTTP method"), false);
    }
    io_thread_ = std::this_thread::get_id();
    in_router_ = true;
    route_ = ctx_.router.handle(req, [self = shared_from_this()](Response&& res) {
        // Only this connection's thread may touch the session; the thread id is checked
        // first, so the committer's thread never reads in_router_.
        if (std::this_thread::get_id() == self->io_thread_ && self->in_router_) {
            self->sync_reply_ = std::move(res);
            return;
        }
        self->ctx_.mailbox->deliver(self, std::move(res));
    });
    in_router_ = false;
    if (sync_reply_) {
        Response res = std::move(*sync_reply_);
        sync_reply_.reset();
        send(std::move(res), false);
    }
}

void Session::defer(std::chrono::milliseconds delay, std::function<void()> then) {
    delay_timer_.emplace(socket_.get_executor(), delay);
    delay_timer_->async_wait(
        [self = shared_from_this(), then = std::move(then)](beast::error_code) { then(); });
}

void Session::send(Response&& res, bool close) {
    const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(
        std::chrono::steady_clock::now() - started_);
    ctx_.metrics.record_request(route_, res.status, std::uint64_t(micros.count()));
    const bool keep_alive = !close && request_.keep_alive();
    write_wire_response(res, request_.version() == 10 ? 10 : 11, keep_alive, wire_);
    deadline_ = Clock::now() + ctx_.read_timeout;
    net::async_write(socket_, net::buffer(wire_),
                     [self = shared_from_this(), keep_alive](beast::error_code ec, std::size_t) {
                         self->on_write(ec, !keep_alive);
                     });
}

void Session::on_write(beast::error_code ec, bool close_after) {
    if (ec || close_after) return close();
    request_ = {};
    read();
}

void Session::close() {
    closed_ = true;
    timer_.cancel();
    beast::error_code ec;
    socket_.shutdown(Socket::shutdown_send, ec);
    socket_.close(ec);
}

}  // namespace seckill::node::http
