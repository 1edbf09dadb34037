#pragma once
// Operator actions as the console runs them: each is the operation the admin API runs too
// (node/operations), its result turned into a log line. Every node follows the ledger (sales at
// its next tick, control state when its version moves), so the same calls serve an
// in-process cluster and a remote one. Blocking: run on a backend's worker thread.
#include <string>

#include "backend/action_result.h"
#include "core/sale.h"
#include "node/rebalance.h"
#include "store/ledger.h"

namespace seckill::ui::ledger_actions {

ActionResult create_sale(store::Ledger& ledger, const SaleConfig& config, Millis now);
ActionResult set_sale_state(store::Ledger& ledger, const std::string& sale, SaleState state,
                            Millis now);
// node empty = every node.
ActionResult set_degrade(store::Ledger& ledger, const std::string& node, int level);
// The rule document of PUT /admin/v1/limits; refused unless node/limits_json.h accepts it.
ActionResult set_limits(store::Ledger& ledger, const std::string& rules_json);

// Re-checks after a lost reply (BackendWorker::submitChecked): read the state back and
// say whether the change is in force. Throw while the ledger still cannot be reached.
ActionResult recheck_create_sale(store::Ledger& ledger, const SaleConfig& config, Millis now);
ActionResult recheck_sale_state(store::Ledger& ledger, const std::string& sale, SaleState state,
                                Millis now);
ActionResult recheck_degrade(store::Ledger& ledger, const std::string& node, int level);
ActionResult recheck_limits(store::Ledger& ledger, const std::string& rules_json);

// The message lists the targets. `node_ttl` decides which nodes are live, as on the nodes.
ActionResult rebalance(store::Ledger& ledger, const std::string& sale,
                       const node::RebalanceRequest& request, Millis now, Millis node_ttl);

// Drains a node that the console cannot stop (a remote one): its lease target becomes 0
// on every running sale, other targets kept, so it returns its units to the pool and takes
// no more. It keeps answering HTTP; stopping it is the operator's job.
ActionResult drain_node(store::Ledger& ledger, const std::string& node, Millis now,
                        Millis node_ttl);

}  // namespace seckill::ui::ledger_actions
