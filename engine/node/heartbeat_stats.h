#pragma once
// What a node reports about itself in each heartbeat (store::NodeInfo::stats_json): the
// one definition of those fields and of their JSON, used by the node that writes them
// (Housekeeper), by peers that rebalance on them and by the console that charts them, so
// a field cannot be spelt one way by the writer and another by a reader.
#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/metrics/histogram.h"
#include "node/buy_result.h"
#include "node/pipeline.h"
#include "node/protection/faults_json.h"

namespace seckill::node {

// This node's count of a sale's lease against the ledger's, where they differ (I7).
struct LeaseDisagreementReport {
    std::int64_t node = 0;
    std::int64_t ledger = 0;
    bool operator==(const LeaseDisagreementReport&) const = default;
};

using LatencyBuckets = std::array<std::uint64_t, metrics::Histogram::bucket_count>;

struct HeartbeatStats {
    std::uint64_t requests = 0;                           // since the node started
    double rps = 0;                                       // requests over the last heartbeat period
    std::int64_t weight = 1;                              // the node's --weight, 1..1000
    std::array<std::uint64_t, buy_outcome_count> buys{};  // by BuyOutcome
    std::uint64_t unknown_buys = 0;  // outcomes this build has no name for (a newer node)
    StageCounts pipeline{};          // node/pipeline.h
    // Buy latency over the last heartbeat period; buckets as Histogram::bounds_us, +Inf
    // last, so a reader merges nodes into one cluster quantile.
    double p50_ms = 0;
    double p99_ms = 0;
    LatencyBuckets latency_buckets{};
    // The node's cadence (--heartbeat-ms, --node-ttl-ms), so a reader judges "late" and
    // "dead" by the node's own settings; out of range they read as these defaults.
    Millis heartbeat_ms = 1000;
    Millis ttl_ms = 5000;
    std::int64_t lease = 0;                      // unsold units held, all sales
    std::map<std::string, std::int64_t> leases;  // per sale
    std::map<std::string, std::int64_t> lease_targets;
    std::map<std::string, LeaseDisagreementReport> lease_disagreements;  // I7
    std::map<std::string, std::int64_t> undersold;                       // I8
    std::int64_t sold = 0;  // units this node committed since it started
    std::int64_t queue_depth = 0;
    bool order_writer = false;  // a console asks this node for the order DB's tally (I4)
    int degrade_level = 0;
    int degrade_manual = 0;
    int degrade_auto = 0;
    std::string ledger_breaker = "closed";  // closed, open, half_open
    std::string order_db_breaker = "closed";
    std::vector<ReportedFault> faults;
    std::uint64_t epoch = 0;
    bool may_sell = true;
    std::uint64_t fenced = 0;
    std::uint64_t control_version = 0;  // the control state the node applied

    bool operator==(const HeartbeatStats&) const = default;
};

std::string to_json(const HeartbeatStats& stats);

// Hostile-safe: the text comes from the network (any node, any version). Missing or
// malformed fields read as their defaults, counts below zero as zero, each latency bucket
// is capped at 2^40 so a cluster's sum cannot wrap, and the cadence only within what a
// node accepts (10 ms .. 10 min a beat, a TTL from one beat to an hour).
HeartbeatStats parse_heartbeat_stats(std::string_view json);

}  // namespace seckill::node
