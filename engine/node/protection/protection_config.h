#pragma once
// What a node does to protect itself, as operators set it through /admin/v1/protection
// and the console: the circuit breakers' settings and the automatic degrade rules. One
// config for the whole cluster, carried by the ledger's control state like limiter rules.
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/circuit_breaker.h"
#include "core/degrade.h"

namespace seckill::node {

// Node-local signals the rules read, each tick.
enum class Signal {
    buy_p99_ms,
    ledger_error_ratio,
    ledger_breaker,
    order_queue_depth,
    inflight_buys
};
struct SignalInfo {
    Signal signal;
    std::string_view name;
    std::string_view meaning;
};
inline constexpr std::array<SignalInfo, 5> signals{{
    {Signal::buy_p99_ms, "buy_p99_ms", "99th percentile of buy latency over the last second, ms"},
    {Signal::ledger_error_ratio, "ledger_error_ratio",
     "failed / all buy-path ledger calls in the breaker's window"},
    // 1 only while open: half-open must let buys through to probe, so a rule on this
    // signal lowers its level then (below 1), or the breaker could never close.
    {Signal::ledger_breaker, "ledger_breaker", "1 while the ledger's breaker is open, else 0"},
    {Signal::order_queue_depth, "order_queue_depth", "order events not yet in the order DB"},
    {Signal::inflight_buys, "inflight_buys", "buys holding a unit while they wait for the ledger"},
}};
inline std::string_view to_string(Signal s) { return signals[std::size_t(s)].name; }

// Raise the node to `level` while `signal` is above `above`; lower it again once the signal
// is below `below` (under `above`: hysteresis) and the level has been held `hold_ms`.
struct DegradeRule {
    Signal signal = Signal::buy_p99_ms;
    double above = 0;
    double below = 0;
    DegradeLevel level = DegradeLevel::cached_reads;
    std::int64_t hold_ms = 10'000;
};

struct ProtectionConfig {
    BreakerSettings ledger_breaker;
    BreakerSettings order_db_breaker;
    std::vector<DegradeRule> rules;
    // An operator's manual level stands alone: automatic levels are ignored. Otherwise the
    // higher of the manual and the automatic level is in force.
    bool pinned = false;
};

inline constexpr std::size_t max_degrade_rules = 16;

// The config from its JSON (fields left out keep their defaults), or a sentence saying
// which field is wrong.
std::variant<ProtectionConfig, std::string> protection_from_json(std::string_view text);
std::string protection_to_json(const ProtectionConfig& config);

}  // namespace seckill::node
