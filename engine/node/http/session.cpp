#include "node/http/session.h"

#include <boost/asio/post.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

#include "node/http/json_reply.h"

namespace seckill::node::http {
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace net = boost::asio;

Session::Session(net::ip::tcp::socket socket, const SessionContext& ctx,
                 limit::ConcurrencyLimit::Permit permit)
    : stream_(std::move(socket)),
      ctx_(ctx),
      permit_(std::move(permit)),
      read_timer_(stream_.get_executor()) {
    beast::error_code ec;
    const auto ep = stream_.socket().remote_endpoint(ec);
    if (!ec) peer_ = ep.address().to_string();
    stream_.socket().set_option(net::ip::tcp::no_delay(true), ec);
}

void Session::refuse() {
    send(error_reply(503, "unavailable", "the node has too many open connections", 1), true);
}

void Session::read() {
    parser_.emplace();
    parser_->body_limit(ctx_.body_limit);
    parser_->header_limit(std::uint32_t(ctx_.header_limit));
    // Our own timer rather than the stream's timeout: Beast closes the socket when its
    // timeout fires, and a client cut off mid-request deserves a 408 first.
    timed_out_ = false;
    stream_.expires_never();  // the write's timeout must not cut the next read
    read_timer_.expires_after(ctx_.read_timeout);
    read_timer_.async_wait([self = shared_from_this()](beast::error_code ec) {
        if (ec) return;  // the read finished first
        self->timed_out_ = true;
        beast::error_code ignored;
        self->stream_.socket().cancel(ignored);
    });
    bhttp::async_read(stream_, buffer_, *parser_,
                      [self = shared_from_this()](beast::error_code ec, std::size_t) {
                          self->read_timer_.cancel();
                          self->on_read(ec);
                      });
}

void Session::on_read(beast::error_code ec) {
    started_ = std::chrono::steady_clock::now();
    route_ = Route::unknown;
    if (timed_out_) {
        // Idle keep-alive connections just close; a request cut short hears why.
        if (parser_->got_some())
            return send(error_reply(408, "request_timeout", "the request took too long to arrive"), true);
        return close();
    }
    if (ec == bhttp::error::end_of_stream || ec == net::error::eof ||
        ec == net::error::connection_reset || ec == net::error::operation_aborted)
        return close();
    if (ec == bhttp::error::body_limit)
        return send(error_reply(413, "payload_too_large", "the body is over 16 KiB"), true);
    if (ec == bhttp::error::header_limit)
        return send(error_reply(431, "headers_too_large", "the request headers are too large"), true);
    if (ec) {
        if (parser_->got_some())
            return send(error_reply(400, "bad_request", "malformed HTTP request: " + ec.message()), true);
        return close();
    }
    dispatch();
}

void Session::dispatch() {
    request_ = parser_->release();
    const std::string_view target = request_.target();
    const auto q = target.find('?');
    Request req;
    req.method = request_.method();
    req.path = target.substr(0, q);
    req.query = q == std::string_view::npos ? std::string_view{} : target.substr(q + 1);
    req.body = request_.body();
    req.authorization = request_[bhttp::field::authorization];
    req.content_type = request_[bhttp::field::content_type];
    req.client_ip = ctx_.client_address.resolve(peer_, request_["X-Forwarded-For"],
                                                request_["X-Real-IP"]);
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
        net::post(self->stream_.get_executor(),
                  [self, res = std::move(res)]() mutable { self->send(std::move(res), false); });
    });
    in_router_ = false;
    if (sync_reply_) {
        Response res = std::move(*sync_reply_);
        sync_reply_.reset();
        send(std::move(res), false);
    }
}

void Session::defer(std::chrono::milliseconds delay, std::function<void()> then) {
    delay_timer_.emplace(stream_.get_executor(), delay);
    delay_timer_->async_wait([self = shared_from_this(), then = std::move(then)](beast::error_code) {
        then();
    });
}

void Session::send(Response&& res, bool close) {
    const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(
        std::chrono::steady_clock::now() - started_);
    ctx_.metrics.record_request(route_, res.status, std::uint64_t(micros.count()));
    const bool keep_alive = !close && request_.keep_alive();
    response_ = {};
    response_.version(request_.version() ? request_.version() : 11);
    response_.result(unsigned(res.status));
    response_.set(bhttp::field::content_type, res.content_type);
    if (res.retry_after_s > 0) response_.set(bhttp::field::retry_after, std::to_string(res.retry_after_s));
    if (!res.allow.empty()) response_.set(bhttp::field::allow, res.allow);
    response_.body() = std::move(res.body);
    response_.keep_alive(keep_alive);
    response_.prepare_payload();
    stream_.expires_after(ctx_.read_timeout);
    bhttp::async_write(stream_, response_,
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
    beast::error_code ec;
    stream_.socket().shutdown(net::ip::tcp::socket::shutdown_send, ec);
    stream_.socket().close(ec);
}

}  // namespace seckill::node::http
