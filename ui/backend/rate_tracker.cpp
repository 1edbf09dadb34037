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
        const Beat now{n.info.last_heartbeat, n.info.started_at, n.stats.requests, n.stats.buys};
        // A restarted node (a new start time, or a counter that went down): its counts
        // began at zero when it started — or, without a start time, since its previous
        // beat — and its older beats say nothing about it.
        const bool restarted =
            !beats.empty() && (now.requests < beats.back().requests ||
                               (now.started_at > 0 && now.started_at != beats.back().started_at));
        if (restarted) {
            const Millis previous = beats.back().at;
            const Millis began =
                now.started_at > previous && now.started_at < now.at ? now.started_at : previous;
            beats.clear();
            beats.push_back(Beat{began, now.started_at, 0, {}});
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
