#include "node/http/server.h"

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <stdexcept>

#include "core/thread_name.h"
#include "node/http/json_reply.h"
#include "node/http/session.h"
#include "node/http/wire_response.h"

namespace seckill::node::http {
namespace net = boost::asio;
using tcp = net::ip::tcp;
namespace {

// Descriptors the node needs besides client connections: listening sockets, the spare
// below, SQLite and its WAL, Redis connections, and an epoll, eventfd and timerfd per
// io thread.
std::int64_t descriptor_reserve(unsigned threads) { return 64 + 4 * std::int64_t(threads); }

unsigned thread_count(unsigned asked) {
    const unsigned n = asked ? asked : std::thread::hardware_concurrency();
    return n ? n : 1;
}

// --max-connections, or what the soft descriptor limit leaves for connections.
std::int64_t cap_for_descriptors(std::int64_t asked, unsigned threads) {
    rlimit lim{};
    if (::getrlimit(RLIMIT_NOFILE, &lim) != 0 || lim.rlim_cur == RLIM_INFINITY) return asked;
    const std::int64_t usable =
        std::int64_t(std::min<rlim_t>(lim.rlim_cur, 1u << 30)) - descriptor_reserve(threads);
    return std::max<std::int64_t>(1, std::min(asked, usable));
}

int open_spare() { return ::open("/dev/null", O_RDONLY | O_CLOEXEC); }

}  // namespace

struct Server::Worker {
    net::io_context ioc{1};  // one thread per context: no locking inside Asio
    tcp::acceptor acceptor{ioc};
    net::steady_timer backoff{ioc};
    net::executor_work_guard<net::io_context::executor_type> guard{ioc.get_executor()};
    ReplyMailbox mailbox{ioc};
    SessionContext ctx;
    limit::ConcurrencyLimit* connections = nullptr;
    PeerConnections* peers = nullptr;
    NodeMetrics* metrics = nullptr;
    // Held so that running out of descriptors still leaves one to answer with: see shed().
    int spare = open_spare();
    std::string overloaded;  // the 503 shed() writes, prepared once

    explicit Worker(SessionContext c) : ctx(c) {
        ctx.mailbox = &mailbox;
        write_wire_response(
            error_reply(503, "unavailable", "the node is out of file descriptors", 1), 11, false,
            overloaded);
    }
    ~Worker() {
        if (spare >= 0) ::close(spare);
    }

    // Out of descriptors (EMFILE / ENFILE): the pending connection would wait in the
    // backlog with no answer. Give up the spare descriptor, take the connection with it,
    // answer 503, close it, and take the spare back. False when nothing was pending.
    bool shed() {
        if (spare >= 0) ::close(spare);
        const int fd =
            ::accept4(acceptor.native_handle(), nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd >= 0) {
            // Read what the client already sent (a bounded amount), so closing sends FIN
            // after the answer rather than a reset that could discard it.
            char sink[4096];
            for (int i = 0; i < 4 && ::recv(fd, sink, sizeof sink, MSG_DONTWAIT) > 0; ++i) {
            }
            [[maybe_unused]] const auto sent =
                ::send(fd, overloaded.data(), overloaded.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
            ::shutdown(fd, SHUT_WR);
            ::close(fd);
            metrics->connections_refused.add();
        }
        spare = open_spare();
        return fd >= 0;
    }

    void accept() {
        acceptor.async_accept(
            ioc.get_executor(), [this](boost::system::error_code ec, Socket socket) {
                if (ec == net::error::operation_aborted || !acceptor.is_open()) return;
                const bool out_of_fds = ec == boost::system::errc::too_many_files_open ||
                                        ec == boost::system::errc::too_many_files_open_in_system;
                if (out_of_fds && shed()) return accept();  // next one at once: more may wait
                if (ec) {
                    // A transient failure, or nothing left to shed: retrying at once would spin,
                    // since the pending connection is still there. Pause, then go on.
                    backoff.expires_after(std::chrono::milliseconds(50));
                    backoff.async_wait([this](boost::system::error_code wait_ec) {
                        if (!wait_ec) accept();
                    });
                    return;
                }
                admit(std::move(socket));
                accept();
            });
    }

    void admit(Socket socket) {
        boost::system::error_code ep_ec;
        const auto ep = socket.remote_endpoint(ep_ec);
        std::string peer = ep_ec ? std::string() : ep.address().to_string();
        auto permit = connections->try_acquire();
        PeerConnections::Permit peer_permit;
        std::string_view refusal;
        if (!permit) {
            refusal = "the node has too many open connections";
        } else if (!ctx.client_address.is_trusted(peer)) {
            // A proxy carries many clients on its connections; the total cap bounds it.
            peer_permit = peers->try_acquire(peer);
            if (!peer_permit) {
                permit.release();
                refusal = "this address has too many open connections";
            }
        }
        auto session = std::make_shared<Session>(std::move(socket), ctx, std::move(permit),
                                                 std::move(peer_permit), std::move(peer));
        if (refusal.empty()) {
            metrics->connections_accepted.add();
            session->start();
        } else {
            metrics->connections_refused.add();
            session->refuse(refusal);
        }
    }
};

Server::Server(Engine& engine, RouterOptions router, ServerOptions options)
    : engine_(engine),
      options_(std::move(options)),
      client_address_(options_.trusted_proxies),
      connections_(cap_for_descriptors(options_.max_connections, thread_count(options_.threads))),
      peers_(options_.max_connections_per_ip),
      router_(engine, std::move(router), [this] { return connections_.in_use(); }) {}

Server::~Server() { stop(); }

void Server::start() {
    const unsigned threads = thread_count(options_.threads);
    boost::system::error_code ec;
    const auto address = net::ip::make_address(options_.host, ec);
    if (ec) throw std::runtime_error("bad listen address " + options_.host + ": " + ec.message());
    tcp::endpoint endpoint(address, options_.port);
    const SessionContext ctx{router_,
                             engine_.metrics(),
                             client_address_,
                             options_.body_limit,
                             options_.header_limit,
                             options_.read_timeout,
                             engine_.freeze()};
    for (unsigned i = 0; i < threads; ++i) {
        auto w = std::make_unique<Worker>(ctx);
        w->connections = &connections_;
        w->peers = &peers_;
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
        // shed() calls accept4 on it directly and must never block the io thread.
        if (!ec) a.non_blocking(true, ec);
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
        threads_.emplace_back([&ioc = w->ioc] {
            name_this_thread("seckill-io");
            ioc.run();
        });
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
        });
    // Connections in flight finish their current exchange. Buys waiting for their commit
    // are settled while every io context is still held (its guard), so the drains that
    // carry their replies run and nothing posts to a context after it is gone; later buys
    // get 503 at once.
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    engine_.group_commit().stop();
    for (auto& w : workers_) net::post(w->ioc, [&w] { w->guard.reset(); });
    router_.stop();
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    for (auto& w : workers_) w->ioc.stop();
    for (auto& t : threads_) t.join();
    threads_.clear();
    workers_.clear();
}

}  // namespace seckill::node::http
