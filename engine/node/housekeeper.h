#pragma once
// The node's background duties, one thread on a short period: read sales and control
// state from the ledger, expire unpaid reservations (I6), reopen sold-out sales when
// units come back, return leases of ended sales, heartbeat with stats, reclaim the
// leases of dead nodes (I5).
#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <string>
#include <thread>

#include "core/clock.h"
#include "core/metrics/histogram.h"
#include "node/heartbeat_stats.h"
#include "node/lease_agreement.h"

namespace seckill::node {

class Engine;

class Housekeeper {
  public:
    explicit Housekeeper(Engine& engine) : engine_(engine) {}
    ~Housekeeper();

    void start();
    void stop();

    // One round of every duty; the thread calls it each period, tests call it directly.
    void tick();

    // The stats this node reports in its heartbeat; each call starts a new latency and
    // rate window (they cover the time since the previous call).
    HeartbeatStats stats();
    std::string stats_json();

    std::uint64_t expired_total() const { return expired_.load(std::memory_order_relaxed); }
    // Round-trip time of the last heartbeat call that the ledger answered, in
    // microseconds (0 before the first): the ledger latency an operator alerts on.
    std::int64_t ledger_rtt_us() const { return ledger_rtt_us_.load(std::memory_order_relaxed); }

  private:
    void sync_sales(Millis now);
    void expire(Millis now);
    void heartbeat(Millis now);
    void apply_control();
    void apply_allocations();
    void compare_leases(Millis now);
    // Self-protection's signals, read every tick even while the ledger is down.
    void protect();

    Engine& engine_;
    std::thread thread_;
    std::mutex mu_;
    std::condition_variable wake_;
    bool stopping_ = false;
    // Heartbeats keep real time (steady clock), whatever the engine's clock says: the
    // node's right to sell from its lease is measured in real time (see Membership).
    std::chrono::steady_clock::time_point last_heartbeat_{};
    std::uint64_t control_version_ = 0;  // the control state this node applied
    std::uint64_t last_requests_ = 0;    // for the request rate over a heartbeat
    bool control_seen_ = false;
    metrics::Histogram::Snapshot last_buy_latency_;
    // buy p99 over about the last second, for the auto-degrade rules
    metrics::Histogram::Snapshot signal_latency_;
    Millis signal_at_ = 0;
    double buy_p99_ms_ = 0;
    std::atomic<std::int64_t> queue_depth_{0};  // as of the last good tick
    std::atomic<std::uint64_t> expired_{0};
    std::atomic<std::int64_t> ledger_rtt_us_{0};
    // I7: this node's lease against the ledger's record, across heartbeats.
    LeaseAgreement agreement_;
    std::map<std::string, LeaseDisagreement> disagreements_;
};

}  // namespace seckill::node
