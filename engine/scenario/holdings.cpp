#include "scenario/holdings.h"

#include <algorithm>
#include <map>

#include "core/checked_math.h"

namespace seckill::scenario {
namespace {

// What the pay and cancel answers say about one order.
struct FollowUps {
    const load::Answer* paid = nullptr;          // first pay answered 200
    const load::Answer* cancelled = nullptr;     // first cancel answered 200
    const load::Answer* first_cancel = nullptr;  // first cancel sent, whatever its answer
    const load::Answer* last_cancel = nullptr;   // last cancel answered
};

std::int64_t plus(std::int64_t a, std::int64_t b) {
    if (a == forever || b == forever) return forever;
    return checked_add(a, b).value_or(forever);
}

std::map<std::string, FollowUps> follow_ups(const load::History& h) {
    std::map<std::string, FollowUps> out;
    for (const auto& a : h.answers) {
        if (a.op == load::Op::buy || a.order_id.empty()) continue;
        FollowUps& f = out[a.order_id];
        const bool ok = a.http_status == 200;
        if (a.op == load::Op::pay) {
            if (ok && (!f.paid || a.sent_ms < f.paid->sent_ms)) f.paid = &a;
            continue;
        }
        if (ok && (!f.cancelled || a.sent_ms < f.cancelled->sent_ms)) f.cancelled = &a;
        if (!f.first_cancel || a.sent_ms < f.first_cancel->sent_ms) f.first_cancel = &a;
        if (!f.last_cancel || a.answered_ms > f.last_cancel->answered_ms) f.last_cancel = &a;
    }
    return out;
}

}  // namespace

std::vector<Holding> holdings(const load::History& h, const Facts& f, const Bounds& b) {
    const auto follow = follow_ups(h);
    static const FollowUps none;
    std::vector<Holding> out;
    for (const auto& a : h.answers) {
        if (a.op != load::Op::buy || a.code == load::not_sent) continue;  // never reached a node
        if (a.http_status == 0) {
            // No answer: the buy may have reserved a unit nobody was told about.
            out.push_back({{}, a.user, 0, 0, a.sent_ms, forever});
            continue;
        }
        if (a.http_status == 503) {
            // A reservation committed after the buyer heard 503 is cancelled at once.
            out.push_back({{}, a.user, 0, 0, a.sent_ms, plus(a.answered_ms, b.expiry_grace_ms)});
            continue;
        }
        if (a.http_status != 201 || a.order_id.empty()) continue;
        auto it = follow.find(a.order_id);
        const FollowUps& fu = it == follow.end() ? none : it->second;
        std::string ledger_status;
        if (auto o = f.orders.find(a.order_id); o != f.orders.end() && o->second.ledger)
            ledger_status = o->second.ledger->status;
        const std::int64_t deadline =
            a.pay_before_wall_ms > 0 ? a.pay_before_wall_ms - h.origin_wall_ms : forever;
        const bool paid = fu.paid || ledger_status == "paid";

        Holding x{a.order_id, a.user, a.answered_ms, 0, a.sent_ms, 0};
        if (fu.cancelled) {
            x.surely_to = fu.cancelled->sent_ms;
            x.possibly_to = fu.cancelled->answered_ms;
        } else if (paid) {
            x.surely_to = forever;
            x.possibly_to = forever;
        } else if (ledger_status == "cancelled") {
            // A cancel whose answer was lost (or never sent): it landed within its request.
            x.surely_to = fu.first_cancel ? fu.first_cancel->sent_ms : x.surely_from;
            x.possibly_to = fu.last_cancel ? fu.last_cancel->answered_ms : forever;
        } else {
            // Reserved until its deadline at least; returned at most the grace after it.
            x.surely_to = deadline;
            x.possibly_to = plus(deadline, b.expiry_grace_ms);
        }
        out.push_back(std::move(x));
    }
    return out;
}

Coverage coverage(const std::vector<const Holding*>& list, bool possibly) {
    // +1 at each start, -1 at each end; at one instant ends go first, so a unit handed from
    // one buyer to the next in the same millisecond is not counted twice.
    std::vector<std::pair<std::int64_t, int>> events;
    events.reserve(list.size() * 2);
    for (const Holding* x : list) {
        const std::int64_t from = possibly ? x->possibly_from : x->surely_from;
        const std::int64_t to = possibly ? x->possibly_to : x->surely_to;
        if (from >= to) continue;
        events.emplace_back(from, +1);
        if (to != forever) events.emplace_back(to, -1);
    }
    std::sort(events.begin(), events.end());
    Coverage c;
    std::int64_t now = 0;
    for (std::size_t i = 0; i < events.size();) {
        const std::int64_t t = events[i].first;
        for (; i < events.size() && events[i].first == t; ++i) now += events[i].second;
        c.at.push_back(t);
        c.count.push_back(now);
        if (now > c.max) {
            c.max = now;
            c.max_at = t;
        }
    }
    return c;
}

std::int64_t Coverage::max_over(std::int64_t from, std::int64_t to) const {
    // The step in force at `from`, then every step that starts up to `to`.
    auto first = std::upper_bound(at.begin(), at.end(), from);
    std::size_t i = first == at.begin() ? 0 : std::size_t(first - at.begin()) - 1;
    std::int64_t best = first == at.begin() ? 0 : count[i];
    for (std::size_t j = std::size_t(first - at.begin()); j < at.size() && at[j] <= to; ++j)
        best = std::max(best, count[j]);
    return best;
}

}  // namespace seckill::scenario
