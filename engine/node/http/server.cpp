#include "node/http/server.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <sys/socket.h>

#include <stdexcept>

#include "node/http/session.h"

namespace seckill::node::http {
namespace net = boost::asio;
using tcp = net::ip::tcp;

struct Server::Worker {
    net::io_context ioc{1};  // one thread per context: no locking inside Asio
    tcp::acceptor acceptor{ioc};
    net::steady_timer backoff{ioc};
    net::executor_work_guard<net::io_context::executor_type> guard{ioc.get_executor()};
    SessionContext ctx;
    limit::ConcurrencyLimit* connections = nullptr;
    NodeMetrics* metrics = nullptr;

    explicit Worker(SessionContext c) : ctx(c) {}

    void accept() {
        acceptor.async_accept(ioc.get_executor(), [this](boost::system::error_code ec, Socket socket) {
            if (ec == net::error::operation_aborted || !acceptor.is_open()) return;
            if (ec) {
                // Out of descriptors (EMFILE) or a transient failure: retrying at once would
                // spin, since the pending connection is still there. Pause, then go on.
                backoff.expires_after(std::chrono::milliseconds(50));
                backoff.async_wait([this](boost::system::error_code wait_ec) {
                    if (!wait_ec) accept();
                });
                return;
            }
            {
                auto permit = connections->try_acquire();
                const bool admitted = bool(permit);
                auto session = std::make_shared<Session>(std::move(socket), ctx, std::move(permit));
                if (admitted) {
                    metrics->connections_accepted.add();
                    session->start();
                } else {
                    metrics->connections_refused.add();
                    session->refuse();
                }
            }
            accept();
        });
    }
};

Server::Server(Engine& engine, RouterOptions router, ServerOptions options)
    : engine_(engine),
      options_(std::move(options)),
      client_address_(options_.trusted_proxies),
      connections_(options_.max_connections),
      router_(engine, std::move(router), [this] { return connections_.in_use(); }) {}

Server::~Server() { stop(); }

void Server::start() {
    unsigned threads = options_.threads ? options_.threads : std::thread::hardware_concurrency();
    if (threads == 0) threads = 1;
    boost::system::error_code ec;
    const auto address = net::ip::make_address(options_.host, ec);
    if (ec) throw std::runtime_error("bad listen address " + options_.host + ": " + ec.message());
    tcp::endpoint endpoint(address, options_.port);
    const SessionContext ctx{router_, engine_.metrics(), client_address_, options_.body_limit,
                             options_.header_limit, options_.read_timeout};
    for (unsigned i = 0; i < threads; ++i) {
        auto w = std::make_unique<Worker>(ctx);
        w->connections = &connections_;
        w->metrics = &engine_.metrics();
        auto& a = w->acceptor;
        a.open(endpoint.protocol(), ec);
        if (!ec) a.set_option(net::socket_base::reuse_address(true), ec);
        if (!ec) {
            // Every worker binds the same port; the kernel spreads connections over them.
            int one = 1;
            if (::setsockopt(a.native_handle(), SOL_SOCKET, SO_REUSEPORT, &one, sizeof one) != 0)
                ec = boost::system::error_code(errno, boost::system::system_category());
        }
        if (!ec) a.bind(endpoint, ec);
        if (!ec) a.listen(net::socket_base::max_listen_connections, ec);
        if (ec) {
            workers_.clear();
            throw std::runtime_error("cannot listen on " + options_.host + ":" +
                                     std::to_string(endpoint.port()) + ": " + ec.message());
        }
        // Port 0 picks a free port once; the other workers join that one.
        endpoint.port(a.local_endpoint().port());
        workers_.push_back(std::move(w));
    }
    port_ = endpoint.port();
    for (auto& w : workers_) {
        w->accept();
        threads_.emplace_back([&ioc = w->ioc] { ioc.run(); });
    }
    running_ = true;
}

void Server::stop() {
    if (!running_.exchange(false)) return;
    for (auto& w : workers_)
        net::post(w->ioc, [&w] {
            boost::system::error_code ec;
            w->acceptor.close(ec);
            w->backoff.cancel();
            w->guard.reset();
        });
    // Connections in flight finish their current exchange. Buys waiting for their commit
    // are settled while the io threads still run, so their replies go out and nothing
    // posts to a context after it is gone; later buys get 503 at once.
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    engine_.group_commit().stop();
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    for (auto& w : workers_) w->ioc.stop();
    for (auto& t : threads_) t.join();
    threads_.clear();
    workers_.clear();
}

}  // namespace seckill::node::http
