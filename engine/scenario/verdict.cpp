#include "scenario/verdict.h"

#include <algorithm>

namespace seckill::scenario {

bool Verdict::pass() const {
    return !checks.empty() &&
           std::all_of(checks.begin(), checks.end(), [](const CheckResult& c) { return c.pass; });
}

Verdict judge(const load::History& h, const Facts& f, const Bounds& b) {
    Verdict v;
    v.checks.push_back(check_no_oversell(h, f, b));
    v.checks.push_back(check_none_lost(h, f));
    v.checks.push_back(check_no_double_sale(h));
    v.checks.push_back(check_per_user_limit(h, f, b));
    v.checks.push_back(check_paid_stays_paid(h, f));
    v.checks.push_back(check_nothing_stranded(f));
    v.checks.push_back(check_undersell(h, f, b));
    v.checks.push_back(check_availability(h, f, b));
    v.checks.push_back(check_recovery(h, f, b));
    return v;
}

}  // namespace seckill::scenario
