// The heartbeat's stats (node/heartbeat_stats.h): what a node writes is what every reader
// (peers' rebalance and invariants, nginx config, the console) reads back, field for field,
// and a hostile or foreign document reads as defaults rather than as wrong numbers.
#include <QtTest>

#include "node/heartbeat_stats.h"
#include "node_fixture.h"

using namespace seckill;
using namespace seckill::node;
using namespace seckill::testing;
using boost::beast::http::verb;

class HeartbeatStatsTest : public QObject {
    Q_OBJECT

  private Q_SLOTS:
    void everyFieldSurvivesTheWire();
    void hostileFieldsReadAsDefaults_data();
    void hostileFieldsReadAsDefaults();
    void outOfRangeValuesAreClamped();
    void aNodesOwnReportReadsBack();
};

void HeartbeatStatsTest::everyFieldSurvivesTheWire() {
    HeartbeatStats s;
    s.requests = 123'456;
    s.rps = 812.5;
    s.weight = 3;
    for (std::size_t i = 0; i < s.buys.size(); ++i) s.buys[i] = 10 + i;
    for (std::size_t i = 0; i < s.pipeline.size(); ++i) s.pipeline[i] = 100 + i;
    s.p50_ms = 0.25;
    s.p99_ms = 4.75;
    for (std::size_t i = 0; i < s.latency_buckets.size(); ++i) s.latency_buckets[i] = i * 7;
    s.heartbeat_ms = 250;
    s.ttl_ms = 2000;
    s.lease = 90;
    s.leases = {{"a", 40}, {"b", 50}};
    s.lease_targets = {{"a", 45}};
    s.lease_disagreements = {{"b", {50, 49}}};
    s.undersold = {{"a", 2}};
    s.sold = 77;
    s.queue_depth = 5;
    s.order_writer = true;
    s.degrade_level = 2;
    s.degrade_manual = 1;
    s.degrade_auto = 2;
    s.ledger_breaker = "open";
    s.order_db_breaker = "half_open";
    s.faults = {{7, "ledger_latency", 120, 30, 0.5, 60, 12.5, ""},
                {8, "order_db_down", 0, 0, 1, 5, 4, "n2"}};
    s.epoch = 4;
    s.may_sell = false;
    s.fenced = 1;
    s.control_version = 9;

    const HeartbeatStats back = parse_heartbeat_stats(to_json(s));
    // Field by field first, so a failure names the field; then the whole.
    QCOMPARE(back.buys, s.buys);
    QCOMPARE(back.pipeline, s.pipeline);
    QCOMPARE(back.latency_buckets, s.latency_buckets);
    QCOMPARE(back.leases, s.leases);
    QCOMPARE(back.lease_disagreements.size(), std::size_t(1));
    QCOMPARE(back.faults.size(), std::size_t(2));
    QCOMPARE(back.faults[0].ms, std::int64_t(120));
    QCOMPARE(back.faults[1].node, std::string("n2"));
    QVERIFY(back == s);
}

void HeartbeatStatsTest::hostileFieldsReadAsDefaults_data() {
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("not json") << QByteArray("not json");
    QTest::newRow("an array") << QByteArray("[1,2]");
    QTest::newRow("wrong types") << QByteArray(
        R"({"requests":"many","buys":[1],"leases":7,"breakers":1,)"
        R"("faults":{"kind":"ledger_down"},"order_writer":"yes"})");
    QTest::newRow("negative counts")
        << QByteArray(R"({"requests":-5,"buys":{"reserved":-3},"epoch":-1})");
    QTest::newRow("cadence out of range") << QByteArray(R"({"heartbeat_ms":0,"ttl_ms":-1})");
    QTest::newRow("cadence huge") << QByteArray(
        R"({"heartbeat_ms":9223372036854775807,"ttl_ms":1e300})");
    QTest::newRow("rates not finite") << QByteArray(R"({"rps":1e400,"p99_ms":-1})");
    QTest::newRow("weight out of range") << QByteArray(R"({"weight":1e300})");
    QTest::newRow("disagreement not an object") << QByteArray(R"({"lease_disagreements":{"s":5}})");
}

void HeartbeatStatsTest::hostileFieldsReadAsDefaults() {
    QFETCH(QByteArray, json);
    const HeartbeatStats s = parse_heartbeat_stats(json.toStdString());
    QVERIFY2(s == HeartbeatStats{}, ("read as other than the defaults: " + json).constData());
}

void HeartbeatStatsTest::outOfRangeValuesAreClamped() {
    const HeartbeatStats s = parse_heartbeat_stats(
        R"({"buys":{"reserved":4,"from_the_future":3},"latency_buckets":[1e30,5],)"
        R"("faults":[{"id":1,"kind":"no_such_kind"},{"id":2,"kind":"ledger_latency","ms":1e9,)"
        R"("ratio":7,"left_s":1e12}],"degrade_level":99,"heartbeat_ms":500,"ttl_ms":100})");
    // Known outcomes by name, the rest counted apart (the console charts them as errors).
    QCOMPARE(s.buys[std::size_t(BuyOutcome::reserved)], std::uint64_t(4));
    QCOMPARE(s.unknown_buys, std::uint64_t(3));
    QCOMPARE(s.latency_buckets[0], std::uint64_t(1) << 40);  // capped: sums cannot wrap
    QCOMPARE(s.latency_buckets[1], std::uint64_t(5));
    QCOMPARE(s.faults.size(), std::size_t(2));  // an unknown kind (a newer node's) still shows
    QCOMPARE(s.faults[0].kind, std::string("no_such_kind"));
    QCOMPARE(s.faults[1].ms, store::max_fault_ms);
    QCOMPARE(s.faults[1].ratio, 1.0);
    QCOMPARE(s.faults[1].left_s, double(store::max_fault_duration_ms) / 1000.0);
    QCOMPARE(s.degrade_level, 3);
    QCOMPARE(s.heartbeat_ms, Millis(500));
    QCOMPARE(s.ttl_ms, Millis(5000));  // shorter than one beat: not a TTL
}

// A real node's report: three buys over HTTP, read back through the shared reader.
void HeartbeatStatsTest::aNodesOwnReportReadsBack() {
    NodeFixture node;
    auto c = node.client();
    QCOMPARE(
        c.request(verb::post, "/admin/v1/sales",
                  R"({"sale":"h","name":"H","total":2,"pay_timeout_s":600})", NodeFixture::token)
            .status,
        201);
    QCOMPARE(c.request(verb::post, "/admin/v1/sales/h/start", {}, NodeFixture::token).status, 200);
    QCOMPARE(c.request(verb::post, "/v1/sales/h/buy?user=u1").status, 201);
    QCOMPARE(c.request(verb::post, "/v1/sales/h/buy?user=u1").status, 409);
    QCOMPARE(c.request(verb::post, "/v1/sales/nope/buy?user=u2").status, 404);
    const HeartbeatStats s = parse_heartbeat_stats(node.engine->housekeeper().stats_json());
    QCOMPARE(s.buys[std::size_t(BuyOutcome::reserved)], std::uint64_t(1));
    QCOMPARE(s.buys[std::size_t(BuyOutcome::limit_reached)], std::uint64_t(1));
    QCOMPARE(s.buys[std::size_t(BuyOutcome::not_found)], std::uint64_t(1));
    QCOMPARE(s.unknown_buys, std::uint64_t(0));
    QCOMPARE(s.sold, std::int64_t(1));
    QVERIFY(s.order_writer);
    QCOMPARE(s.leases.count("h"), std::size_t(1));
    QCOMPARE(s.weight, std::int64_t(1));
}

QTEST_GUILESS_MAIN(HeartbeatStatsTest)
#include "test_heartbeat_stats.moc"
