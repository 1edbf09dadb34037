#pragma once
// Operator actions on the whole cluster's control state — degrade level and limiter rules —
// for both the admin API and the console. Every node follows the ledger's control state;
// the caller applies the change to its own node at once if it has one.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/degrade.h"
#include "limit/rule.h"
#include "node/operations/operation_result.h"
#include "node/protection/protection_config.h"
#include "store/ledger.h"

namespace seckill::node {

// node empty = every node. bad_request: a level outside 0..3 or a malformed node id.
OperationResult<DegradeLevel> set_degrade(store::Ledger& ledger, std::string_view node,
                                          std::int64_t level);

// The rule document of PUT /admin/v1/limits, parsed and stored in the node's own form, so
// every node reads exactly what the validator accepted.
OperationResult<std::vector<limit::Rule>> set_limits(store::Ledger& ledger,
                                                     std::string_view rules_json);

// The sentence saying what is wrong with a rule document, or empty when it is valid.
// The rule document as the ledger stores it (parsed and serialised again), or empty when it
// does not parse: what a reader compares with ControlState::limits_json.
std::string normal_limits(std::string_view rules_json);
std::string limits_error(std::string_view rules_json);

// The protection document of PUT /admin/v1/protection (breakers, automatic degrade rules),
// validated and stored in its canonical form for every node to apply.
OperationResult<ProtectionConfig> set_protection(store::Ledger& ledger,
                                                 std::string_view protection_json);

}  // namespace seckill::node
