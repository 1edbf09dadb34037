#pragma once
// The cluster's buy path as numbers for the Pipeline view and the demo's summary: each
// stage's count since a starting point (the demo's start, else since the nodes started),
// its rate now and its peak rate, from the snapshots' node counters (node/pipeline.h).
// Backend-neutral: it reads only ClusterSnapshot.
#include <deque>

#include "backend/cluster_snapshot.h"

namespace seckill::ui {

class PipelineFlow {
  public:
    static constexpr Millis rate_window_ms = 2000;  // rates over the last two seconds

    // Counts from here on: what `snap` already holds becomes the zero.
    void rebase(const ClusterSnapshot& snap);
    void update(const ClusterSnapshot& snap);

    std::uint64_t count(node::Stage s) const { return counts_[std::size_t(s)]; }
    double rate(node::Stage s) const { return rates_[std::size_t(s)]; }
    double peak(node::Stage s) const { return peaks_[std::size_t(s)]; }
    // Buys still on the path as they reach stage `s` (arrived less every refusal before
    // it): what the arrow into `s` carries. For the stages after the refusals, the buys
    // that stage passed on.
    std::uint64_t flowInto(node::Stage s) const;
    double rateInto(node::Stage s) const;

  private:
    struct Sample {
        Millis at;
        node::StageCounts counts;
    };

    node::StageCounts base_{};
    node::StageCounts counts_{};
    std::array<double, node::stage_count> rates_{};
    std::array<double, node::stage_count> peaks_{};
    std::deque<Sample> recent_;
};

}  // namespace seckill::ui
