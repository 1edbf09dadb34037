#pragma once
// Connections to one Redis for many threads: each call borrows a connection, so no two
// threads share a hiredis context. A broken connection is dropped, and reconnecting backs
// off (50 ms doubling to 1 s) so a Redis that is down turns calls into fast failures
// instead of a connect storm.
#include <array>
#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "store/redis/redis_connection.h"

namespace seckill::store::redis {

enum class Script {
    ack_events,
    audit_scan,
    commit,
    create_sale,
    deregister_node,
    expire_due,
    fence_node,
    get_order,
    grant_lease,
    heartbeat,
    invariants,
    publish_events,
    register_node,
    return_leases,
    set_allocation,
    set_control,
    set_state,
    update_order,
};
inline constexpr std::size_t script_count = std::size_t(Script::update_order) + 1;

class RedisPool {
  public:
    RedisPool(RedisUrl url, Timeouts timeouts);

    // Runs `fn(connection)` on a borrowed connection. RedisUnavailable from the
    // connection drops it; the next call reconnects (after the backoff).
    template <class Fn>
    auto with(Fn&& fn) {
        Lease lease(*this);
        return fn(*lease.conn);
    }

    // EVALSHA with the script's hash, loading the script when Redis does not know it
    // (first use, or Redis restarted). `before` are commands sent ahead of it in the same
    // round trip (they must be safe to repeat). Error replies throw RedisError.
    Reply eval(RedisConnection& c, Script script, std::span<const std::string> keys,
               std::span<const std::string> args,
               std::span<const std::vector<std::string>> before = {});
    Reply eval(Script script, std::span<const std::string> keys,
               std::span<const std::string> args) {
        return with([&](RedisConnection& c) { return eval(c, script, keys, args); });
    }

    const RedisUrl& url() const { return url_; }
    const Timeouts& timeouts() const { return timeouts_; }

  private:
    struct Lease {
        explicit Lease(RedisPool& p);
        ~Lease();
        RedisPool& pool;
        std::unique_ptr<RedisConnection> conn;
    };
    std::unique_ptr<RedisConnection> acquire();
    void release(std::unique_ptr<RedisConnection> c);
    std::string sha(Script s);
    void load(RedisConnection& c, Script script);
    std::vector<std::string> evalsha_command(Script script, std::span<const std::string> keys,
                                             std::span<const std::string> args);

    const RedisUrl url_;
    const Timeouts timeouts_;
    std::mutex mu_;
    std::vector<std::unique_ptr<RedisConnection>> idle_;
    std::chrono::steady_clock::time_point retry_at_{};
    std::chrono::milliseconds backoff_{0};
    std::string last_error_;
    std::array<std::string, script_count> shas_;
    std::array<std::string, script_count> sources_;
};

}  // namespace seckill::store::redis
