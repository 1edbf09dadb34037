#pragma once
// Faults and events between the console and the engine's words for them: the request
// body both the embedded path (node::inject_faults) and a remote node's
// /admin/v1/faults read, so both check it with the same parser (node/faults_json); and
// one line of text per fault and per event for the dock and the log pane.
#include <QString>
#include <string>
#include <vector>

#include "backend/cluster_snapshot.h"
#include "store/fault_plan.h"
#include "store/types.h"

namespace seckill::ui {

// `{"faults":[{"kind":…,"ms":…,"ratio":…,"duration_s":…}]}`: only the fields the kind
// takes (fault_kinds), since the parser refuses the others. A spec's node is left out:
// the body goes to the node it is for.
std::string faults_body(const std::vector<store::FaultSpec>& faults);

// "300 ± 50 ms, 100 %, 20 s" — what the dock's Parameters column shows.
QString describe_parameters(const FaultView& fault);
// "ledger_latency 300 ± 50 ms for 20 s" — the audit line of an injection.
QString describe(const store::FaultSpec& fault);

// An engine's active faults as the snapshot carries them; `now` is the wall clock the
// steady-clock ends are translated to.
std::vector<FaultView> fault_views(const std::vector<store::ActiveFault>& faults, Millis now);

// A node event as the console shows it (kind read out of its JSON).
ClusterEvent cluster_event(const store::NodeEvent& event);
// "ledger breaker open: error ratio 0.92 ≥ 0.5" — the log pane's message for an event.
QString describe(const ClusterEvent& event);
// Events that mean trouble (a breaker opened, a level raised, a fault injected) are shown
// in the alert colour; the recoveries in the normal one.
bool is_alarm(const ClusterEvent& event);

}  // namespace seckill::ui
