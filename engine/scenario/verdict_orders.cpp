// The checks on confirmed orders: none lost, none confirmed twice, paid stays paid.
#include <map>
#include <set>

#include "core/checked_math.h"
#include "scenario/verdict.h"

namespace seckill::scenario {
namespace {

std::string examples(const std::vector<std::string>& ids) {
    std::string out;
    for (std::size_t i = 0; i < ids.size() && i < 3; ++i) out += (i ? ", " : " e.g. ") + ids[i];
    return out;
}

}  // namespace

CheckResult check_none_lost(const load::History& h, const Facts& f) {
    std::int64_t confirmed = 0, ledger_missing = 0, ledger_wrong = 0, db_missing = 0, db_wrong = 0;
    std::vector<std::string> bad;
    std::set<std::string> seen;
    for (const auto& a : h.answers) {
        if (a.op != load::Op::buy || a.http_status != 201) continue;
        ++confirmed;
        if (a.order_id.empty()) {  // a 201 without an id is an order nobody can find
            ++ledger_missing;
            bad.push_back("(no id, " + a.user + ")");
            continue;
        }
        if (!seen.insert(a.order_id + '\n' + a.user).second) continue;
        auto it = f.orders.find(a.order_id);
        const OrderFacts* o = it == f.orders.end() ? nullptr : &it->second;
        bool ok = true;
        if (!o || !o->ledger)
            ++ledger_missing, ok = false;
        else if (o->ledger->user != a.user)
            ++ledger_wrong, ok = false;
        if (f.order_db_read) {
            if (!o || !o->order_db)
                ++db_missing, ok = false;
            else if (o->order_db->user != a.user)
                ++db_wrong, ok = false;
        }
        if (!ok) bad.push_back(a.order_id);
    }
    const bool pass = f.ledger_read && ledger_missing + ledger_wrong + db_missing + db_wrong == 0;
    CheckResult r{"none_lost", pass, {}, {}};
    r.summary = std::to_string(confirmed) + " buys answered 201; not in the ledger " +
                std::to_string(ledger_missing) + ", another buyer there " +
                std::to_string(ledger_wrong) +
                (f.order_db_read ? "; not in the order DB " + std::to_string(db_missing) +
                                       ", another buyer there " + std::to_string(db_wrong)
                                 : "; order DB not read") +
                (f.ledger_read ? "" : "; the ledger could not be read") + examples(bad);
    r.numbers = {{"confirmed", confirmed},
                 {"ledger_missing", ledger_missing},
                 {"ledger_wrong_buyer", ledger_wrong},
                 {"db_missing", db_missing},
                 {"db_wrong_buyer", db_wrong},
                 {"ledger_read", f.ledger_read},
                 {"order_db_read", f.order_db_read}};
    return r;
}

CheckResult check_no_double_sale(const load::History& h) {
    std::map<std::string, std::set<std::string>> buyers;  // order id -> users told 201
    for (const auto& a : h.answers)
        if (a.op == load::Op::buy && a.http_status == 201 && !a.order_id.empty())
            buyers[a.order_id].insert(a.user);
    std::vector<std::string> doubled;
    for (const auto& [id, users] : buyers)
        if (users.size() > 1) doubled.push_back(id);
    CheckResult r{"no_double_sale", doubled.empty(), {}, {}};
    r.summary = std::to_string(doubled.size()) + " of " + std::to_string(buyers.size()) +
                " order ids confirmed to more than one buyer" + examples(doubled);
    r.numbers = {{"order_ids", std::int64_t(buyers.size())},
                 {"doubled", std::int64_t(doubled.size())}};
    return r;
}

CheckResult check_paid_stays_paid(const load::History& h, const Facts& f) {
    std::set<std::string> paid;
    for (const auto& a : h.answers)
        if (a.op == load::Op::pay && a.http_status == 200 && !a.order_id.empty())
            paid.insert(a.order_id);
    std::int64_t not_paid_ledger = 0, not_paid_db = 0;
    std::vector<std::string> bad;
    for (const auto& id : paid) {
        auto it = f.orders.find(id);
        const OrderFacts* o = it == f.orders.end() ? nullptr : &it->second;
        bool ok = true;
        if (!o || !o->ledger || o->ledger->status != "paid") ++not_paid_ledger, ok = false;
        if (f.order_db_read && (!o || !o->order_db || o->order_db->status != "paid"))
            ++not_paid_db, ok = false;
        if (!ok) bad.push_back(id);
    }
    CheckResult r{"paid_stays_paid", f.ledger_read && bad.empty(), {}, {}};
    r.summary = std::to_string(paid.size()) +
                " orders answered 200 to pay; not paid in the ledger " +
                std::to_string(not_paid_ledger) +
                (f.order_db_read ? ", not paid in the order DB " + std::to_string(not_paid_db)
                                 : "; order DB not read") +
                (f.ledger_read ? "" : "; the ledger could not be read") + examples(bad);
    r.numbers = {{"paid", std::int64_t(paid.size())},
                 {"not_paid_ledger", not_paid_ledger},
                 {"not_paid_db", not_paid_db}};
    return r;
}

CheckResult check_nothing_stranded(const Facts& f) {
    const auto& s = f.stock;
    // Counters read from a store are outside input: a sum that overflows accounts nothing.
    std::optional<std::int64_t> sum = checked_add(s.pool, s.leased);
    if (sum) sum = checked_add(*sum, s.reserved);
    if (sum) sum = checked_add(*sum, s.paid);
    const std::int64_t accounted = sum.value_or(-1);
    const bool pass = s.read && sum && s.leased_to_dead == 0 && accounted == f.total &&
                      s.pool >= 0 && s.leased >= 0;
    CheckResult r{"nothing_stranded", pass, {}, {}};
    r.summary = !s.read ? std::string("the ledger's stock could not be read")
                        : "pool " + std::to_string(s.pool) + " + leased " +
                              std::to_string(s.leased) + " + reserved " +
                              std::to_string(s.reserved) + " + paid " + std::to_string(s.paid) +
                              " = " + std::to_string(accounted) + " of " + std::to_string(f.total) +
                              "; leased to dead nodes " + std::to_string(s.leased_to_dead);
    r.numbers = {{"pool", s.pool},
                 {"leased", s.leased},
                 {"reserved", s.reserved},
                 {"paid", s.paid},
                 {"accounted", accounted},
                 {"total", f.total},
                 {"leased_to_dead", s.leased_to_dead},
                 {"read", s.read}};
    return r;
}

}  // namespace seckill::scenario
