// The load generator against a real node: what it reports matches what the ledger holds.
#include <QtTest>

#include "auth/key_file.h"
#include "load/load_generator.h"
#include "node/node_fixture.h"
#include "support/sale_builder.h"

using namespace seckill;
using namespace seckill::testing;

class LoadGeneratorTest : public QObject {
    Q_OBJECT

  private Q_SLOTS:
    void reportMatchesLedger();
    void pacedRunKeepsItsRate();
    void jwtBuyersPayAndCancel();
    void historyHasEveryAnswer();
};

namespace {

void add_sale(NodeFixture& node, const std::string& id, std::int64_t total) {
    QVERIFY(node.ledger.create_sale(seckill::testing::sale_config(id, total), SaleState::running,
                                    node.clock.now_ms()));
    node.engine->refresh_sale(id);
}

// Options aimed at the fixture's node and sale; each test sets only what it varies.
load::LoadOptions aimed_at(const NodeFixture& node, const std::string& sale) {
    load::LoadOptions o;
    o.port = node.server->port();
    o.sale = sale;
    return o;
}

}  // namespace

void LoadGeneratorTest::reportMatchesLedger() {
    NodeFixture node;
    add_sale(node, "ld", 300);
    load::LoadOptions o = aimed_at(node, "ld");
    o.users = 2000;
    o.duration_s = 2;
    o.connections = 8;
    o.pay_share = 0.5;
    o.cancel_share = 0.2;
    o.pay_delay_ms = 20;
    load::LoadGenerator generator(o);
    const load::LoadReport r = generator.run();

    QCOMPARE(r.transport_errors, std::int64_t(0));
    QVERIFY(r.total_buys() > 300);
    QVERIFY(r.buys.at("reserved") >= 300);  // cancelled units sell again
    QVERIFY(r.buys.count("sold_out") || r.buys.count("limit_reached"));
    QVERIFY(r.paid > 0);
    QVERIFY(r.cancelled > 0);
    QCOMPARE(r.pay_failed, std::int64_t(0));
    QVERIFY(r.latency.count == std::uint64_t(r.total_buys()));

    const auto view = node.ledger.get_sale("ld", node.clock.now_ms());
    QCOMPARE(view->stock.paid, r.paid);
    QCOMPARE(view->stock.reserved + view->stock.paid + r.cancelled, r.buys.at("reserved"));
    const auto json = r.to_json();
    QVERIFY(json.find("\"buys_per_second\"") != std::string::npos);
    QVERIFY(r.to_table().find("latency p99 ms") != std::string::npos);
}

void LoadGeneratorTest::pacedRunKeepsItsRate() {
    NodeFixture node;
    add_sale(node, "pace", 10);
    load::LoadOptions o = aimed_at(node, "pace");
    o.rate = 500;
    o.duration_s = 1;
    o.connections = 4;
    load::LoadGenerator generator(o);
    const load::LoadReport r = generator.run();
    // 500/s for one second: the schedule allows 500 buys, give or take one slot per connection,
    // and never more. How close a loaded machine comes to it is not this test's question.
    QVERIFY2(r.total_buys() >= 10 && r.total_buys() <= 510,
             qPrintable(QString::number(r.total_buys())));
    QCOMPARE(r.buys.at("reserved"), std::int64_t(10));
}

void LoadGeneratorTest::jwtBuyersPayAndCancel() {
    // The node believes only tokens; each virtual user mints its own from the shared secret,
    // and pays or cancels its own orders with it.
    const std::string secret = "load-test-secret-0123456789abcdef0123";
    node::http::RouterOptions router;
    router.buyer_auth.mode = node::http::BuyerAuthMode::jwt;
    router.buyer_auth.jwt_key = auth::JwtKey{auth::JwtKey::Kind::hs256_secret, secret};
    NodeFixture node({}, {}, router);
    add_sale(node, "jl", 100);
    load::LoadOptions o = aimed_at(node, "jl");
    o.users = 500;
    o.duration_s = 1;
    o.connections = 4;
    o.pay_share = 0.5;
    o.cancel_share = 0.3;
    o.pay_delay_ms = 10;
    o.jwt_secret = secret;
    load::LoadGenerator generator(o);
    const load::LoadReport r = generator.run();
    QVERIFY(r.buys.at("reserved") >= 100);
    QCOMPARE(r.buys.count("unauthorized"), std::size_t(0));
    QVERIFY(r.paid > 0);
    QVERIFY(r.cancelled > 0);
    QCOMPARE(r.pay_failed, std::int64_t(0));
}

QTEST_GUILESS_MAIN(LoadGeneratorTest)
#include "test_load_generator.moc"

void LoadGeneratorTest::historyHasEveryAnswer() {
    NodeFixture node;
    add_sale(node, "hist", 200);
    load::LoadOptions o = aimed_at(node, "hist");
    o.users = 500;
    o.duration_s = 1;
    o.connections = 4;
    o.pay_share = 0.5;
    o.cancel_share = 0.3;
    o.pay_delay_ms = 10;
    load::History history;
    o.history = &history;
    load::LoadGenerator generator(o);
    const load::LoadReport r = generator.run();

    std::int64_t buys = 0, reserved = 0, paid = 0, cancelled = 0;
    for (const auto& a : history.answers) {
        QVERIFY2(a.answered_ms >= a.sent_ms && a.sent_ms >= 0, a.user.c_str());
        QVERIFY(!a.user.empty());
        if (a.op == load::Op::buy) {
            ++buys;
            if (a.http_status == 201) {
                ++reserved;
                QCOMPARE(a.code, std::string("reserved"));
                QCOMPARE(a.order_id.size(), std::size_t(32));
                const auto order = node.ledger.get_order(a.order_id);
                QVERIFY(order && order->user == a.user);
                // The fixture's node runs on a manual clock: the deadline is the ledger's.
                QCOMPARE(a.pay_before_wall_ms, order->pay_before);
            }
        } else {
            QCOMPARE(a.http_status, 200);
            QVERIFY(!a.order_id.empty());
            (a.op == load::Op::pay ? paid : cancelled) += 1;
            QCOMPARE(a.code, std::string(a.op == load::Op::pay ? "paid" : "cancelled"));
        }
    }
    QCOMPARE(buys, r.total_buys());
    QCOMPARE(reserved, r.buys.at("reserved"));
    QCOMPARE(paid, r.paid);
    QCOMPARE(cancelled, r.cancelled);
}
