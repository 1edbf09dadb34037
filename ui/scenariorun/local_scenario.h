#pragma once
// A scenario on the console's own embedded nodes instead of the processes its file names:
// the runner's `targets` cluster pointed at the local nodes' HTTP addresses, so the same
// runner, timeline and verdict as `seckill-load scenario` run it. Process actions become
// the faults that stage them in process (kill → node_crash, stop…cont → node_freeze);
// what cannot be staged in process (restart, anything on Redis) is refused with a sentence.
#include <QString>
#include <QStringList>
#include <string>
#include <variant>
#include <vector>

#include "scenario/scenario_spec.h"

namespace seckill::ui {

struct LocalTarget {
    std::string id;       // n1, n2, …: the scenario's nodes are matched by id
    std::string address;  // 127.0.0.1:PORT
};

// `spec` rewritten to run on `nodes`, or why it cannot. `sale_suffix` is appended to the
// sale id: a local cluster keeps its sales, and a second run must not collide with the first.
std::variant<scenario::ScenarioSpec, QString> on_local_nodes(scenario::ScenarioSpec spec,
                                                             const std::vector<LocalTarget>& nodes,
                                                             const std::string& sale_suffix);

}  // namespace seckill::ui
