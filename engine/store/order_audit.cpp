#include "store/order_audit.h"

namespace seckill::store {
namespace {

std::string num(std::int64_t v) { return std::to_string(v); }

}  // namespace

InvariantReport audit_report(const OrderAudit& a, Millis grace) {
    InvariantReport r;
    if (!a.settled) {
        const std::string why =
            "orders changed during each of " + num(a.tries) + " audits; not judged";
        for (const char* id : {"I1", "I3", "I4", "I6"}) r.add({id, true, why});
        return r;
    }
    r.add({"I1", a.reserved == a.reserved_count && a.paid == a.paid_count,
           "recounted reserved " + num(a.reserved) + " (counter " + num(a.reserved_count) +
               "), paid " + num(a.paid) + " (counter " + num(a.paid_count) + ")"});
    r.add({"I3", a.most_held <= a.per_user_limit && a.held == a.reserved + a.paid,
           "most held by one user: " + num(a.most_held) + " (limit " + num(a.per_user_limit) +
               "); " + num(a.held) + " units held"});
    r.add({"I4", a.orders == a.orders_count,
           num(a.orders) + " order records, counter " + num(a.orders_count)});
    r.add({"I6", a.overdue == 0,
           num(a.overdue) + " reservations past their deadline by more than " + num(grace / 1000) +
               " s"});
    return r;
}

}  // namespace seckill::store
