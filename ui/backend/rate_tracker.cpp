#include "backend/rate_tracker.h"

#include <set>

namespace seckill::ui {
namespace {

double per_second(std::int64_t now, std::int64_t before, double seconds) {
    // A counter that went down belongs to a restarted node: its new count is all new.
    const std::int64_t delta = now >= before ? now - before : now;
    return double(delta) / seconds;
}

}  // namespace

void RateTracker::update(std::vector<NodeStatus>& nodes) {
    std::set<std::string> listed;
    for (NodeStatus& n : nodes) {
        listed.insert(n.info.id);
        if (n.health != NodeHealth::up) continue;
        auto [it, added] = seen_.try_emplace(n.info.id);
        Seen& seen = it->second;
        const Millis hb = n.info.last_heartbeat;
        if (!added && hb > seen.heartbeat) {
            const double seconds = double(hb - seen.heartbeat) / 1000.0;
            seen.requests_per_s = per_second(n.stats.requests, seen.stats.requests, seconds);
            for (std::size_t b = 0; b < result_band_count; ++b)
                seen.buys_per_s[b] = per_second(n.stats.buys[b], seen.stats.buys[b], seconds);
        }
        if (added || hb > seen.heartbeat) {
            seen.heartbeat = hb;
            seen.stats = n.stats;
        }
        n.requests_per_s = seen.requests_per_s;
        n.buys_per_s = seen.buys_per_s;
    }
    std::erase_if(seen_, [&](const auto& kv) { return !listed.contains(kv.first); });
}

}  // namespace seckill::ui
