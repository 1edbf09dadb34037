#pragma once
// Operator actions on one sale — create, start / pause / end, rebalance — and every check
// they make, for both the admin API and the console. The callers only translate: JSON or
// widgets into the arguments here, the result into an HTTP answer or a log line.
// Blocking (one or two ledger calls); a ledger that throws becomes `unavailable`.
#include <optional>
#include <string>
#include <string_view>

#include "core/sale.h"
#include "node/operations/operation_result.h"
#include "node/rebalance_sale.h"
#include "store/ledger.h"

namespace seckill::node {

// Schedule times must fall inside [2000-01-01, 2100-01-01]: a typo of a century is refused
// rather than making a sale that never opens.
inline constexpr std::int64_t earliest_time_s = 946'684'800;  // 2000-01-01T00:00:00Z
inline constexpr std::int64_t latest_time_s = 4'102'444'800;  // 2100-01-01T00:00:00Z

// The first problem with a new sale, as a sentence; nothing when it may be created.
std::optional<std::string> check_sale(const SaleConfig& config);

// A sale in `scheduled` state (its schedule may open it). conflict: the id is taken.
OperationResult<SaleView> create_sale(store::Ledger& ledger, SaleConfig config, Millis now);

// not_found: no such sale; conflict: an ended sale cannot change state.
OperationResult<SaleView> set_sale_state(store::Ledger& ledger, std::string_view sale,
                                         SaleState state, Millis now);

// The first problem with a rebalance request (counts are units up to a sale's largest
// total, weights whole numbers up to max_rebalance_weight); nothing when it is well formed.
std::optional<std::string> check_rebalance(const RebalanceRequest& request);

// Plans with rebalance_sale and stores the targets. not_found: no such sale; conflict: the
// plan is impossible for the live nodes and unsold units.
OperationResult<RebalanceOutcome> rebalance(store::Ledger& ledger, std::string_view sale,
                                            const RebalanceRequest& request, Millis now,
                                            Millis node_ttl);

}  // namespace seckill::node
