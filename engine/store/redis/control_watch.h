#pragma once
// Listens on the control channel so nodes learn of degrade, limit and allocation changes
// as they happen without reading Redis every tick. The cached state is re-read when a
// change is announced, when the subscription is down, and at least once a second.
#include <atomic>
#include <chrono>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>

#include "store/redis/redis_connection.h"
#include "store/types.h"

namespace seckill::store::redis {

class ControlWatch {
  public:
    ControlWatch(RedisUrl url, Timeouts timeouts);
    ~ControlWatch();

    // The cached state, or `fetch()` when it may be stale.
    ControlState get(const std::function<ControlState()>& fetch);
    // This process changed the state: read it again at once rather than when the
    // announcement comes back, so a writer always sees its own change.
    void invalidate() { changed_ = true; }

  private:
    void run();

    const RedisUrl url_;
    const Timeouts timeouts_;
    std::atomic<bool> stopping_{false};
    std::atomic<bool> changed_{true};
    std::atomic<bool> subscribed_{false};
    std::mutex mu_;
    std::optional<ControlState> cached_;
    std::chrono::steady_clock::time_point fetched_at_{};
    std::thread thread_;
};

}  // namespace seckill::store::redis
