#include "store/fault_plan.h"

#include <algorithm>
#include <random>
#include <thread>

namespace seckill::store {
namespace {

// Draws are per thread: io threads, the committer and the housekeeper ask at once, and a
// shared engine would need a lock on the hot path.
double draw() {
    thread_local std::minstd_rand rng{std::random_device{}()};
    return std::uniform_real_distribution<double>(0.0, 1.0)(rng);
}

std::chrono::milliseconds latency(const FaultSpec& f) {
    std::int64_t ms = f.ms;
    if (f.jitter_ms > 0) {
        thread_local std::minstd_rand rng{std::random_device{}()};
        ms += std::uniform_int_distribution<std::int64_t>(-f.jitter_ms, f.jitter_ms)(rng);
    }
    return std::chrono::milliseconds(std::max<std::int64_t>(ms, 0));
}

}  // namespace

const FaultKindInfo& info(FaultKind kind) { return fault_kinds[std::size_t(kind)]; }

std::optional<FaultKind> parse_fault_kind(std::string_view name) {
    for (const auto& k : fault_kinds)
        if (k.name == name) return k.kind;
    return std::nullopt;
}

void FaultPlan::prune(Clock::time_point now) {
    std::erase_if(faults_, [&](const ActiveFault& f) { return f.ends <= now; });
    count_.store(faults_.size(), std::memory_order_relaxed);
}

ActiveFault FaultPlan::add(FaultSpec spec) {
    const auto now = Clock::now();
    std::lock_guard lock(mu_);
    prune(now);
    ActiveFault f{next_id_++, std::move(spec), {}};
    // A crash has no duration; it stays listed for a moment so a reader sees it was taken.
    f.ends = now + std::chrono::milliseconds(info(f.spec.kind).lasts ? f.spec.duration_ms : 1000);
    faults_.push_back(f);
    count_.store(faults_.size(), std::memory_order_relaxed);
    if (f.spec.kind == FaultKind::node_freeze)
        freeze_end_.store(std::max(freeze_end_.load(std::memory_order_relaxed),
                                   f.ends.time_since_epoch().count()),
                          std::memory_order_relaxed);
    return f;
}

void FaultPlan::replace(const std::vector<FaultSpec>& specs) {
    clear();
    for (const FaultSpec& s : specs) add(s);
}

void FaultPlan::clear() {
    std::lock_guard lock(mu_);
    faults_.clear();
    count_.store(0, std::memory_order_relaxed);
    freeze_end_.store(0, std::memory_order_relaxed);
}

std::vector<ActiveFault> FaultPlan::active() {
    std::lock_guard lock(mu_);
    prune(Clock::now());
    return faults_;
}

std::optional<FaultSpec> FaultPlan::strike(FaultKind kind) {
    if (count_.load(std::memory_order_relaxed) == 0) return std::nullopt;
    std::optional<FaultSpec> hit;
    {
        std::lock_guard lock(mu_);
        prune(Clock::now());
        for (const ActiveFault& f : faults_)
            if (f.spec.kind == kind) hit = f.spec;  // the latest of a kind wins
    }
    if (!hit || (hit->ratio < 1.0 && draw() >= hit->ratio)) return std::nullopt;
    hits_[std::size_t(kind)].fetch_add(1, std::memory_order_relaxed);
    return hit;
}

std::optional<FaultPlan::Clock::time_point> FaultPlan::frozen_until() const {
    // Every request asks: one relaxed load, no lock, even while other faults are active.
    const auto end =
        Clock::time_point(Clock::duration(freeze_end_.load(std::memory_order_relaxed)));
    if (end <= Clock::now()) return std::nullopt;
    return end;
}

void FaultPlan::disturb(Target target, std::chrono::milliseconds deadline) {
    if (count_.load(std::memory_order_relaxed) == 0) return;
    const bool ledger = target == Target::ledger;
    const char* name = ledger ? "ledger" : "order DB";
    if (strike(ledger ? FaultKind::ledger_down : FaultKind::order_db_down))
        throw InjectedFault(std::string(name) + " down (injected fault)");
    if (ledger && strike(FaultKind::ledger_timeout)) {
        std::this_thread::sleep_for(deadline);
        throw InjectedFault("ledger call timed out (injected fault)");
    }
    if (strike(ledger ? FaultKind::ledger_error : FaultKind::order_db_error))
        throw InjectedFault(std::string(name) + " error (injected fault)");
    if (auto slow = strike(ledger ? FaultKind::ledger_latency : FaultKind::order_db_latency)) {
        const auto wait = latency(*slow);
        // A real client gives up at its timeout (the Redis command timeout): a slower call
        // fails there, it does not hold the caller longer.
        if (deadline.count() > 0 && wait > deadline) {
            std::this_thread::sleep_for(deadline);
            throw InjectedFault(std::string(name) +
                                " call timed out (injected latency over the call timeout)");
        }
        std::this_thread::sleep_for(wait);
    }
}

}  // namespace seckill::store
