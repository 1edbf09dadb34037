#pragma once
// This node's standing with the ledger: the registration (epoch) its lease calls carry,
// how long its lease may still be sold from, whether the ledger answers, and — when the
// node is not ready — the sentence that says why (shown by /readyz).
//
// The lease is only the node's while its heartbeat is fresh: a survivor reclaims the
// leases of a node whose heartbeat is older than the node TTL. So the node sells from its
// lease only until (last heartbeat sent + TTL − one heartbeat period), measured on the
// steady clock, which keeps running while the process is stopped (SIGSTOP) — a node
// resumed after a long freeze finds its window closed before it sells a single unit.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <stdexcept>
#include <string>

#include "store/types.h"

namespace seckill::node {

// Thrown by a lease call the ledger refused as coming from a stale registration.
struct Fenced : std::runtime_error {
    Fenced() : std::runtime_error("this node's registration was fenced") {}
};

class Membership {
  public:
    using SteadyTime = std::chrono::steady_clock::time_point;

    Membership(std::chrono::milliseconds ttl, std::chrono::milliseconds heartbeat)
        : window_(ttl - std::min(heartbeat, ttl / 2)) {}

    std::uint64_t epoch() const { return epoch_.load(std::memory_order_acquire); }

    // A registration succeeded at `sent` (the time the call was made).
    void joined(store::Registration r, SteadyTime sent);
    // A heartbeat sent at `sent` was accepted.
    void renewed(SteadyTime sent);
    // Stops selling until the next join(): the registration is stale or the ledger lost
    // its data. `why` is what /readyz says meanwhile.
    void suspend(std::string why);
    // Stops selling for good: another process holds this node id now (see
    // HeartbeatResult::superseded). No rejoin follows; the operator stops this process.
    void retire(std::string why);
    bool retired() const { return retired_.load(std::memory_order_acquire); }
    bool suspended() const { return suspended_.load(std::memory_order_acquire); }
    // A join is due (suspend() asked for it); cleared by the join that succeeds.
    bool rejoin_due() const { return rejoin_.load(std::memory_order_acquire); }

    // The buy path: two atomic loads.
    bool may_sell(SteadyTime now = std::chrono::steady_clock::now()) const {
        return !suspended_.load(std::memory_order_acquire) &&
               now.time_since_epoch().count() <= valid_until_.load(std::memory_order_acquire);
    }

    bool ledger_reachable() const { return reachable_.load(std::memory_order_relaxed); }
    void set_ledger_reachable(bool ok) { reachable_.store(ok, std::memory_order_relaxed); }

    // Empty when ready; else why not (ledger unreachable, lease window closed, suspended).
    std::string not_ready_reason() const;
    // Times this node found itself fenced or the ledger reset (metrics, stats).
    std::uint64_t fenced_total() const { return fenced_.load(std::memory_order_relaxed); }

  private:
    const std::chrono::milliseconds window_;
    std::atomic<std::uint64_t> epoch_{0};
    std::atomic<SteadyTime::rep> valid_until_{0};
    std::atomic<bool> suspended_{false};
    std::atomic<bool> rejoin_{false};
    std::atomic<bool> retired_{false};
    std::atomic<bool> reachable_{true};
    std::atomic<std::uint64_t> fenced_{0};
    mutable std::mutex why_mu_;
    std::string why_;
};

}  // namespace seckill::node
