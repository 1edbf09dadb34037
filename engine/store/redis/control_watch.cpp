#include "store/redis/control_watch.h"

#include "store/redis/redis_keys.h"

namespace seckill::store::redis {

ControlWatch::ControlWatch(RedisUrl url, Timeouts timeouts)
    : url_(std::move(url)), timeouts_(timeouts), thread_([this] { run(); }) {}

ControlWatch::~ControlWatch() {
    stopping_ = true;
    thread_.join();
}

ControlState ControlWatch::get(const std::function<ControlState()>& fetch) {
    std::lock_guard lock(mu_);
    const auto now = std::chrono::steady_clock::now();
    const bool stale = !cached_ || !subscribed_ || changed_.exchange(false) ||
                       now - fetched_at_ > std::chrono::seconds(1);
    if (stale) {
        try {
            cached_ = fetch();
        } catch (...) {
            changed_ = true;  // read again next time
            throw;
        }
        fetched_at_ = now;
    }
    return *cached_;
}

void ControlWatch::run() {
    while (!stopping_) {
        try {
            RedisConnection c(url_, timeouts_);
            Reply ok = c.command({"SUBSCRIBE", keys::control_channel});
            if (ok.is_error()) throw RedisError(std::string(ok.str()));
            subscribed_ = true;
            changed_ = true;  // anything may have changed while unsubscribed
            while (!stopping_) {
                Reply msg = c.next_push();
                if (msg.is_array()) changed_ = true;
            }
        } catch (const std::exception&) {
            subscribed_ = false;
            // Redis is down or restarting: the ledger reads control directly meanwhile.
            for (int i = 0; i < 5 && !stopping_; ++i)
                std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
    }
}

}  // namespace seckill::store::redis
