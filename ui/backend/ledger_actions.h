#pragma once
// Operator actions that are one ledger call each. Every node follows the ledger (sales at
// its next tick, control state when its version moves), so the same calls serve an
// in-process cluster and a remote one. Blocking: run on a backend's worker thread.
#include <string>

#include "backend/action_result.h"
#include "core/sale.h"
#include "store/ledger.h"

namespace seckill::ui::ledger_actions {

// The config is validated here too: the ledger trusts its caller.
ActionResult create_sale(store::Ledger& ledger, const SaleConfig& config, Millis now);
ActionResult set_sale_state(store::Ledger& ledger, const std::string& sale, SaleState state,
                            Millis now);
// node empty = every node.
ActionResult set_degrade(store::Ledger& ledger, const std::string& node, int level);
// The rule document of PUT /admin/v1/limits; refused unless node/limits_json.h accepts it.
ActionResult set_limits(store::Ledger& ledger, const std::string& rules_json);

// The sentence saying what is wrong with a rule document, or empty when it is valid.
std::string limits_error(const std::string& rules_json);

}  // namespace seckill::ui::ledger_actions
