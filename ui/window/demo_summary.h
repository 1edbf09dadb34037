#pragma once
// What a demo sale did, once its load is over and its payment deadlines have passed (or
// the operator ended it): each stage of the buy path, what sold, paid, was cancelled or
// expired, peak rates, latencies and the invariants. Plain data with text, JSON and CSV
// forms, so the window, a file and a printed report all say the same.
#include <QString>
#include <optional>
#include <string>
#include <vector>

#include "backend/cluster_snapshot.h"
#include "load/load_report.h"
#include "models/pipeline_flow.h"
#include "window/demo_plan.h"

namespace seckill::ui {

struct DemoSummary {
    struct StageLine {
        std::string key, title;
        std::uint64_t count = 0;
        double peak_per_s = 0;
    };
    struct InvariantLine {
        std::string id;
        bool ok = true;
        std::string detail;
    };

    std::string sale, preset;
    bool group_commit = true;
    bool ended_early = false;  // the operator ended it before the deadlines had passed
    double load_seconds = 0;

    std::vector<StageLine> stages;  // node/pipeline.h order
    // The load generator's side: buys sent and answered, 201s, paid and cancelled by buyers.
    std::int64_t buys = 0, reserved_answers = 0, buyers_paid = 0, buyers_cancelled = 0;
    double buys_per_s = 0;  // over the load's own duration
    double p50_ms = 0, p99_ms = 0, max_ms = 0;

    // The ledger's and the order DB's side, at the end.
    std::int64_t stock = 0, paid = 0, still_reserved = 0, unsold = 0;
    std::int64_t orders = 0, cancelled = 0, expired = 0;  // from the order DB

    std::uint64_t ledger_calls = 0;
    double buys_per_call = 0, peak_ledger_calls_per_s = 0, peak_arrivals_per_s = 0;

    std::vector<InvariantLine> invariants;
    bool invariants_hold() const;

    std::string to_json() const;
    std::string to_text() const;
    std::string to_csv() const;  // metric,value rows
};

DemoSummary summarize(const DemoPlan& plan, const std::string& sale, const ClusterSnapshot& end,
                      const PipelineFlow& flow, const load::LoadReport& report, bool ended_early);

// Two runs side by side (group commit on and off): ledger calls, per second, per buy.
std::string compare_text(const DemoSummary& a, const DemoSummary& b);

}  // namespace seckill::ui
