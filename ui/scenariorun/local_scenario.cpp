#include "scenariorun/local_scenario.h"

#include <algorithm>

#include "node/engine.h"

namespace seckill::ui {
namespace {

using scenario::Action;
using scenario::TimelineEntry;

QString entry_name(std::size_t i, const TimelineEntry& e) {
    return QStringLiteral("timeline[%1] (%2%3 at %4 s)")
        .arg(i)
        .arg(QString::fromUtf8(scenario::to_string(e.action).data(),
                               int(scenario::to_string(e.action).size())),
             e.node.empty() ? QString() : QStringLiteral(" ") + QString::fromStdString(e.node))
        .arg(double(e.at_ms) / 1000);
}

TimelineEntry as_fault(const TimelineEntry& e, const char* kind, std::int64_t ms) {
    TimelineEntry f = e;
    f.action = Action::fault;
    f.body = {{"kind", kind}, {"ratio", 1.0}};
    if (ms > 0) f.body["duration_s"] = double(ms) / 1000;
    f.fault_ms = ms;
    return f;
}

}  // namespace

std::variant<scenario::ScenarioSpec, QString> on_local_nodes(scenario::ScenarioSpec spec,
                                                             const std::vector<LocalTarget>& nodes,
                                                             const std::string& sale_suffix) {
    QStringList running;
    for (const auto& n : nodes) running << QString::fromStdString(n.id);
    for (auto& n : spec.cluster.nodes) {
        auto it = std::find_if(nodes.begin(), nodes.end(),
                               [&](const LocalTarget& t) { return t.id == n.id; });
        if (it == nodes.end())
            return QStringLiteral(
                       "the scenario names node %1; the local cluster runs %2: start more nodes "
                       "and run it again")
                .arg(QString::fromStdString(n.id), running.isEmpty()
                                                       ? QStringLiteral("none")
                                                       : running.join(QStringLiteral(", ")));
        n.address = it->address;
        n.flags.clear();  // seckill-node flags: an embedded node is configured by the console
    }
    spec.cluster.kind = scenario::ClusterSpec::Kind::targets;
    // How long the embedded nodes wait before reclaiming a dead peer's lease.
    spec.cluster.node_ttl_ms = node::EngineOptions{}.node_ttl_ms;
    spec.cluster.nginx = false;
    spec.sale.id += sale_suffix;
    spec.load.sale = spec.sale.id;  // the crowd buys from the renamed sale

    std::vector<TimelineEntry> staged;
    const std::int64_t load_end_ms = std::int64_t(spec.load.duration_s * 1000);
    for (std::size_t i = 0; i < spec.timeline.size(); ++i) {
        const TimelineEntry& e = spec.timeline[i];
        switch (e.action) {
            case Action::kill:
                // An embedded node_crash abandons the engine as kill -9 ends a process.
                staged.push_back(as_fault(e, "node_crash", 0));
                break;
            case Action::stop: {
                // SIGSTOP…SIGCONT is a freeze of known length: the node_freeze fault.
                auto cont = std::find_if(spec.timeline.begin() + std::ptrdiff_t(i) + 1,
                                         spec.timeline.end(), [&](const TimelineEntry& c) {
                                             return c.action == Action::cont && c.node == e.node;
                                         });
                const std::int64_t until = cont == spec.timeline.end() ? load_end_ms : cont->at_ms;
                staged.push_back(
                    as_fault(e, "node_freeze", std::max<std::int64_t>(100, until - e.at_ms)));
                break;
            }
            case Action::cont:
                break;  // the freeze above ends by itself
            case Action::restart:
                return entry_name(i, e) + QStringLiteral(
                                              " cannot be staged on embedded nodes: a crashed "
                                              "embedded node does not come back under "
                                              "its name and data; run this scenario as processes");
            case Action::redis_kill:
            case Action::redis_restart:
            case Action::redis_stop:
            case Action::redis_cont:
                return entry_name(i, e) + QStringLiteral(
                                              " acts on Redis, and the local cluster's ledger "
                                              "lives in the console: run this scenario "
                                              "as processes");
            case Action::degrade:
            case Action::rebalance:
            case Action::fault:
                staged.push_back(e);
                break;
        }
    }
    spec.timeline = std::move(staged);
    return spec;
}

}  // namespace seckill::ui
