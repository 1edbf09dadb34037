#pragma once
// What the system holds after a scenario's load: first the recovery it is given time for
// (dead nodes reclaimed, the order DB caught up — each a wait with a deadline), then the
// facts the verdict needs, read from the ledger itself (Redis, or the embedded ledger's
// journal) and the order DB files, read-only; from the admin API where nothing else is
// reachable (a `targets` cluster).
#include <optional>
#include <vector>

#include "scenario/cluster.h"
#include "scenario/verdict.h"
#include "scenario/wait.h"

namespace seckill::scenario {

struct Gathered {
    Facts facts;
    std::vector<WaitOutcome> waits;  // each recovery wait, failed or not
    std::vector<std::string> notes;  // what could not be read, and why
    // The engine's own invariants (I1–I8, GET /admin/v1/sales/{sale}/invariants) awaited
    // to hold on a node that has the order DB where there is one.
    std::optional<WaitOutcome> invariants;
};

Gathered gather_facts(const ScenarioSpec& spec, Cluster& cluster, const load::History& history,
                      LogLine log);

}  // namespace seckill::scenario
