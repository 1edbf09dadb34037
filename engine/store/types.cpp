#include "store/types.h"

#include "core/enum_names.h"

namespace seckill::store {

namespace {
constexpr std::array<EnumName<OrderStatus>, 4> order_status_names{{
    {OrderStatus::reserved, "reserved"},
    {OrderStatus::paid, "paid"},
    {OrderStatus::cancelled, "cancelled"},
    {OrderStatus::expired, "expired"},
}};
constexpr std::array<EnumName<CommitOutcome>, 7> commit_outcome_names{{
    {CommitOutcome::reserved, "reserved"},
    {CommitOutcome::limit_reached, "limit_reached"},
    {CommitOutcome::not_open, "not_open"},
    {CommitOutcome::not_found, "not_found"},
    {CommitOutcome::no_lease, "no_lease"},
    {CommitOutcome::duplicate_order, "duplicate_order"},
    {CommitOutcome::fenced, "fenced"},
}};
}  // namespace

std::string_view to_string(OrderStatus s) { return name_of(order_status_names, s); }

std::optional<OrderStatus> parse_order_status(std::string_view text) {
    return value_of(order_status_names, text);
}

std::string_view to_string(CommitOutcome o) { return name_of(commit_outcome_names, o); }

}  // namespace seckill::store
