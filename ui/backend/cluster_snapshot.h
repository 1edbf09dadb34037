#pragma once
// What the console shows at one moment, read off the UI thread and handed over whole:
// the UI never sees a half-updated cluster, and never touches the ledger itself.
#include <QMetaType>
#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/metrics/histogram.h"
#include "core/sale.h"
#include "node/heartbeat_stats.h"
#include "node/pipeline.h"
#include "store/types.h"

namespace seckill::ui {

// The result bands of the requests chart; every buy outcome falls in exactly one.
enum class ResultBand { reserved, sold_out, rate_limited, degraded, refused, error };
inline constexpr std::size_t result_band_count = 6;
const char* band_name(ResultBand band);

// One fault active on a node, as its heartbeat (or, embedded, its engine) reports it.
struct FaultView {
    std::uint64_t id = 0;  // the node's number for it
    std::string kind;      // a store::fault_kinds name
    std::int64_t ms = 0;   // latency kinds
    std::int64_t jitter_ms = 0;
    double ratio = 1.0;
    double duration_s = 0;
    // Wall-clock end: the report's "left_s" added to when it was made, so the console can
    // count down between reports without trusting a stale left_s.
    Millis ends_at = 0;
};

using node::LatencyBuckets;

// A node's heartbeat stats as the housekeeper reports them (node/housekeeper.cpp
// stats_json): cumulative counters, and latency over the last heartbeat period.
struct NodeStats {
    std::int64_t requests = 0;
    std::array<std::int64_t, result_band_count> buys{};  // by band
    double p50_ms = 0;
    double p99_ms = 0;
    LatencyBuckets latency_buckets{};  // Histogram::bounds_us, over the last period
    std::int64_t lease = 0;            // unsold units the node holds, all sales
    std::int64_t sold = 0;             // units this node committed since it started
    // Per sale, as the node itself counts them: its lease, the target an operator set,
    // and the sales where its count differs from the ledger's (I7).
    std::map<std::string, std::int64_t> leases;
    std::map<std::string, std::int64_t> lease_targets;
    std::set<std::string> lease_disagreements;
    // The node's cadence (its --heartbeat-ms and --node-ttl-ms); the defaults are those
    // of a node too old to report them.
    Millis heartbeat_ms = 1000;
    Millis ttl_ms = 5000;
    int degrade_level = 0;
    int degrade_auto = 0;  // what the node's automatic rules ask for (part of the level)
    std::string ledger_breaker = "closed";  // closed, open, half_open
    std::string order_db_breaker = "closed";
    std::vector<FaultView> faults;
    // The buy path's stage counters (node/pipeline.h) since the node started; all zero
    // from a node too old to report them.
    node::StageCounts pipeline{};
};

// up: its heartbeat is fresh and, where the console can reach it, it answers /healthz.
// late: a beat was missed (silent for more than two periods) or /healthz went unanswered;
// its numbers are old, so its rates are left out of every sum. dead: silent past the TTL
// (its peers reclaim its lease). drained: takes no stock (an operator drained it).
// crashed: a local node ended by an injected node_crash (as by kill -9); it stays in the
// registry until its peers reclaim it, so the console says why it went.
enum class NodeHealth { up, late, dead, drained, crashed };
const char* health_name(NodeHealth health);
// A degrade level in the console's words (docs/glossary.md): "normal", "cached reads",
// "buys refused", "routes closed". Out of range reads as the nearest level.
const char* degrade_words(int level);
// Whether the node's numbers are current (its rates count in the cluster's sums): a
// drained node still answers buyers (sold out) and reports them.
inline bool reports_live(NodeHealth h) { return h == NodeHealth::up || h == NodeHealth::drained; }

struct NodeStatus {
    store::NodeInfo info;  // registry record; leases per sale from the ledger itself
    NodeStats stats;
    NodeHealth health = NodeHealth::up;
    std::string health_detail;    // why it is not up ("heartbeat 2.4 s ago", "/healthz: …")
    Millis heartbeat_age_ms = 0;  // on the console's clock (NodeWatch), at the snapshot
    // Per-second rates over the node's heartbeats of the last RateTracker::window_ms; zero
    // once the node is not up (a late node's last rate is not a rate any more).
    double requests_per_s = 0;
    std::array<double, result_band_count> buys_per_s{};
};

// An automatic decision a node logged (breaker_open, degrade_raised, fault_injected, …).
struct ClusterEvent {
    std::uint64_t seq = 0;  // the ledger's number (remote) or the node's own (local)
    Millis at = 0;
    std::string node;
    std::string kind;
    std::string json;  // the whole event: reason, value, target, level…
};

struct ClusterSnapshot {
    Millis taken_at = 0;  // when the read ended (the data is as of then)
    std::vector<SaleView> sales;
    std::vector<NodeStatus> nodes;
    std::int64_t queue_depth = 0;
    // Order events the console's own order writer wrote (a local cluster's nodes have no
    // order DB of their own); 0 where the nodes write orders themselves.
    std::int64_t console_order_events = 0;
    // The selected sale's orders in the order DB by status name (store::OrderStatus), where
    // the backend holds the DB and the sale has ended, so the numbers no longer move (a
    // demo's summary); empty otherwise.
    std::map<std::string, std::int64_t> order_db_statuses;
    store::ControlState control;
    std::string selected_sale;  // the sale the invariants belong to; may be empty
    std::optional<store::InvariantReport> invariants;
    // Events logged since the previous snapshot, oldest first: each is delivered once.
    std::vector<ClusterEvent> events;

    const SaleView* find_sale(const std::string& id) const;
    int nodes_up() const;
    // Cluster totals over live nodes.
    double buys_per_s() const;
    double band_per_s(ResultBand band) const;
    // Quantiles of the live nodes' merged latency histograms over their last heartbeat
    // period: the cluster's latency, not one node's bucket.
    double p50_ms() const;
    double p99_ms() const;
    LatencyBuckets latency_buckets() const;
    int degrade_level() const;  // the highest level any live node runs at
    // The stage counters of every node in the snapshot (a late or dead node's last counts
    // still happened), plus the console's own order writer in the order-DB stage.
    node::StageCounts pipeline() const;
};

using SnapshotPtr = std::shared_ptr<const ClusterSnapshot>;

}  // namespace seckill::ui

Q_DECLARE_METATYPE(seckill::ui::SnapshotPtr)
