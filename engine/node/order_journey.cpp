#include "node/order_journey.h"

#include "core/log.h"

namespace seckill::node {

std::optional<OrderJourney> order_journey(store::Ledger& ledger, store::OrderDb* db,
                                          std::string_view order_id) {
    OrderJourney j;
    if (auto o = ledger.get_order(order_id)) {
        j.order = std::move(*o);
        j.in_ledger = true;
    }
    if (db) {
        try {
            if (auto stored = db->find_stored(order_id)) {
                if (!j.in_ledger) j.order = std::move(stored->order);
                j.in_order_db = true;
                j.written_at = stored->written_at;
            }
        } catch (const std::exception& e) {
            // The ledger's half is still worth showing: the journey just lacks its DB stage.
            log::warn("order_journey_db", {{"order", std::string(order_id)}, {"error", e.what()}});
        }
    }
    if (!j.in_ledger && !j.in_order_db) return std::nullopt;
    return j;
}

}  // namespace seckill::node
