#include "node/buy_result.h"

namespace seckill::node {

std::string_view to_string(BuyOutcome o) {
    switch (o) {
        case BuyOutcome::reserved: return "reserved";
        case BuyOutcome::limit_reached: return "limit_reached";
        case BuyOutcome::sold_out: return "sold_out";
        case BuyOutcome::not_open: return "not_open";
        case BuyOutcome::not_found: return "not_found";
        case BuyOutcome::rate_limited: return "rate_limited";
        case BuyOutcome::degraded: return "degraded";
        case BuyOutcome::unavailable: return "unavailable";
        case BuyOutcome::bad_request: return "bad_request";
    }
    return "unknown";
}

}  // namespace seckill::node
