// QA's fault injection and the node's self-protection, driven over HTTP as an operator or
// a scenario would: /admin/v1/faults (only with --allow-faults), the circuit breaker
// opening on a slow ledger and refusing buys without calling it, automatic degradation
// raised and lowered with the breaker, the order DB down and back, a frozen node, a
// crash, dropped heartbeats, and the events log that explains each decision.
#include <QtTest>
#include <atomic>
#include <boost/json.hpp>
#include <thread>

#include "node/node_fixture.h"

using namespace seckill;
using namespace seckill::testing;
using verb = boost::beast::http::verb;
namespace json = boost::json;

namespace {

node::http::RouterOptions faults_allowed() {
    node::http::RouterOptions o;
    o.allow_faults = true;
    return o;
}

}  // namespace

class Faults : public QObject {
    Q_OBJECT

    Reply admin(NodeFixture& n, verb m, const std::string& target, const std::string& body = {}) {
        return n.client().request(m, target, body, NodeFixture::token);
    }
    Reply buy(NodeFixture& n, const std::string& user) {
        return n.client().request(verb::post, "/v1/sales/s1/buy?user=" + user);
    }
    void open_sale(NodeFixture& n, int total = 1000) {
        QCOMPARE(admin(n, verb::post, "/admin/v1/sales",
                       R"({"sale":"s1","name":"T","total":)" + std::to_string(total) +
                           R"(,"pay_timeout_s":600})")
                     .status,
                 201);
        QCOMPARE(admin(n, verb::post, "/admin/v1/sales/s1/start").status, 200);
    }
    // The kinds of the events the cluster log holds, in order.
    std::vector<std::string> event_kinds(NodeFixture& n) {
        std::vector<std::string> kinds;
        const json::value doc = admin(n, verb::get, "/admin/v1/events").json();
        if (!doc.is_object()) return kinds;
        for (const auto& e : doc.at("events").as_array())
            kinds.emplace_back(e.at("kind").as_string());
        return kinds;
    }
    // Sets the protection config, then makes every ledger call 120 ms slow.
    void slow_ledger_under(NodeFixture& n, const std::string& protection) {
        const Reply p = admin(n, verb::put, "/admin/v1/protection", protection);
        QVERIFY2(p.status == 200, p.body.c_str());
        QCOMPARE(admin(n, verb::post, "/admin/v1/faults",
                       R"({"faults":[{"kind":"ledger_latency","ms":120,"duration_s":600}]})")
                     .status,
                 200);
    }
    static bool has(const std::vector<std::string>& v, const std::string& s) {
        return std::find(v.begin(), v.end(), s) != v.end();
    }
    static std::string joined(const std::vector<std::string>& v) {
        std::string out;
        for (const auto& s : v) out += s + " ";
        return out;
    }

  private Q_SLOTS:
    void refusedWithoutAllowFaults() {
        NodeFixture n;  // started without --allow-faults
        const Reply r = admin(n, verb::put, "/admin/v1/faults",
                              R"({"faults":[{"kind":"ledger_down","duration_s":5}]})");
        QCOMPARE(r.status, 403);
        QVERIFY2(r.body.find("--allow-faults") != std::string::npos, r.body.c_str());
        QVERIFY(n.engine->faults().active().empty());
        QCOMPARE(admin(n, verb::get, "/admin/v1/faults").status, 200);  // reading is harmless
        QCOMPARE(n.client().request(verb::put, "/admin/v1/faults", "{}").status,
                 401);  // token first
    }

    void badFaultsAreRefusedWithASentence_data() {
        QTest::addColumn<QString>("body");
        QTest::addColumn<QString>("sentence");
        QTest::newRow("kind") << R"({"faults":[{"kind":"nope","duration_s":1}]})"
                              << "faults[0]: kind: unknown fault kind nope";
        QTest::newRow("other node")
            << R"({"faults":[{"kind":"ledger_down","duration_s":1,"node":"n2"}]})"
            << "send it to that node's admin API";
        QTest::newRow("ratio") << R"({"faults":[{"kind":"ledger_error","duration_s":1,"ratio":0}]})"
                               << "ratio must be between";
        QTest::newRow("no duration") << R"({"faults":[{"kind":"ledger_error"}]})"
                                     << "duration_s is required";
        QTest::newRow("no ms") << R"({"faults":[{"kind":"ledger_latency","duration_s":1}]})"
                               << "ms is required";
        QTest::newRow("ms on error")
            << R"({"faults":[{"kind":"ledger_error","duration_s":1,"ms":5}]})"
            << "ms does not apply to ledger_error";
        QTest::newRow("huge duration")
            << R"({"faults":[{"kind":"ledger_error","duration_s":1e300}]})"
            << "duration_s must be between";
        QTest::newRow("not a list") << R"({"faults":{}})"
                                    << R"(the body must be {\"faults\":)";
        QTest::newRow("not json") << "{"
                                  << "not valid JSON";
    }
    void badFaultsAreRefusedWithASentence() {
        QFETCH(QString, body);
        QFETCH(QString, sentence);
        NodeFixture n({}, {}, faults_allowed());
        const Reply r = admin(n, verb::post, "/admin/v1/faults", body.toStdString());
        QCOMPARE(r.status, 400);
        QVERIFY2(r.body.find(sentence.toStdString()) != std::string::npos, r.body.c_str());
        QVERIFY(n.engine->faults().active().empty());
    }

    void ledgerDownRefusesBuysAndShowsInMetricsUntilCleared() {
        NodeFixture n({}, {}, faults_allowed());
        open_sale(n);
        QCOMPARE(buy(n, "u0").status, 201);
        const Reply put = admin(n, verb::post, "/admin/v1/faults",
                                R"({"faults":[{"kind":"ledger_down","duration_s":60}]})");
        QCOMPARE(put.status, 200);
        const json::value doc = put.json();
        const auto& f = doc.at("faults").as_array().at(0).as_object();
        QCOMPARE(f.at("kind").as_string(), "ledger_down");
        QVERIFY(f.at("left_s").to_number<double>() > 0);
        Reply last;
        QVERIFY2(eventually([&] { return (last = buy(n, "u1")).status == 503; }),
                 ("waited for 503 while the ledger is down; last: " + last.body).c_str());
        QVERIFY2(last.body.find("unavailable") != std::string::npos, last.body.c_str());
        const std::string metrics = n.client().request(verb::get, "/metrics").body;
        QVERIFY2(metrics.find(R"(seckill_fault_active{node="n1",kind="ledger_down"} 1)") !=
                     std::string::npos,
                 metrics.c_str());
        QCOMPARE(admin(n, verb::delete_, "/admin/v1/faults").status, 200);
        QVERIFY2(eventually([&] { return (last = buy(n, "u2")).status == 201; }),
                 ("waited for a 201 after the fault was cleared; last: " + last.body).c_str());
    }

    void slowLedgerOpensTheBreakerWhichRefusesWithoutCallingTheLedger() {
        NodeFixture n({}, {}, faults_allowed());
        open_sale(n);
        slow_ledger_under(
            n,
            R"({"breaker":{"min_calls":3,"slow_ms":50,"slow_ratio":0.5,"open_s":0.5,"probes":1,"window_s":60}})");
        // Buys are slow but answered until three slow calls open the breaker.
        Reply last;
        int buys = 0;
        QVERIFY2(eventually(
                     [&] {
                         ++buys;
                         last = buy(n, "u" + std::to_string(buys));
                         return n.engine->protection().ledger_breaker().state() ==
                                BreakerState::open;
                     },
                     20'000),
                 ("waited for the breaker to open on slow ledger calls; last buy: " + last.body)
                     .c_str());
        // Open: refused at once, and no commit reaches the ledger.
        const auto batches = n.engine->group_commit().batches();
        for (int i = 0; i < 10; ++i) {
            const Reply r = buy(n, "x" + std::to_string(i));
            if (n.engine->protection().ledger_breaker().state() != BreakerState::open)
                break;  // half-open already
            QCOMPARE(r.status, 503);
            QVERIFY2(r.body.find("unavailable") != std::string::npos, r.body.c_str());
            QVERIFY(!r.header("Retry-After").empty());
        }
        QCOMPARE(n.engine->group_commit().batches(), batches);
        const std::string metrics = n.client().request(verb::get, "/metrics").body;
        QVERIFY2(
            metrics.find(R"(seckill_circuit_breaker_opened_total{node="n1",target="ledger"} 1)") !=
                std::string::npos,
            metrics.c_str());
        std::vector<std::string> kinds;
        QVERIFY2(eventually([&] { return has(kinds = event_kinds(n), "breaker_open"); }),
                 ("waited for breaker_open in /admin/v1/events; saw: " + joined(kinds)).c_str());
        // The ledger is fast again: the next probe closes the breaker and buys succeed.
        QCOMPARE(admin(n, verb::delete_, "/admin/v1/faults").status, 200);
        QVERIFY2(
            eventually([&] { return (last = buy(n, "v" + std::to_string(++buys))).status == 201; }),
            ("waited for a 201 once the ledger was fast; last: " + last.body).c_str());
        QVERIFY2(eventually([&] { return has(kinds = event_kinds(n), "breaker_closed"); }),
                 ("waited for breaker_closed; saw: " + joined(kinds)).c_str());
    }

    void autoDegradeRisesWithTheBreakerAndFallsAfter() {
        NodeFixture n({}, {}, faults_allowed());
        open_sale(n);
        slow_ledger_under(
            n,
            R"({"breaker":{"min_calls":2,"slow_ms":50,"open_s":0.5,"probes":1,"window_s":60},)"
            R"("rules":[{"signal":"ledger_breaker","above":0.5,"below":0.5,"level":2,"hold_s":0}]})");
        Reply last;
        int i = 0;
        QVERIFY2(eventually(
                     [&] {
                         last = buy(n, "u" + std::to_string(++i));
                         return last.status == 503 &&
                                last.body.find("degraded") != std::string::npos;
                     },
                     20'000),
                 ("waited for buys to answer 503 degraded (level 2 raised by the rule); last: " +
                  last.body)
                     .c_str());
        const json::value prot = admin(n, verb::get, "/admin/v1/protection").json();
        QCOMPARE(prot.at("degrade").at("manual").to_number<int>(), 0);
        QCOMPARE(prot.at("degrade").at("auto").to_number<int>(), 2);
        // The decision is published to the ledger at the housekeeper's next tick.
        std::string reason;
        QVERIFY2(eventually([&] {
                     const json::value ev = admin(n, verb::get, "/admin/v1/events").json();
                     for (const auto& e : ev.at("events").as_array())
                         if (e.at("kind").as_string() == "degrade_raised")
                             reason = e.at("reason").as_string();
                     return !reason.empty();
                 }),
                 "waited for a degrade_raised event");
        QVERIFY2(reason.find("ledger_breaker") != std::string::npos, reason.c_str());
        // Fast again: half-open lowers the level (the signal is 1 only while open), a probe
        // closes the breaker, buys succeed.
        QCOMPARE(admin(n, verb::delete_, "/admin/v1/faults").status, 200);
        QVERIFY2(
            eventually([&] { return (last = buy(n, "v" + std::to_string(++i))).status == 201; },
                       10'000),
            ("waited for a 201 after the ledger recovered; last: " + last.body).c_str());
        std::vector<std::string> kinds;
        QVERIFY2(eventually([&] { return has(kinds = event_kinds(n), "degrade_lowered"); }),
                 ("waited for degrade_lowered; saw: " + joined(kinds)).c_str());
    }

    void pinnedManualLevelIgnoresTheRules() {
        NodeFixture n({}, {}, faults_allowed());
        open_sale(n);
        QCOMPARE(
            admin(
                n, verb::put, "/admin/v1/protection",
                R"({"pinned":true,"rules":[{"signal":"order_queue_depth","above":-1,"level":3}]})")
                .status,
            400);
        const Reply p = admin(
            n, verb::put, "/admin/v1/protection",
            R"({"pinned":true,"rules":[{"signal":"inflight_buys","above":0,"below":0,"level":3,"hold_s":0}]})");
        QVERIFY2(p.status == 200, p.body.c_str());
        n.engine->admission().set_auto_degrade(DegradeLevel::paused, true);  // as if the rule fired
        QCOMPARE(n.engine->admission().degrade(), DegradeLevel::normal);
        QCOMPARE(buy(n, "u1").status, 201);
    }

    void orderDbDownKeepsOrdersInTheLedgerUntilItReturns() {
        NodeFixture n({}, {}, faults_allowed());
        open_sale(n);
        QCOMPARE(admin(n, verb::post, "/admin/v1/faults",
                       R"({"faults":[{"kind":"order_db_down","duration_s":600}]})")
                     .status,
                 200);
        std::vector<std::string> ids;
        for (int i = 0; i < 5; ++i) {
            const Reply r = buy(n, "u" + std::to_string(i));
            QCOMPARE(r.status, 201);  // the order is the ledger's; the DB is behind it
            ids.emplace_back(r.json().at("order_id").as_string());
        }
        QVERIFY2(eventually(
                     [&] { return n.engine->faults().hits(store::FaultKind::order_db_down) > 0; }),
                 "waited for the order writer to meet the fault");
        QCOMPARE(n.db->count_orders("s1"), std::int64_t(0));
        QCOMPARE(admin(n, verb::delete_, "/admin/v1/faults").status, 200);
        std::int64_t stored = 0;
        QVERIFY2(
            eventually([&] { return (stored = n.db->count_orders("s1")) == 5; }, 10'000),
            ("waited for the 5 orders to reach the order DB; it holds " + std::to_string(stored))
                .c_str());
        for (const auto& id : ids) QVERIFY2(n.db->find(id).has_value(), id.c_str());
    }

    void frozenNodeAnswersOnlyAfterTheThaw() {
        NodeFixture n({}, {}, faults_allowed());
        open_sale(n);
        QCOMPARE(admin(n, verb::post, "/admin/v1/faults",
                       R"({"faults":[{"kind":"node_freeze","duration_s":0.5}]})")
                     .status,
                 200);
        QVERIFY(n.engine->faults().frozen_until().has_value());
        const Reply r = buy(n, "u1");  // held by the node until it thaws
        QVERIFY2(!n.engine->faults().frozen_until().has_value(),
                 "a frozen node answered a request");
        QCOMPARE(r.status, 201);
    }

    void crashFaultRunsTheCrashHandler() {
        NodeFixture n({}, {}, faults_allowed());
        std::atomic<bool> crashed{false};
        n.engine->set_crash_handler([&] { crashed = true; });
        QCOMPARE(admin(n, verb::post, "/admin/v1/faults", R"({"faults":[{"kind":"node_crash"}]})")
                     .status,
                 200);
        QVERIFY2(eventually([&] { return crashed.load(); }), "waited for the crash handler to run");
    }

    void droppedHeartbeatsStopSellingUntilTheyComeBack() {
        node::EngineOptions e;
        e.node_ttl_ms = 600;
        e.heartbeat_ms = 100;
        NodeFixture n({}, e, faults_allowed());
        open_sale(n);
        QCOMPARE(buy(n, "u0").status, 201);
        QCOMPARE(admin(n, verb::post, "/admin/v1/faults",
                       R"({"faults":[{"kind":"heartbeat_drop","duration_s":1.5}]})")
                     .status,
                 200);
        Reply last;
        int i = 0;
        // Its lease is its own only while its heartbeat is fresh: it stops selling.
        QVERIFY2(
            eventually([&] { return (last = buy(n, "a" + std::to_string(++i))).status == 503; }),
            ("waited for 503 once heartbeats stopped reaching the ledger; last: " + last.body)
                .c_str());
        QVERIFY2(
            eventually([&] { return (last = buy(n, "b" + std::to_string(++i))).status == 201; },
                       10'000),
            ("waited for the node to sell again after the fault; last: " + last.body).c_str());
    }

    void aSlowLedgerDelaysOnlyTheRequestsThatWaitOnIt() {
        // Pays wait on the ledger; they run off the io threads, so a sold-out answer (no
        // ledger) on the same two io threads does not queue behind forty slow pays.
        NodeFixture n({}, {}, faults_allowed());
        open_sale(n, 40);
        std::vector<std::pair<std::string, std::string>> orders;  // (id, user)
        for (int i = 0; i < 40; ++i) {
            const Reply r = buy(n, "p" + std::to_string(i));
            QCOMPARE(r.status, 201);
            orders.emplace_back(std::string(r.json().at("order_id").as_string()),
                                "p" + std::to_string(i));
        }
        QCOMPARE(buy(n, "late").status, 410);
        QCOMPARE(admin(n, verb::post, "/admin/v1/faults",
                       R"({"faults":[{"kind":"ledger_latency","ms":100,"duration_s":600}]})")
                     .status,
                 200);
        std::atomic<int> paid{0};
        std::vector<std::thread> payers;
        for (const auto& [id, user] : orders)
            payers.emplace_back([&, id, user] {
                if (n.client()
                        .request(verb::post, "/v1/orders/" + id + "/pay?user=" + user)
                        .status == 200)
                    ++paid;
            });
        // Every pay is in: each one waits on two slow ledger calls on a pool of four.
        SECKILL_WAIT_FOR(n.engine->faults().hits(store::FaultKind::ledger_latency) >= 4,
                         "the pays to reach the ledger",
                         std::to_string(n.engine->faults().hits(store::FaultKind::ledger_latency)) +
                             " slow calls",
                         5000);
        const Reply sold_out = buy(n, "later");
        const int paid_when_answered = paid.load();
        for (auto& t : payers) t.join();
        QCOMPARE(sold_out.status, 410);
        QVERIFY2(paid_when_answered < 20, ("the sold-out answer waited behind " +
                                           std::to_string(paid_when_answered) + " slow pays")
                                              .c_str());
        QCOMPARE(paid.load(), 40);
    }

    void eventsFilterAndValidate() {
        NodeFixture n({}, {}, faults_allowed());
        QCOMPARE(admin(n, verb::post, "/admin/v1/faults",
                       R"({"faults":[{"kind":"ledger_error","ratio":0.001,"duration_s":60}]})")
                     .status,
                 200);
        QCOMPARE(admin(n, verb::delete_, "/admin/v1/faults").status, 200);
        std::vector<std::string> kinds;
        QVERIFY2(eventually([&] { return (kinds = event_kinds(n)).size() >= 2; }),
                 ("waited for two events published to the ledger; saw: " + joined(kinds)).c_str());
        QCOMPARE(kinds.at(0), "fault_injected");
        QCOMPARE(kinds.at(1), "faults_cleared");
        const json::value after = admin(n, verb::get, "/admin/v1/events?since=1").json();
        QCOMPARE(after.at("events").as_array().size(), std::size_t(1));
        const json::value local = admin(n, verb::get, "/admin/v1/events?scope=node").json();
        QCOMPARE(local.at("scope").as_string(), "node");
        QCOMPARE(local.at("events").as_array().size(), std::size_t(2));
        QCOMPARE(admin(n, verb::get, "/admin/v1/events?since=-1").status, 400);
        QCOMPARE(admin(n, verb::get, "/admin/v1/events?max=0").status, 400);
        QCOMPARE(admin(n, verb::get, "/admin/v1/events?scope=galaxy").status, 400);
    }
};

QTEST_GUILESS_MAIN(Faults)
#include "test_faults.moc"
