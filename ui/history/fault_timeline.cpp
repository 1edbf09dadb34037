#include "history/fault_timeline.h"

#include <algorithm>

#include "backend/fault_wire.h"
#include "history/metric_history.h"

namespace seckill::ui {

void FaultTimeline::append(const ClusterSnapshot& snap) {
    std::map<std::pair<std::string, std::uint64_t>, std::size_t> seen;
    for (const NodeStatus& n : snap.nodes) {
        for (const FaultView& f : n.stats.faults) {
            if (f.ends_at <= snap.taken_at) continue;
            const auto key = std::make_pair(n.info.id, f.id);
            auto it = open_.find(key);
            if (it == open_.end()) {
                bands_.push_back(
                    {n.info.id, f.kind, f.ends_at - Millis(f.duration_s * 1000.0), f.ends_at});
                seen[key] = bands_.size() - 1;
            } else {
                bands_[it->second].to = f.ends_at;
                seen[key] = it->second;
            }
        }
    }
    // Gone before its planned end: cleared, or its node crashed or was drained.
    for (const auto& [key, index] : open_)
        if (!seen.count(key)) bands_[index].to = std::min(bands_[index].to, snap.taken_at);
    for (const ClusterEvent& e : snap.events) marks_.push_back({e.at, e.node, e.kind, is_alarm(e)});

    // Forget what scrolled out of the charts' window; indices in `seen` move with it.
    const Millis horizon = snap.taken_at - MetricHistory::window_ms;
    std::vector<FaultBand> kept;
    std::map<std::pair<std::string, std::uint64_t>, std::size_t> reindexed;
    std::map<std::size_t, std::pair<std::string, std::uint64_t>> key_of;
    for (const auto& [key, index] : seen) key_of[index] = key;
    for (std::size_t i = 0; i < bands_.size(); ++i) {
        if (bands_[i].to < horizon && !key_of.count(i)) continue;
        if (auto k = key_of.find(i); k != key_of.end()) reindexed[k->second] = kept.size();
        kept.push_back(std::move(bands_[i]));
    }
    bands_ = std::move(kept);
    open_ = std::move(reindexed);
    marks_.erase(std::remove_if(marks_.begin(), marks_.end(),
                                [&](const EventMark& m) { return m.at < horizon; }),
                 marks_.end());
}

}  // namespace seckill::ui
