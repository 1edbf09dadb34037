#include "backend/rate_tracker.h"

#include <set>

namespace seckill::ui {

void RateTracker::update(std::vector<NodeStatus>& nodes) {
    std::set<std::string> listed;
    for (NodeStatus& n : nodes) {
        listed.insert(n.info.id);
        n.requests_per_s = 0;
        n.buys_per_s = {};
        if (!reports_live(n.health)) continue;
        std::deque<Beat>& beats = seen_[n.info.id];
        const Beat now{n.info.last_heartbeat, n.stats.requests, n.stats.buys};
        // A counter that went down belongs to a restarted node: its new count is all new
        // since its previous beat, and its older beats say nothing about it.
        if (!beats.empty() && now.requests < beats.back().requests) {
            const Millis previous = beats.back().at;
            beats.clear();
            beats.push_back(Beat{previous, 0, {}});
        }
        if (beats.empty() || now.at > beats.back().at) beats.push_back(now);
        // Keep one beat at or before the window's start, so the rate spans the whole window.
        while (beats.size() > 2 && beats[1].at <= now.at - window_ms) beats.pop_front();
        const Beat& first = beats.front();
        const Beat& last = beats.back();
        if (last.at <= first.at) continue;
        const double seconds = double(last.at - first.at) / 1000.0;
        n.requests_per_s = double(last.requests - first.requests) / seconds;
        for (std::size_t b = 0; b < result_band_count; ++b)
            n.buys_per_s[b] =
                double(std::max<std::int64_t>(0, last.buys[b] - first.buys[b])) / seconds;
    }
    std::erase_if(seen_, [&](const auto& kv) { return !listed.contains(kv.first); });
}

}  // namespace seckill::ui
