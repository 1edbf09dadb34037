#include "backend/node_health.h"

#include <QString>
#include <algorithm>

namespace seckill::ui {
namespace {

std::string seconds(Millis ms) {
    return QString::number(double(ms) / 1000.0, 'f', 1).toStdString() + " s";
}

}  // namespace

NodeHealth judge_health(const store::NodeInfo& info, const NodeStats& stats, Millis age,
                        const std::string& unanswered, std::string& detail) {
    // The registry's verdict or the node's own TTL, whichever says dead first: a registry
    // may keep dead nodes listed for a while.
    if (!info.alive || age > stats.ttl_ms) {
        detail = "no heartbeat for " + seconds(age) + " (dead after " + seconds(stats.ttl_ms) + ")";
        return NodeHealth::dead;
    }
    if (age > late_after_periods * stats.heartbeat_ms) {
        detail =
            "heartbeat " + seconds(age) + " ago (due every " + seconds(stats.heartbeat_ms) + ")";
        return NodeHealth::late;
    }
    if (!unanswered.empty()) {
        // Killed, or its port closed: the heartbeat is fresh only because it is recent.
        detail = "does not answer /healthz: " + unanswered;
        return NodeHealth::late;
    }
    detail.clear();
    return NodeHealth::up;
}

}  // namespace seckill::ui
