#pragma once
// Faults a QA engineer injects into a running node (`/admin/v1/faults`, the console's
// Faults dock, scenario timelines): what goes wrong, for how long, and for what share of
// calls. The plan only holds them; FaultyLedger, the order writer's hook and the node's
// freeze and crash handling act on them, each in one place.
#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace seckill::store {

enum class FaultKind {
    ledger_latency,    // every hit call waits ms ± jitter_ms first (fails past the call timeout)
    ledger_error,      // a hit call fails at once
    ledger_timeout,    // a hit call hangs until its deadline, then fails
    ledger_down,       // every call fails at once, as if the ledger refused connections
    order_db_latency,  // each order DB write waits ms ± jitter_ms first
    order_db_error,    // a hit write fails
    order_db_down,     // every write fails
    heartbeat_drop,    // a hit heartbeat never reaches the ledger
    node_freeze,       // the node stops serving and ticking, like SIGSTOP
    node_crash,        // the node exits at once, returning nothing, like kill -9
};

// One row per kind: its wire name, and which fields it takes.
struct FaultKindInfo {
    FaultKind kind;
    std::string_view name;
    bool takes_latency;  // ms and jitter_ms
    bool lasts;          // has a duration (a crash does not)
};
inline constexpr std::array<FaultKindInfo, 10> fault_kinds{{
    {FaultKind::ledger_latency, "ledger_latency", true, true},
    {FaultKind::ledger_error, "ledger_error", false, true},
    {FaultKind::ledger_timeout, "ledger_timeout", false, true},
    {FaultKind::ledger_down, "ledger_down", false, true},
    {FaultKind::order_db_latency, "order_db_latency", true, true},
    {FaultKind::order_db_error, "order_db_error", false, true},
    {FaultKind::order_db_down, "order_db_down", false, true},
    {FaultKind::heartbeat_drop, "heartbeat_drop", false, true},
    {FaultKind::node_freeze, "node_freeze", false, true},
    {FaultKind::node_crash, "node_crash", false, false},
}};
const FaultKindInfo& info(FaultKind kind);
std::optional<FaultKind> parse_fault_kind(std::string_view name);
inline std::string_view to_string(FaultKind kind) { return info(kind).name; }

struct FaultSpec {
    FaultKind kind = FaultKind::ledger_error;
    std::int64_t ms = 0;         // latency kinds
    std::int64_t jitter_ms = 0;  // latency kinds: uniform in [-jitter, +jitter]
    double ratio = 1.0;          // share of calls affected, (0, 1]
    std::int64_t duration_ms = 0;
    std::string node;  // empty: whichever node the plan belongs to
};

// Limits a spec must respect; parse and validate live with the JSON (node/faults_json).
inline constexpr std::int64_t max_fault_ms = 60'000;
inline constexpr std::int64_t max_fault_duration_ms = 3'600'000;

struct ActiveFault {
    std::uint64_t id = 0;
    FaultSpec spec;
    std::chrono::steady_clock::time_point ends;
};

// What an injected failure throws: a runtime_error like every real ledger failure, so the
// code under test handles it exactly as it would handle those.
struct InjectedFault : std::runtime_error {
    using std::runtime_error::runtime_error;
};

class FaultPlan {
  public:
    using Clock = std::chrono::steady_clock;

    ActiveFault add(FaultSpec spec);
    void replace(const std::vector<FaultSpec>& specs);
    void clear();
    // Unexpired faults, oldest first.
    std::vector<ActiveFault> active();

    // The fault of that kind when one is active and this call is among the share it hits.
    // Costs one relaxed load while no fault is active, which is nearly always.
    std::optional<FaultSpec> strike(FaultKind kind);
    // When the latest node_freeze ends, if one is active.
    std::optional<Clock::time_point> frozen_until() const;

    // Acts on a ledger (or order DB) call: fails, hangs until `deadline` and fails, or
    // waits, as the active faults of that target say. A wait longer than a non-zero
    // `deadline` ends there with a failure, as a client's timeout would end it.
    enum class Target { ledger, order_db };
    void disturb(Target target, std::chrono::milliseconds deadline);

    // How many calls each kind has hit since start (for /metrics).
    std::uint64_t hits(FaultKind kind) const {
        return hits_[std::size_t(kind)].load(std::memory_order_relaxed);
    }

  private:
    void prune(Clock::time_point now);  // mu_ held
    std::mutex mu_;
    std::vector<ActiveFault> faults_;
    std::uint64_t next_id_ = 1;
    std::atomic<std::size_t> count_{0};
    // The end of the latest node_freeze (steady clock ticks; written under mu_), so the
    // per-request freeze check takes no lock.
    std::atomic<Clock::rep> freeze_end_{0};
    std::array<std::atomic<std::uint64_t>, fault_kinds.size()> hits_{};
};

}  // namespace seckill::store
