// The verdict on fabricated histories: for every check, one history it passes and one it
// must fail. Times are milliseconds on the history's scale; nothing here reads a clock.
#include <QtTest>

#include "scenario/verdict.h"

using namespace seckill;
using namespace seckill::scenario;
using load::Op;

namespace {

constexpr std::int64_t wall0 = 1'800'000'000'000;  // the history's origin on the wall clock

// A run that went right: `sold` buyers u0… each got one unit of a sale of `total`, each
// order is in the ledger and in the order DB with its buyer, the stock adds up.
struct Run {
    load::History h;
    Facts f;
    Bounds b;

    explicit Run(std::int64_t total = 10, int sold = 5) {
        h.origin_wall_ms = wall0;
        f.total = total;
        f.per_user_limit = 1;
        f.ledger_read = true;
        f.order_db_read = true;
        f.run_end_ms = 10'000;
        f.stock = {true, total - sold, 0, sold, 0, 0};
        for (int i = 0; i < sold; ++i) buy("u" + std::to_string(i), 100 + i * 10);
    }

    // A buy answered 201 `latency` ms after `sent`, with a deadline a minute later; the
    // ledger and the order DB hold it for its buyer (tests then break what they test).
    std::string buy(const std::string& user, std::int64_t sent, std::int64_t latency = 5) {
        const std::string id = "order" + std::to_string(h.answers.size());
        h.answers.push_back(
            {Op::buy, user, sent, sent + latency, 201, "reserved", id, wall0 + sent + 60'000});
        f.orders[id] = {OrderRecord{user, "reserved"}, OrderRecord{user, "reserved"}};
        return id;
    }
    void answer(Op op, const std::string& user, std::int64_t sent, std::int64_t answered,
                int status, const std::string& code, const std::string& id = {}) {
        h.answers.push_back({op, user, sent, answered, status, code, id, 0});
    }
    void set_status(const std::string& id, const std::string& status) {
        f.orders[id].ledger->status = status;
        f.orders[id].order_db->status = status;
    }
};

std::string why(const CheckResult& r) { return r.id + ": " + r.summary; }

}  // namespace

class VerdictTest : public QObject {
    Q_OBJECT

  private Q_SLOTS:
    void aGoodRunPassesEveryCheck();
    void noOversell();
    void noOversellWhenAUnitIsResoldAfterItsCancel();
    void noneLost();
    void noDoubleSale();
    void perUserLimit();
    void paidStaysPaid();
    void nothingStranded();
    void undersellBound();
    void availabilityPerPhase();
    void recoveryTime();
};

void VerdictTest::aGoodRunPassesEveryCheck() {
    Run run;
    const Verdict v = judge(run.h, run.f, run.b);
    QCOMPARE(v.checks.size(), std::size_t(9));
    for (const auto& c : v.checks) QVERIFY2(c.pass, why(c).c_str());
    QVERIFY(v.pass());
}

void VerdictTest::noOversell() {
    Run ok(5, 5);
    QVERIFY2(check_no_oversell(ok.h, ok.f, ok.b).pass,
             why(check_no_oversell(ok.h, ok.f, ok.b)).c_str());
    // Six buyers hold a unit at once of five.
    Run bad(5, 5);
    bad.buy("u9", 500);
    const auto r = check_no_oversell(bad.h, bad.f, bad.b);
    QVERIFY2(!r.pass, why(r).c_str());
    QCOMPARE(r.numbers.at("max_held").as_int64(), std::int64_t(6));
}

void VerdictTest::noOversellWhenAUnitIsResoldAfterItsCancel() {
    // One unit: a's cancel is answered before b's buy is sent — the unit moved on.
    Run ok(1, 0);
    ok.f.stock = {true, 0, 0, 1, 0, 0};
    const auto a = ok.buy("a", 100);
    ok.answer(Op::cancel, "a", 200, 210, 200, "cancelled", a);
    ok.set_status(a, "cancelled");
    ok.buy("b", 300);
    QVERIFY2(check_no_oversell(ok.h, ok.f, ok.b).pass,
             why(check_no_oversell(ok.h, ok.f, ok.b)).c_str());
    // b was told 201 before a's cancel was even sent: both held the one unit.
    Run bad(1, 0);
    const auto a2 = bad.buy("a", 100);
    bad.buy("b", 300);
    bad.answer(Op::cancel, "a", 400, 410, 200, "cancelled", a2);
    bad.set_status(a2, "cancelled");
    QVERIFY(!check_no_oversell(bad.h, bad.f, bad.b).pass);
}

void VerdictTest::noneLost() {
    Run ok;
    QVERIFY(check_none_lost(ok.h, ok.f).pass);
    Run missing;
    missing.f.orders.begin()->second.ledger.reset();
    QVERIFY(!check_none_lost(missing.h, missing.f).pass);
    Run other_buyer;
    other_buyer.f.orders.begin()->second.order_db->user = "mallory";
    const auto r = check_none_lost(other_buyer.h, other_buyer.f);
    QVERIFY(!r.pass);
    QCOMPARE(r.numbers.at("db_wrong_buyer").as_int64(), std::int64_t(1));
    Run not_in_db;
    not_in_db.f.orders.begin()->second.order_db.reset();
    QVERIFY(!check_none_lost(not_in_db.h, not_in_db.f).pass);
    Run unread;  // no verdict on data nobody read
    unread.f.ledger_read = false;
    QVERIFY(!check_none_lost(unread.h, unread.f).pass);
}

void VerdictTest::noDoubleSale() {
    Run ok;
    QVERIFY(check_no_double_sale(ok.h).pass);
    Run bad;
    const std::string id = bad.h.answers.front().order_id;
    bad.answer(Op::buy, "u7", 600, 605, 201, "reserved", id);
    const auto r = check_no_double_sale(bad.h);
    QVERIFY2(!r.pass, why(r).c_str());
    QCOMPARE(r.numbers.at("doubled").as_int64(), std::int64_t(1));
}

void VerdictTest::perUserLimit() {
    // u0 buys, cancels, buys again: never two at once.
    Run ok;
    const auto first = ok.h.answers.front().order_id;
    ok.answer(Op::cancel, "u0", 300, 305, 200, "cancelled", first);
    ok.set_status(first, "cancelled");
    ok.buy("u0", 400);
    QVERIFY2(check_per_user_limit(ok.h, ok.f, ok.b).pass,
             why(check_per_user_limit(ok.h, ok.f, ok.b)).c_str());
    Run bad;
    bad.buy("u0", 400);
    const auto r = check_per_user_limit(bad.h, bad.f, bad.b);
    QVERIFY2(!r.pass, why(r).c_str());
    QCOMPARE(r.numbers.at("most_held").as_int64(), std::int64_t(2));
    // The ledger alone can show it too (the buyer's second 201 was lost in transit).
    Run ledger_only;
    ledger_only.f.orders["extra"] = {OrderRecord{"u1", "paid"}, OrderRecord{"u1", "paid"}};
    QVERIFY(!check_per_user_limit(ledger_only.h, ledger_only.f, ledger_only.b).pass);
}

void VerdictTest::paidStaysPaid() {
    Run ok;
    const auto id = ok.h.answers.front().order_id;
    ok.answer(Op::pay, "u0", 300, 305, 200, "paid", id);
    ok.set_status(id, "paid");
    QVERIFY(check_paid_stays_paid(ok.h, ok.f).pass);
    Run bad = ok;
    bad.f.orders[id].ledger->status = "expired";  // paid, then expired anyway
    QVERIFY(!check_paid_stays_paid(bad.h, bad.f).pass);
    Run db_bad = ok;
    db_bad.f.orders[id].order_db->status = "reserved";  // the DB never learnt of the payment
    QVERIFY(!check_paid_stays_paid(db_bad.h, db_bad.f).pass);
}

void VerdictTest::nothingStranded() {
    Run ok;
    QVERIFY(check_nothing_stranded(ok.f).pass);
    Run dead;
    dead.f.stock.pool -= 3;
    dead.f.stock.leased = 3;
    dead.f.stock.leased_to_dead = 3;
    QVERIFY(!check_nothing_stranded(dead.f).pass);
    Run missing;
    missing.f.stock.pool -= 1;  // a unit nobody accounts for
    QVERIFY(!check_nothing_stranded(missing.f).pass);
    Run huge;
    huge.f.stock.pool = std::numeric_limits<std::int64_t>::max();
    QVERIFY(!check_nothing_stranded(huge.f).pass);
    Run unread;
    unread.f.stock.read = false;
    QVERIFY(!check_nothing_stranded(unread.f).pass);
}

void VerdictTest::undersellBound() {
    // Ten units, five held: a sold_out long after the last buy is undersell.
    Run bad;
    bad.answer(Op::buy, "x", 5000, 5002, 410, "sold_out");
    bad.answer(Op::buy, "y", 5100, 5102, 503, "unavailable");
    auto r = check_undersell(bad.h, bad.f, bad.b);
    QVERIFY2(!r.pass, why(r).c_str());
    QCOMPARE(r.numbers.at("counted").as_int64(), std::int64_t(2));
    // The same refusals under a bound of 2 pass.
    bad.b.undersell_max = 2;
    QVERIFY(check_undersell(bad.h, bad.f, bad.b).pass);
    // Inside a fault, or its grace after: excused.
    Run fault;
    fault.f.faults.push_back({"n2 kill", 4000, 4500});
    fault.answer(Op::buy, "x", 4200, 4202, 503, "unavailable");
    fault.answer(Op::buy, "y", 6000, 6002, 410, "sold_out");  // end + grace (2000) = 6500
    // In flight when the fault began: sent 2 ms before it, answered after.
    fault.answer(Op::buy, "w", 3998, 4003, 503, "unavailable");
    QVERIFY2(check_undersell(fault.h, fault.f, fault.b).pass,
             why(check_undersell(fault.h, fault.f, fault.b)).c_str());
    // Answered before the fault began: nothing excuses it.
    fault.answer(Op::buy, "v", 3990, 3995, 503, "unavailable");
    QVERIFY(!check_undersell(fault.h, fault.f, fault.b).pass);
    // Every unit possibly held (five answered 201, five buys unanswered): sold_out is right.
    Run sold(10, 5);
    for (int i = 0; i < 5; ++i) sold.answer(Op::buy, "z" + std::to_string(i), 200, 0, 0, "");
    sold.answer(Op::buy, "late", 5000, 5002, 410, "sold_out");
    QVERIFY2(check_undersell(sold.h, sold.f, sold.b).pass,
             why(check_undersell(sold.h, sold.f, sold.b)).c_str());
}

void VerdictTest::availabilityPerPhase() {
    Run ok;
    ok.f.faults.push_back({"redis stop", 1000, 3000});
    ok.b.min_share_during = 0.5;
    ok.answer(Op::buy, "d1", 1500, 1600, 503, "unavailable");
    ok.answer(Op::buy, "d2", 1600, 9000, 0, "");  // never answered: half of "during" in time
    ok.buy("a1", 4000);
    const auto r = check_availability(ok.h, ok.f, ok.b);
    QVERIFY2(r.pass, why(r).c_str());
    QCOMPARE(r.numbers.at("phases").as_array().size(), std::size_t(3));
    // After the fault ends, answers still come late: the "after" phase fails.
    Run bad = ok;
    bad.answer(Op::buy, "a2", 5000, 5000 + bad.b.answer_within_ms + 1, 201, "reserved", "late1");
    bad.f.orders["late1"] = {OrderRecord{"a2", "reserved"}, OrderRecord{"a2", "reserved"}};
    const auto r2 = check_availability(bad.h, bad.f, bad.b);
    QVERIFY2(!r2.pass, why(r2).c_str());
    // And "during" fails when under its minimum.
    Run during = ok;
    during.answer(Op::buy, "d3", 1700, 0, 0, "");
    QVERIFY(!check_availability(during.h, during.f, during.b).pass);
    // Latency counts from when the buy was due: sent late (every connection was busy) and
    // answered at once is still a buyer kept waiting.
    Run late_sent = ok;
    late_sent.answer(Op::buy, "a3", 5000 + late_sent.b.answer_within_ms,
                     5000 + late_sent.b.answer_within_ms + 1, 410, "sold_out");
    late_sent.h.answers.back().due_ms = 5000;
    QVERIFY(!check_availability(late_sent.h, late_sent.f, late_sent.b).pass);
    // A slot never sent counts from its due time to when a connection came free: a short
    // stall is in time, a long one is not.
    Run brief = ok;
    for (std::int64_t t = 4100; t < 4200; t += 10)
        brief.answer(Op::buy, {}, t, 4500, 0, std::string(load::not_sent));
    const auto r4 = check_availability(brief.h, brief.f, brief.b);
    QVERIFY2(r4.pass, why(r4).c_str());
    Run skipped = ok;
    for (std::int64_t t = 4100; t < 4200; t += 10)
        skipped.answer(Op::buy, {}, t, 4200 + skipped.b.answer_within_ms, 0,
                       std::string(load::not_sent));
    const auto r3 = check_availability(skipped.h, skipped.f, skipped.b);
    QVERIFY2(!r3.pass, why(r3).c_str());
    // … and never held a unit: no other check counts it.
    QVERIFY2(check_undersell(skipped.h, skipped.f, skipped.b).pass,
             "a not-sent buy counted as a refusal");
}

void VerdictTest::recoveryTime() {
    Run ok;
    ok.f.faults.push_back({"n2 stop", 1000, 2000});
    ok.buy("r1", 2500);
    auto r = check_recovery(ok.h, ok.f, ok.b);
    QVERIFY2(r.pass, why(r).c_str());
    QCOMPARE(r.numbers.at("faults").as_array().front().at("recovery_ms").as_int64(),
             std::int64_t(505));
    // Buys after the fault are refused until long past the bound.
    Run slow;
    slow.f.faults.push_back({"n2 stop", 1000, 2000});
    slow.answer(Op::buy, "s1", 2500, 2505, 503, "unavailable");
    slow.buy("s2", 2000 + slow.b.recovery_max_ms + 100);
    QVERIFY2(!check_recovery(slow.h, slow.f, slow.b).pass,
             why(check_recovery(slow.h, slow.f, slow.b)).c_str());
    // Nothing succeeds after the fault at all.
    Run never;
    never.f.faults.push_back({"ledger down", 1000, 2000});
    never.answer(Op::buy, "n1", 2500, 2505, 503, "unavailable");
    QVERIFY(!check_recovery(never.h, never.f, never.b).pass);
    // A fault on one node is judged on that node's buyers: n1 sold at once, n2 did not.
    Run per_node;
    per_node.f.faults.push_back({"n2 stop", 1000, 2000, "n2"});
    per_node.buy("a", 2100);
    per_node.h.answers.back().node = "n1";
    per_node.answer(Op::buy, "b", 2200, 2205, 503, "unavailable");
    per_node.h.answers.back().node = "n2";
    per_node.buy("c", 2000 + per_node.b.recovery_max_ms + 100);
    per_node.h.answers.back().node = "n2";
    QVERIFY2(!check_recovery(per_node.h, per_node.f, per_node.b).pass,
             why(check_recovery(per_node.h, per_node.f, per_node.b)).c_str());
    per_node.f.faults.back().node.clear();  // the same history judged cluster-wide recovers
    QVERIFY(check_recovery(per_node.h, per_node.f, per_node.b).pass);
    // A node killed for good: its last buyer's connection dropped; the survivors are judged.
    Run dead;
    dead.f.faults.push_back({"n2 kill", 1000, 1000, "n2"});
    dead.answer(Op::buy, "x", 1000, 1001, 0, "");
    dead.h.answers.back().node = "n2";
    dead.buy("y", 1100);
    dead.h.answers.back().node = "n1";
    QVERIFY2(check_recovery(dead.h, dead.f, dead.b).pass,
             why(check_recovery(dead.h, dead.f, dead.b)).c_str());
    // sold_out counts as a success only when every unit is certainly held.
    Run sold(5, 5);
    sold.f.faults.push_back({"ledger down", 1000, 2000});
    sold.answer(Op::buy, "late", 2500, 2505, 410, "sold_out");
    QVERIFY(check_recovery(sold.h, sold.f, sold.b).pass);
}

QTEST_GUILESS_MAIN(VerdictTest)
#include "test_verdict.moc"
