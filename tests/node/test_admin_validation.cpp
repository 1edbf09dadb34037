// Hostile operator input: every number in admin JSON is an integer in a stated range, times
// fall inside 2000..2100, and the rebalance planner terminates and never overflows whatever
// it is given. Each bad request is a 400 with a sentence, and the node keeps serving.
#include <QtTest>
#include <climits>
#include <cmath>
#include <limits>

#include "node/rebalance.h"
#include "node_fixture.h"

using namespace seckill;
using namespace seckill::testing;
using boost::beast::http::verb;

class AdminValidation : public QObject {
    Q_OBJECT

  private Q_SLOTS:
    void reportedCasesAreRefusedAndTheNodeServes();
    void createSaleFields_data();
    void createSaleFields();
    void rebalanceFields();
    void plannerIsTotalAndExact();
};

namespace {

Reply admin(NodeFixture& node, verb m, const std::string& target, const std::string& body = {}) {
    return node.client().request(m, target, body, NodeFixture::token);
}

std::int64_t sum(const node::Allocation& a) {
    std::int64_t s = 0;
    for (const auto& [id, n] : a) s += n;
    return s;
}

}  // namespace

void AdminValidation::reportedCasesAreRefusedAndTheNodeServes() {
    NodeFixture node;
    QCOMPARE(admin(node, verb::post, "/admin/v1/sales", R"({"sale":"s1","total":100})").status,
             201);
    QCOMPARE(admin(node, verb::post, "/admin/v1/sales/s1/start").status, 200);
    // Used to spin forever in share(); then to overflow the counts' sum; then to open the
    // sale (seconds * 1000 wrapped to a time in the past).
    const Reply weights = admin(node, verb::post, "/admin/v1/sales/s1/rebalance",
                                R"({"strategy":"weighted","weights":{"n1":1e308}})");
    QCOMPARE(weights.status, 400);
    QVERIFY2(weights.json().at("error").as_string().find("weights.n1") != std::string::npos,
             weights.body.c_str());
    const Reply counts =
        admin(node, verb::post, "/admin/v1/sales/s1/rebalance",
              R"({"strategy":"manual","counts":{"n1":9223372036854775807,"n2":1}})");
    QCOMPARE(counts.status, 400);
    QVERIFY2(counts.json().at("error").as_string().find("counts.n1") != std::string::npos,
             counts.body.c_str());
    const Reply starts = admin(node, verb::post, "/admin/v1/sales",
                               R"({"sale":"t1","total":10,"starts_at":9223372036854775807})");
    QCOMPARE(starts.status, 400);
    QVERIFY2(starts.json().at("error").as_string().find("starts_at") != std::string::npos,
             starts.body.c_str());
    QCOMPARE(admin(node, verb::get, "/admin/v1/sales").json().at("sales").as_array().size(),
             std::size_t(1));

    // Still serving, and good requests still work.
    QCOMPARE(node.client().request(verb::get, "/healthz").status, 200);
    const Reply ok = admin(node, verb::post, "/admin/v1/sales/s1/rebalance",
                           R"({"strategy":"weighted","weights":{"n1":1000000}})");
    QCOMPARE(ok.status, 200);
    QCOMPARE(ok.json().at("allocation").at("n1").as_int64(), 100);
    QCOMPARE(node.client().request(verb::post, "/v1/sales/s1/buy?user=u").status, 201);
}

void AdminValidation::createSaleFields_data() {
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("field");  // the error names it
    const QList<std::pair<const char*, const char*>> cases = {
        {R"({"sale":"x","total":2.5})", "total"},
        {R"({"sale":"x","total":1e3})", "total"},
        {R"({"sale":"x","total":100000001})", "total"},
        {R"({"sale":"x","total":18446744073709551615})", "total"},
        {R"({"sale":"x","total":-1})", "total"},
        {R"({"sale":"x","total":true})", "total"},
        {R"({"sale":"x"})", "total"},
        {R"({"sale":"x","total":5,"per_user_limit":1.5})", "per_user_limit"},
        {R"({"sale":"x","total":5,"per_user_limit":1001})", "per_user_limit"},
        {R"({"sale":"x","total":5,"per_user_limit":4294967297})", "per_user_limit"},
        {R"({"sale":"x","total":5,"pay_timeout_s":604801})", "pay_timeout_s"},
        {R"({"sale":"x","total":5,"pay_timeout_s":-9223372036854775808})", "pay_timeout_s"},
        {R"({"sale":"x","total":5,"pay_timeout_s":"600"})", "pay_timeout_s"},
        {R"({"sale":"x","total":5,"starts_at":946684799})", "starts_at"},
        {R"({"sale":"x","total":5,"starts_at":4102444801})", "starts_at"},
        {R"({"sale":"x","total":5,"starts_at":-9223372036854775808})", "starts_at"},
        {R"({"sale":"x","total":5,"starts_at":1.7e9})", "starts_at"},
        {R"({"sale":"x","total":5,"starts_at":"1999-12-31T23:59:59Z"})", "starts_at"},
        {R"({"sale":"x","total":5,"ends_at":"2100-01-01T00:00:01Z"})", "ends_at"},
        {R"({"sale":"x","total":5,"ends_at":"9999-12-31T23:59:59Z"})", "ends_at"},
        {R"({"sale":"x","total":5,"ends_at":[]})", "ends_at"},
        {R"({"sale":7,"total":5})", "sale"},
        {R"({"sale":"x","name":{},"total":5})", "name"},
    };
    for (const auto& [body, field] : cases)
        QTest::newRow(body) << QByteArray(body) << QByteArray(field);
}

void AdminValidation::createSaleFields() {
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, field);
    NodeFixture node;
    const Reply r = admin(node, verb::post, "/admin/v1/sales", body.toStdString());
    QCOMPARE(r.status, 400);
    const std::string error = r.json().at("error").as_string().c_str();
    QVERIFY2(error.find(field.toStdString()) != std::string::npos, error.c_str());
    // The edges of each range are accepted.
    QCOMPARE(
        admin(node, verb::post, "/admin/v1/sales",
              R"({"sale":"edge","total":100000000,"per_user_limit":1000,"pay_timeout_s":604800,)"
              R"("starts_at":946684800,"ends_at":"2100-01-01T00:00:00Z"})")
            .status,
        201);
}

void AdminValidation::rebalanceFields() {
    NodeFixture node;
    QCOMPARE(admin(node, verb::post, "/admin/v1/sales", R"({"sale":"r","total":10})").status, 201);
    for (const char* bad :
         {R"({"strategy":"weighted","weights":{"n1":0.5}})",
          R"({"strategy":"weighted","weights":{"n1":-1}})",
          R"({"strategy":"weighted","weights":{"n1":1000001}})",
          R"({"strategy":"weighted","weights":{"n1":"2"}})",
          R"({"strategy":"weighted","weights":{"n1":1e-300}})",
          R"({"strategy":"manual","counts":{"n1":1.0}})",
          R"({"strategy":"manual","counts":{"n1":-1}})",
          R"({"strategy":"manual","counts":{"n1":18446744073709551615}})",
          R"({"strategy":"manual","counts":{"bad id":1}})", R"({"strategy":"manual","counts":[1]})",
          R"({"strategy":"sideways"})", R"({})"}) {
        const Reply r = admin(node, verb::post, "/admin/v1/sales/r/rebalance", bad);
        QVERIFY2(r.status == 400, bad);
        QVERIFY2(!r.json().at("error").as_string().empty(), bad);
    }
    // In range but impossible: a sentence with 409, not 400.
    QCOMPARE(admin(node, verb::post, "/admin/v1/sales/r/rebalance",
                   R"({"strategy":"manual","counts":{"n1":11}})")
                 .status,
             409);
    QCOMPARE(admin(node, verb::post, "/admin/v1/sales/r/rebalance",
                   R"({"strategy":"weighted","weights":{"n1":0}})")
                 .status,
             409);
    QCOMPARE(admin(node, verb::post, "/admin/v1/sales/r/rebalance",
                   R"({"strategy":"manual","counts":{"n1":10}})")
                 .status,
             200);
}

void AdminValidation::plannerIsTotalAndExact() {
    using node::RebalanceRequest;
    using node::RebalanceStrategy;
    const std::vector<node::NodeLoad> three{{"a", 0}, {"b", 0}, {"c", 0}};
    constexpr std::int64_t huge = std::numeric_limits<std::int64_t>::max();

    // Largest weights with the largest unit count: exact sum, no overflow, terminates.
    RebalanceRequest w{RebalanceStrategy::weighted,
                       {},
                       {{"a", node::max_rebalance_weight}, {"b", 1}, {"c", 999'999}}};
    auto plan = node::plan_rebalance(w, three, huge);
    QVERIFY(std::holds_alternative<node::Allocation>(plan));
    QCOMPARE(sum(std::get<node::Allocation>(plan)), huge);
    // Out-of-range weights from a caller that skipped the API: refused, not looped on.
    w.weights["a"] = node::max_rebalance_weight + 1;
    QVERIFY(std::holds_alternative<std::string>(node::plan_rebalance(w, three, 10)));
    w.weights["a"] = -5;
    QVERIFY(std::holds_alternative<std::string>(node::plan_rebalance(w, three, 10)));

    // Counts whose sum overflows: refused with a sentence.
    RebalanceRequest m{RebalanceStrategy::manual, {{"a", huge}, {"b", 1}}, {}};
    const auto overflow = node::plan_rebalance(m, three, 100);
    QVERIFY(std::holds_alternative<std::string>(overflow));

    // Demand with rates a heartbeat should never send: NaN, infinity, negative, enormous.
    const std::vector<node::NodeLoad> odd{{"a", std::nan("")},
                                          {"b", std::numeric_limits<double>::infinity()},
                                          {"c", -3},
                                          {"d", 1e300}};
    const auto demand = node::plan_rebalance({RebalanceStrategy::demand, {}, {}}, odd, 1'000'001);
    QVERIFY(std::holds_alternative<node::Allocation>(demand));
    QCOMPARE(sum(std::get<node::Allocation>(demand)), std::int64_t(1'000'001));

    // Largest remainders: 10 units over weights 1:1:1 -> 4, 3, 3 (ties to the first listed).
    const auto even = std::get<node::Allocation>(
        node::plan_rebalance({RebalanceStrategy::even, {}, {}}, three, 10));
    QCOMPARE(even.at("a"), 4);
    QCOMPARE(even.at("b"), 3);
    QCOMPARE(even.at("c"), 3);
    for (std::int64_t units : {0LL, 1LL, 2LL, 7LL, 1'000'003LL})
        QCOMPARE(sum(std::get<node::Allocation>(
                     node::plan_rebalance({RebalanceStrategy::even, {}, {}}, three, units))),
                 units);
}

QTEST_GUILESS_MAIN(AdminValidation)
#include "test_admin_validation.moc"
