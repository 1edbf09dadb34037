#pragma once
// The full recount of a sale's orders (Ledger::audit_invariants), read the same way for
// every ledger: what the records say next to what the running counters say.
#include <cstdint>

#include "store/types.h"

namespace seckill::store {

struct OrderAudit {
    // Recounted from the order records.
    std::int64_t reserved = 0, paid = 0, orders = 0, overdue = 0;
    // Recounted from the per-user holdings.
    std::int64_t held = 0, most_held = 0;
    // The running counters the quick checks trust.
    std::int64_t reserved_count = 0, paid_count = 0, orders_count = 0;
    std::int64_t per_user_limit = 0;
    // A chunked recount of a live sale sees orders change between chunks; it is only
    // judged when nothing changed from its first chunk to its last (see RedisLedger).
    bool settled = true;
    int tries = 1;
};

// I1, I3, I4 and I6 as the recount sees them. An unsettled audit judges nothing: its
// checks are green and say so, since drift on a moving sale is not drift.
InvariantReport audit_report(const OrderAudit& a, Millis grace);

}  // namespace seckill::store
