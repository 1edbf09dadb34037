#pragma once
// Where one order is on its way through a sale: what the ledger says of it (reserved at,
// its place in the order queue while it waits, paid / cancelled / expired at) joined with
// what the order DB says (when the order writer first stored it). The admin API's
// GET /admin/v1/orders/{id} and the console's ledger backends both read it here, so every
// backend tells the same journey.
#include <optional>
#include <string_view>

#include "store/ledger.h"
#include "store/order_db.h"

namespace seckill::node {

struct OrderJourney {
    store::Order order;  // the ledger's record (with its queue position), else the order DB's
    bool in_ledger = false;
    bool in_order_db = false;
    // When the order DB first stored the order; 0 when it has not, or when nobody here can
    // read the DB (a node that writes no orders) or the row predates the column.
    Millis written_at = 0;

    // Out of the order queue: in the DB, or acknowledged by the writer (the ledger no
    // longer counts events ahead of it) when the DB is not at hand.
    bool written() const { return in_order_db || (in_ledger && !order.queue_position); }
};

// Nothing when neither the ledger nor the DB knows the id. `db` may be null. Throws when
// the ledger cannot be reached; an order DB that cannot be read leaves the DB half empty.
std::optional<OrderJourney> order_journey(store::Ledger& ledger, store::OrderDb* db,
                                          std::string_view order_id);

}  // namespace seckill::node
