// GET /admin/v1/orders/{id}: one order's journey as the console's Order journey reads it
// from an attached node — the ledger's record with its queue position, and when the node's
// order DB stored it. Admin only, like every /admin route.
#include <QtTest>

#include "core/time_format.h"
#include "node_fixture.h"

using namespace seckill;
using namespace seckill::testing;
using boost::beast::http::verb;

class OrderJourneyApi : public QObject {
    Q_OBJECT

  private Q_SLOTS:
    void init() { node_ = std::make_unique<NodeFixture>(); }
    void cleanup() { node_.reset(); }

    void paidOrderCarriesEveryStage();
    void cancelledOrderSaysSo();
    void needsTokenAndAValidId();

  private:
    Reply admin(verb m, const std::string& target) {
        return node_->client().request(m, target, {}, NodeFixture::token);
    }
    std::string buy(const std::string& user);
    void create_and_start();

    std::unique_ptr<NodeFixture> node_;
};

// Outside the class: moc misreads raw string literals inside a Q_OBJECT body.
void OrderJourneyApi::create_and_start() {
    const Reply created = node_->client().request(verb::post, "/admin/v1/sales",
                                                  R"({"sale":"j","total":5})", NodeFixture::token);
    QCOMPARE(created.status, 201);
    QCOMPARE(admin(verb::post, "/admin/v1/sales/j/start").status, 200);
}

std::string OrderJourneyApi::buy(const std::string& user) {
    const Reply r = node_->client().request(verb::post, "/v1/sales/j/buy?user=" + user);
    return r.status == 201 ? std::string(r.json().at("order_id").as_string()) : std::string();
}

void OrderJourneyApi::paidOrderCarriesEveryStage() {
    create_and_start();
    const std::string id = buy("alice");
    QVERIFY(!id.empty());
    QCOMPARE(node_->client().request(verb::post, "/v1/orders/" + id + "/pay?user=alice").status,
             200);
    Reply j;
    // Acknowledged too (queue position null): the writer stores a batch, then acknowledges
    // it, and its reserved and paid events may travel in one batch.
    SECKILL_WAIT_FOR(
        (j = admin(verb::get, "/admin/v1/orders/" + id)).status == 200 &&
            j.json().at("in_order_db").as_bool() && j.json().at("status").as_string() == "paid" &&
            !j.json().at("written_at").is_null() && j.json().at("queue_position").is_null(),
        "the paid order written and acknowledged, with its write time", j.describe(), 5000);
    const boost::json::value doc = j.json();
    const auto& o = doc.as_object();
    QVERIFY(o.at("in_ledger").as_bool());
    QVERIFY(o.at("written").as_bool());
    QVERIFY(o.at("queue_position").is_null());
    const Millis created = parse_rfc3339(o.at("created_at").as_string()).value_or(0);
    const Millis written = parse_rfc3339(o.at("written_at").as_string()).value_or(0);
    QVERIFY(created > 0);
    // Written by the order writer after the ledger reserved it (the writer's wall clock and
    // the node's ManualClock differ, so only the DB row's presence is compared, not the order).
    QVERIFY(written > 0);
    QCOMPARE(o.at("user").as_string(), "alice");
}

void OrderJourneyApi::cancelledOrderSaysSo() {
    create_and_start();
    const std::string id = buy("bob");
    QCOMPARE(node_->client().request(verb::post, "/v1/orders/" + id + "/cancel?user=bob").status,
             200);
    const Reply j = admin(verb::get, "/admin/v1/orders/" + id);
    QCOMPARE(j.status, 200);
    QCOMPARE(j.json().at("status").as_string(), "cancelled");
}

void OrderJourneyApi::needsTokenAndAValidId() {
    const std::string nobody = "0123456789abcdef0123456789abcdef";
    QCOMPARE(node_->client().request(verb::get, "/admin/v1/orders/" + nobody).status, 401);
    QCOMPARE(node_->client().request(verb::get, "/admin/v1/orders/" + nobody, {}, "wrong").status,
             403);
    QCOMPARE(admin(verb::get, "/admin/v1/orders/" + nobody).status, 404);
    QCOMPARE(admin(verb::get, "/admin/v1/orders/nothex").status, 400);
    QCOMPARE(admin(verb::post, "/admin/v1/orders/" + nobody).status, 405);
    QCOMPARE(admin(verb::get, "/admin/v1/orders").status, 404);
}

QTEST_GUILESS_MAIN(OrderJourneyApi)
#include "test_order_journey_api.moc"
