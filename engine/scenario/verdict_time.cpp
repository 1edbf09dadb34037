// The checks on time: undersell (refused while units were sellable), availability per
// phase, recovery after each fault.
#include <algorithm>
#include <cstdio>

#include "core/checked_math.h"
#include "scenario/holdings.h"

namespace seckill::scenario {
namespace {

bool is_refusal(const load::Answer& a) {
    return a.op == load::Op::buy && ((a.http_status == 410 && a.code == "sold_out") ||
                                     (a.http_status == 503 && a.code == "unavailable"));
}

std::int64_t add(std::int64_t a, std::int64_t b) { return checked_add(a, b).value_or(forever); }

// A buy in flight at any moment of a fault or the grace after it: its refusal may be the
// fault's, not undersell — including one sent just before the fault began and answered
// after (a CI run saw buys sent 2 ms before a Redis kill answered 503 by it).
bool excused(std::int64_t sent, std::int64_t answered, const Facts& f, const Bounds& b) {
    for (const auto& fault : f.faults)
        if (answered >= fault.start_ms && sent <= add(fault.end_ms, b.undersell_grace_ms))
            return true;
    return false;
}

std::vector<const Holding*> pointers(const std::vector<Holding>& all) {
    std::vector<const Holding*> out;
    for (const auto& x : all) out.push_back(&x);
    return out;
}

std::string share_text(double s) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.4f", s);
    return buf;
}

// The phases of a run: before the first fault, and during and after each one.
struct Phase {
    std::string name;
    std::int64_t from, to;  // [from, to) of the buy's send time
    double min_share;
};

std::vector<Phase> phases(const Facts& f, const Bounds& b) {
    std::vector<FaultInterval> faults = f.faults;
    std::sort(faults.begin(), faults.end(),
              [](auto& x, auto& y) { return x.start_ms < y.start_ms; });
    const std::int64_t end = std::max<std::int64_t>(f.run_end_ms, 0) + 1;
    std::vector<Phase> out;
    out.push_back(
        {"before", 0, faults.empty() ? end : faults.front().start_ms, b.min_share_before});
    for (std::size_t i = 0; i < faults.size(); ++i) {
        const auto& x = faults[i];
        if (x.end_ms > x.start_ms)
            out.push_back({"during " + x.label, x.start_ms, x.end_ms, b.min_share_during});
        const std::int64_t next = i + 1 < faults.size() ? faults[i + 1].start_ms : end;
        out.push_back({"after " + x.label, x.end_ms, std::max(next, x.end_ms), b.min_share_after});
    }
    return out;
}

}  // namespace

CheckResult check_undersell(const load::History& h, const Facts& f, const Bounds& b) {
    const auto all = holdings(h, f, b);
    const Coverage possibly = coverage(pointers(all), true);
    std::int64_t refusals = 0, while_sellable = 0, counted = 0, first_at = -1;
    for (const auto& a : h.answers) {
        if (!is_refusal(a)) continue;
        ++refusals;
        // Sellable for sure: even counting every unit that may have been held, some were
        // left, from `grace` before the request until its answer.
        const std::int64_t from = a.sent_ms - std::min(a.sent_ms, b.undersell_grace_ms);
        if (possibly.max_over(from, a.answered_ms) >= f.total) continue;
        ++while_sellable;
        if (excused(a.sent_ms, a.answered_ms, f, b)) continue;
        ++counted;
        if (first_at < 0) first_at = a.sent_ms;
    }
    CheckResult r{"undersell_bound", counted <= b.undersell_max, {}, {}};
    r.summary = std::to_string(counted) +
                " buyers refused (sold_out / 503) while units were sellable, outside "
                "faults and " +
                std::to_string(b.undersell_grace_ms) + " ms after them (bound " +
                std::to_string(b.undersell_max) + "); " + std::to_string(while_sellable) +
                " including faults, of " + std::to_string(refusals) + " refusals" +
                (first_at >= 0 ? "; first at " + std::to_string(first_at) + " ms" : "");
    r.numbers = {{"counted", counted},
                 {"bound", b.undersell_max},
                 {"while_sellable", while_sellable},
                 {"refusals", refusals},
                 {"grace_ms", b.undersell_grace_ms},
                 {"first_at_ms", first_at}};
    return r;
}

CheckResult check_availability(const load::History& h, const Facts& f, const Bounds& b) {
    CheckResult r{"availability", true, {}, {}};
    boost::json::array list;
    for (const auto& p : phases(f, b)) {
        std::int64_t buys = 0, in_time = 0;
        for (const auto& a : h.answers) {
            // From when the buyer wanted to buy (the schedule's slot), so a node that keeps
            // every connection waiting is not excused by the buys it kept from being sent.
            const std::int64_t due = load::due_ms(a);
            if (a.op != load::Op::buy || due < p.from || due >= p.to) continue;
            ++buys;
            // A slot never sent counts as answered when a connection next came free: the
            // earliest a buyer on a connection of its own could have heard back.
            const bool answered = a.http_status != 0 || a.code == load::not_sent;
            if (answered && a.answered_ms - due <= b.answer_within_ms) ++in_time;
        }
        const double share = buys ? double(in_time) / double(buys) : 1.0;
        const bool ok = share >= p.min_share;
        r.pass = r.pass && ok;
        if (!r.summary.empty()) r.summary += "; ";
        r.summary += p.name + " " + (buys ? share_text(share) : std::string("n/a (no buys)")) +
                     " of " + std::to_string(buys) + " (min " + share_text(p.min_share) + ")" +
                     (ok ? "" : " FAIL");
        list.push_back(boost::json::object{{"phase", p.name},
                                           {"from_ms", p.from},
                                           {"to_ms", p.to},
                                           {"buys", buys},
                                           {"in_time", in_time},
                                           {"share", share},
                                           {"min_share", p.min_share},
                                           {"pass", ok}});
    }
    r.summary = "buys answered within " + std::to_string(b.answer_within_ms) + " ms: " + r.summary;
    r.numbers = {{"within_ms", b.answer_within_ms}, {"phases", std::move(list)}};
    return r;
}

CheckResult check_recovery(const load::History& h, const Facts& f, const Bounds& b) {
    const auto all = holdings(h, f, b);
    const Coverage surely = coverage(pointers(all), false);
    CheckResult r{"recovery", true, {}, {}};
    boost::json::array list;
    for (const auto& fault : f.faults) {
        // Succeeding again: a buy sent after the fault ended gets a unit, or is told
        // sold_out when every unit is certainly held. A fault that hit one node is judged
        // on that node's buyers when it answered any after the fault (a killed node that
        // stays dead, whose last buyers only saw their connection drop, leaves its
        // survivors to be judged).
        const bool on_node =
            !fault.node.empty() && std::any_of(h.answers.begin(), h.answers.end(), [&](auto& a) {
                return a.op == load::Op::buy && a.node == fault.node && a.sent_ms >= fault.end_ms &&
                       a.http_status != 0;
            });
        std::int64_t recovered_at = -1;
        for (const auto& a : h.answers) {
            if (a.op != load::Op::buy || a.sent_ms < fault.end_ms) continue;
            if (on_node && a.node != fault.node) continue;
            const bool sold =
                a.http_status == 201 ||
                (a.http_status == 410 && surely.max_over(a.sent_ms, a.answered_ms) >= f.total);
            if (sold && (recovered_at < 0 || a.answered_ms < recovered_at))
                recovered_at = a.answered_ms;
        }
        const std::int64_t took = recovered_at < 0 ? -1 : recovered_at - fault.end_ms;
        const bool ok = took >= 0 && took <= b.recovery_max_ms;
        r.pass = r.pass && ok;
        if (!r.summary.empty()) r.summary += "; ";
        r.summary += fault.label + (on_node ? " (its buyers)" : " (all buyers)") + ": " +
                     (took < 0 ? std::string("never") : std::to_string(took) + " ms") +
                     (ok ? "" : " FAIL");
        list.push_back(
            boost::json::object{{"fault", fault.label},
                                {"end_ms", fault.end_ms},
                                {"recovery_ms", took},
                                {"pass", ok},
                                {"judged_on", on_node ? fault.node : std::string("all nodes")}});
    }
    r.summary = (f.faults.empty() ? std::string("no faults staged")
                                  : "buys succeed again after: " + r.summary) +
                " (bound " + std::to_string(b.recovery_max_ms) + " ms)";
    r.numbers = {{"bound_ms", b.recovery_max_ms}, {"faults", std::move(list)}};
    return r;
}

}  // namespace seckill::scenario
