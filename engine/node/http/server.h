#pragma once
// HTTP/1.1 on Boost.Beast: one io_context per thread, each with its own acceptor on the
// same port (SO_REUSEPORT), so the kernel spreads connections and a connection never
// changes threads. Keep-alive, a read timeout that covers idle and slow clients, a body
// limit and a header limit, and a cap on open connections.
#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "limit/concurrency_limit.h"
#include "node/http/client_address.h"
#include "node/http/peer_connections.h"
#include "node/http/router.h"

namespace seckill::node::http {

struct ServerOptions {
    std::string host = "127.0.0.1";
    unsigned short port = 8080;  // 0: pick a free one (tests)
    unsigned threads = 0;        // 0: one per hardware thread
    std::size_t body_limit = 16 * 1024;
    std::size_t header_limit = 8 * 1024;
    std::chrono::milliseconds read_timeout{15'000};
    std::int64_t max_connections = 10'000;      // lowered to what RLIMIT_NOFILE allows
    std::int64_t max_connections_per_ip = 256;  // --trusted-proxy peers are exempt
    std::vector<std::string> trusted_proxies;
};

class Server {
  public:
    Server(Engine& engine, RouterOptions router, ServerOptions options);
    ~Server();

    // Binds and starts serving; throws std::runtime_error when the address is taken.
    void start();
    // Stops accepting, lets responses in flight go out, then stops the threads.
    void stop();

    unsigned short port() const { return port_; }
    std::int64_t open_connections() const { return connections_.in_use(); }
    // The total cap in force: --max-connections, or fewer when the descriptor limit
    // (RLIMIT_NOFILE less a reserve for the node's own files) is lower.
    std::int64_t connection_cap() const { return connections_.max(); }

    struct Worker;

  private:
    Engine& engine_;
    ServerOptions options_;
    ClientAddress client_address_;
    limit::ConcurrencyLimit connections_;
    PeerConnections peers_;
    Router router_;
    std::vector<std::unique_ptr<Worker>> workers_;
    std::vector<std::thread> threads_;
    unsigned short port_ = 0;
    std::atomic<bool> running_{false};
};

}  // namespace seckill::node::http
