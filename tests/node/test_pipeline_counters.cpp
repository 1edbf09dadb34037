// The buy path's stage counters (node/pipeline.h) over real HTTP: a few buys, each ending
// at a known stage, move exactly the counters of those stages, in /metrics and in the
// heartbeat's "pipeline" object alike.
#include <QtTest>

#include "node/pipeline.h"
#include "node_fixture.h"

using namespace seckill;
using namespace seckill::testing;
using boost::beast::http::verb;
namespace json = boost::json;

class PipelineCounters : public QObject {
    Q_OBJECT

  private Q_SLOTS:
    void init() { node_ = std::make_unique<NodeFixture>(); }
    void cleanup() { node_.reset(); }
    void eachBuyMovesItsStage();

  private:
    int buy(const std::string& sale, const std::string& user) {
        return node_->client()
            .request(verb::post, "/v1/sales/" + sale + "/buy?user=" + user)
            .status;
    }
    // The node's last heartbeat stats as the ledger holds them; empty before the first.
    json::object heartbeat_pipeline() {
        for (const auto& n : node_->ledger.list_nodes(node_->clock.now_ms(), 60'000)) {
            if (n.id != "n1" || n.stats_json.empty()) continue;
            const json::value stats = json::parse(n.stats_json);
            if (const auto* p = stats.as_object().if_contains("pipeline")) return p->as_object();
        }
        return {};
    }

    std::unique_ptr<NodeFixture> node_;
};

void PipelineCounters::eachBuyMovesItsStage() {
    auto c = node_->client();
    QCOMPARE(
        c.request(verb::post, "/admin/v1/sales",
                  R"({"sale":"p","name":"P","total":3,"pay_timeout_s":600})", NodeFixture::token)
            .status,
        201);
    QCOMPARE(c.request(verb::post, "/admin/v1/sales/p/start", {}, NodeFixture::token).status, 200);
    QCOMPARE(buy("p", "u1"), 201);
    QCOMPARE(buy("p", "u1"), 409);  // limit reached (per-user limit 1)
    QCOMPARE(buy("p", "u2"), 201);
    QCOMPARE(buy("p", "u3"), 201);
    QCOMPARE(buy("p", "u4"), 410);     // the refill found the pool empty, raising the flag
    QCOMPARE(buy("p", "u5"), 410);     // the flag
    QCOMPARE(buy("nope", "u1"), 404);  // not open (no such sale)

    const std::map<std::string, std::uint64_t> want{
        {"arrived", 7},     {"rate_limited", 0}, {"degraded", 0},
        {"not_open", 1},    {"sold_out", 2},     {"limit_reached", 1},
        {"unavailable", 0}, {"lease", 3},        {"reserved", 3}};
    QCOMPARE(want.size() + 2, node::pipeline_stages.size());  // + ledger_commit, order_db below

    const std::string metrics = c.request(verb::get, "/metrics").body;
    for (const auto& [stage, n] : want) {
        const std::string sample =
            R"(seckill_pipeline_total{node="n1",stage=")" + stage + R"("} )" + std::to_string(n);
        QVERIFY2(metrics.find(sample + "\n") != std::string::npos, sample.c_str());
    }
    // Three buys in one to three ledger calls: never more calls than buys.
    const auto calls_at =
        metrics.find(R"(seckill_pipeline_total{node="n1",stage="ledger_commit"} )");
    QVERIFY(calls_at != std::string::npos);
    const int calls = std::stoi(metrics.substr(metrics.find('}', calls_at) + 2));
    QVERIFY2(calls >= 1 && calls <= 3, std::to_string(calls).c_str());

    // The heartbeat carries the same numbers, and the order writer's events once written.
    std::string seen;
    SECKILL_WAIT_FOR(
        ([&] {
            const json::object p = heartbeat_pipeline();
            seen = json::serialize(p);
            if (p.size() != node::pipeline_stages.size()) return false;
            for (const auto& [stage, n] : want)
                if (p.at(stage).to_number<std::uint64_t>() != n) return false;
            return p.at("ledger_commit").to_number<int>() == calls &&
                   p.at("order_db").to_number<std::uint64_t>() >= 3;
        }()),
        "the heartbeat's pipeline to match /metrics and the order DB to hold the 3 reservations",
        seen, 10'000);
}

QTEST_MAIN(PipelineCounters)
#include "test_pipeline_counters.moc"
