#pragma once
// What a buy attempt ends in, whichever step ended it.
#include <functional>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/sale.h"

namespace seckill::node {

enum class BuyOutcome {
    reserved,       // 201
    limit_reached,  // 409
    sold_out,       // 410
    not_open,       // 403
    not_found,      // 404
    rate_limited,   // 429
    degraded,       // 503
    unavailable,    // 503: the ledger could not be reached
    bad_request,    // 400
};
inline constexpr int buy_outcome_count = 9;
std::string_view to_string(BuyOutcome o);

struct BuyResult {
    BuyOutcome outcome = BuyOutcome::unavailable;
    std::string order_id;
    Millis pay_before = 0;
    SaleState state = SaleState::running;  // why it is not open
};

// Called exactly once per buy, on whichever thread settles it (often the committer's).
using BuyCallback = std::function<void(BuyResult)>;

}  // namespace seckill::node
