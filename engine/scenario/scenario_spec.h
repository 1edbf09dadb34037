#pragma once
// A scenario file, parsed and validated: the cluster, the sale, the load, the timeline
// of faults and operator actions, and the bounds the run is judged by (docs/scenarios.md).
#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "load/load_options.h"
#include "scenario/verdict.h"

namespace seckill::scenario {

struct NodeSpec {
    std::string id;
    bool order_writer = false;       // processes + redis: --order-writer
    std::vector<std::string> flags;  // extra seckill-node flags
    std::string address;             // targets: HOST:PORT
};

struct ClusterSpec {
    enum class Kind { processes, targets } kind = Kind::processes;
    enum class Ledger { embedded, redis } ledger = Ledger::embedded;  // processes only
    std::vector<NodeSpec> nodes;
    std::vector<std::string> node_flags;   // given to every node
    std::vector<std::string> redis_flags;  // extra redis-server flags (e.g. appendfsync)
    bool allow_faults = false;             // start nodes with --allow-faults
    bool nginx = false;                    // redis: nginx in front, the crowd buys through it
    std::int64_t node_ttl_ms = 5000;       // the nodes' TTL: how long reclaim may take
    bool node_ttl_given = false;           // node_ttl_s was in the file: pass --node-ttl-ms
};

struct SaleSpec {
    std::string id = "scn";
    std::int64_t total = 10'000;
    std::int64_t per_user_limit = 1;
    std::int64_t pay_timeout_s = 600;
};

enum class Action {
    kill,
    stop,
    cont,
    restart,
    redis_kill,
    redis_restart,
    redis_stop,
    redis_cont,
    degrade,
    rebalance,
    fault
};
std::string_view to_string(Action a);

struct TimelineEntry {
    std::int64_t at_ms = 0;
    Action action = Action::kill;
    std::string node;           // the node acted on ("" for redis and cluster-wide actions)
    int level = 0;              // degrade
    boost::json::object body;   // rebalance: the request body; fault: the fault object
    std::int64_t fault_ms = 0;  // fault: its duration (0: instant, e.g. node_crash)
};

struct ScenarioSpec {
    std::string name;
    ClusterSpec cluster;
    SaleSpec sale;
    load::LoadOptions load;  // host/port/sale filled in by the runner
    std::vector<TimelineEntry> timeline;
    Bounds bounds;
    std::int64_t ready_ms = 20'000;     // longest wait for a process to be ready
    std::int64_t recovery_ms = 30'000;  // longest wait for reclaim and the order DB after the load
};

// The spec, or one sentence naming the field that is wrong and why.
std::variant<ScenarioSpec, std::string> parse_scenario(std::string_view json_text);

}  // namespace seckill::scenario
