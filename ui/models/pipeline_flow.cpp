#include "models/pipeline_flow.h"

#include <algorithm>

namespace seckill::ui {

void PipelineFlow::rebase(const ClusterSnapshot& snap) {
    base_ = snap.pipeline();
    counts_ = {};
    rates_ = {};
    peaks_ = {};
    recent_.clear();
}

void PipelineFlow::update(const ClusterSnapshot& snap) {
    const node::StageCounts now = snap.pipeline();
    // A node that left takes its counters with it: never count below the zero.
    for (std::size_t i = 0; i < now.size(); ++i)
        counts_[i] = now[i] > base_[i] ? now[i] - base_[i] : 0;
    recent_.push_back({snap.taken_at, counts_});
    while (recent_.size() > 2 && recent_[1].at <= snap.taken_at - rate_window_ms)
        recent_.pop_front();
    const Sample& first = recent_.front();
    const double seconds = double(snap.taken_at - first.at) / 1000.0;
    for (std::size_t i = 0; i < now.size(); ++i) {
        rates_[i] = seconds > 0 && counts_[i] > first.counts[i]
                        ? double(counts_[i] - first.counts[i]) / seconds
                        : 0;
        // Peaks only over a window of at least a second: two snapshots a few ms apart
        // would make a heartbeat's jump look like a burst.
        if (seconds >= 1.0) peaks_[i] = std::max(peaks_[i], rates_[i]);
    }
}

namespace {

// What the path carries into `s`, given each stage's number (a count or a rate): the
// arrivals, less each refusal on the way; a passing stage restarts from its own number.
template <class T, class Of>
T carried(node::Stage s, Of of) {
    T left = of(node::Stage::arrived);
    for (const node::StageInfo& st : node::pipeline_stages) {
        if (st.stage == s) return left;
        if (st.kind == node::StageKind::exit) left -= std::min(left, of(st.stage));
        if (st.kind == node::StageKind::pass) left = of(st.stage);
    }
    return left;
}

}  // namespace

std::uint64_t PipelineFlow::flowInto(node::Stage s) const {
    return carried<std::uint64_t>(s, [this](node::Stage x) { return count(x); });
}

double PipelineFlow::rateInto(node::Stage s) const {
    return carried<double>(s, [this](node::Stage x) { return rate(x); });
}

}  // namespace seckill::ui
