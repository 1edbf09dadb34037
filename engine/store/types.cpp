#include "store/types.h"

namespace seckill::store {

std::string_view to_string(OrderStatus s) {
    switch (s) {
        case OrderStatus::reserved:
            return "reserved";
        case OrderStatus::paid:
            return "paid";
        case OrderStatus::cancelled:
            return "cancelled";
        case OrderStatus::expired:
            return "expired";
    }
    return "unknown";
}

std::optional<OrderStatus> parse_order_status(std::string_view text) {
    for (auto s :
         {OrderStatus::reserved, OrderStatus::paid, OrderStatus::cancelled, OrderStatus::expired})
        if (to_string(s) == text) return s;
    return std::nullopt;
}

std::string_view to_string(CommitOutcome o) {
    switch (o) {
        case CommitOutcome::reserved:
            return "reserved";
        case CommitOutcome::limit_reached:
            return "limit_reached";
        case CommitOutcome::not_open:
            return "not_open";
        case CommitOutcome::not_found:
            return "not_found";
        case CommitOutcome::no_lease:
            return "no_lease";
        case CommitOutcome::duplicate_order:
            return "duplicate_order";
        case CommitOutcome::fenced:
            return "fenced";
    }
    return "unknown";
}

}  // namespace seckill::store
