#pragma once
// What the order-DB half of invariant I4 reads: how many orders of a sale the order DB
// holds, and how many order ids it kept apart because they belonged to another buyer.
// OrderDb answers for its own file; a console attached to Redis asks the order-writer
// node over its admin API (ui/backend/remote_order_tally.h), so I4 is one rule
// (node::check_order_db) whoever reads it.
#include <cstdint>
#include <stdexcept>
#include <string_view>

namespace seckill::store {

// The tally cannot be read from here (the node that holds the DB is away or refuses):
// I4 then says its order-DB half was not checked, and why, instead of passing silently.
struct OrderTallyUnavailable : std::runtime_error {
    using std::runtime_error::runtime_error;
};

class OrderTally {
  public:
    virtual ~OrderTally() = default;
    // count_orders is asked first; a remote tally reads both numbers in that one call, so
    // count_conflicts for the same sale answers from it.
    virtual std::int64_t count_orders(std::string_view sale) = 0;
    virtual std::int64_t count_conflicts(std::string_view sale) = 0;
};

}  // namespace seckill::store
