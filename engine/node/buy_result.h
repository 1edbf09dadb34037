#pragma once
// What a buy attempt ends in, whichever step ended it.
#include <array>
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/sale.h"

namespace seckill::node {

enum class BuyOutcome {
    reserved,
    limit_reached,
    sold_out,
    not_open,
    not_found,
    rate_limited,
    degraded,
    unavailable,  // the ledger could not be reached
};

// One row per outcome, the only list of them: its name is the "status" of the API v1
// reply, the heartbeat's "buys" key and the seckill_buys_total{result} label, so those
// three can never disagree; the HTTP status goes with it.
struct BuyOutcomeInfo {
    BuyOutcome outcome;
    std::string_view name;
    int http_status;
};
inline constexpr std::array<BuyOutcomeInfo, 8> buy_outcomes{{
    {BuyOutcome::reserved, "reserved", 201},
    {BuyOutcome::limit_reached, "limit_reached", 409},
    {BuyOutcome::sold_out, "sold_out", 410},
    {BuyOutcome::not_open, "not_open", 403},
    {BuyOutcome::not_found, "not_found", 404},
    {BuyOutcome::rate_limited, "rate_limited", 429},
    {BuyOutcome::degraded, "degraded", 503},
    {BuyOutcome::unavailable, "unavailable", 503},
}};
inline constexpr int buy_outcome_count = int(buy_outcomes.size());

constexpr const BuyOutcomeInfo& info(BuyOutcome o) { return buy_outcomes[std::size_t(o)]; }
constexpr std::string_view to_string(BuyOutcome o) { return info(o).name; }

// The table is indexed by the enum: a row out of place would name the wrong outcome.
constexpr bool buy_outcomes_in_order() {
    for (std::size_t i = 0; i < buy_outcomes.size(); ++i)
        if (std::size_t(buy_outcomes[i].outcome) != i) return false;
    return true;
}
static_assert(buy_outcomes_in_order());

struct BuyResult {
    BuyOutcome outcome = BuyOutcome::unavailable;
    std::string order_id;
    Millis pay_before = 0;
    SaleState state = SaleState::running;  // why it is not open
};

// Called exactly once per buy, on whichever thread settles it (often the committer's).
using BuyCallback = std::function<void(BuyResult)>;

}  // namespace seckill::node
