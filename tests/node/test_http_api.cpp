// API contract v1 over real HTTP: every route, its answers, and the admin token.
#include <QtTest>

#include "core/ids.h"
#include "node_fixture.h"

using namespace seckill;
using namespace seckill::testing;
using boost::beast::http::verb;
namespace json = boost::json;

class HttpApi : public QObject {
    Q_OBJECT

  private Q_SLOTS:
    void init() { node_ = std::make_unique<NodeFixture>(); }
    void cleanup() { node_.reset(); }

    void healthReadyMetrics();
    void adminNeedsToken();
    void createSaleValidates();
    void buyFlow();
    void buyRejectsBadInput();
    void saleSnapshotBalances();
    void ordersPayCancel();
    void orderIdNeighboursAreNotOrders();
    void expiryReturnsUnits();
    void soldOutThenRestocked();
    void degradeLevels();
    void rateLimits();
    void invariantsAndNodes();
    void orderTallyServesTheDbHalf();
    void unknownRoutesAndMethods();

  private:
    Reply admin(verb m, const std::string& target, const std::string& body = {}) {
        return client().request(m, target, body, NodeFixture::token);
    }
    HttpClient client() { return node_->client(); }
    void create_and_start(const std::string& id, int total, int pay_timeout_s = 600);
    Reply buy(const std::string& sale, const std::string& user) {
        return client().request(verb::post, "/v1/sales/" + sale + "/buy?user=" + user);
    }

    std::unique_ptr<NodeFixture> node_;
};

// Defined outside the class: moc misreads raw string literals inside a Q_OBJECT body.
void HttpApi::create_and_start(const std::string& id, int total, int pay_timeout_s) {
    const std::string body = R"({"sale":")" + id + R"(","name":"Test","total":)" +
                             std::to_string(total) + R"(,"pay_timeout_s":)" +
                             std::to_string(pay_timeout_s) + "}";
    QCOMPARE(admin(verb::post, "/admin/v1/sales", body).status, 201);
    QCOMPARE(admin(verb::post, "/admin/v1/sales/" + id + "/start").status, 200);
}

void HttpApi::healthReadyMetrics() {
    auto c = client();
    QCOMPARE(c.request(verb::get, "/healthz").status, 200);
    QCOMPARE(c.request(verb::get, "/readyz").json().at("status").as_string(), "ready");
    create_and_start("m", 1);
    QCOMPARE(buy("m", "u1").status, 201);
    const Reply m = c.request(verb::get, "/metrics");
    QCOMPARE(m.status, 200);
    QVERIFY(m.header("Content-Type").starts_with("text/plain"));
    QVERIFY(m.body.find(R"(seckill_buys_total{node="n1",result="reserved"} 1)") !=
            std::string::npos);
    QVERIFY(m.body.find(R"(seckill_http_requests_total{node="n1",route="buy",status="201"} 1)") !=
            std::string::npos);
    QVERIFY(m.body.find("seckill_http_request_duration_seconds_bucket") != std::string::npos);
    QVERIFY(m.body.find(R"(seckill_stock_units{node="n1",sale="m",where="pool"})") !=
            std::string::npos);
    QVERIFY(m.body.find("seckill_order_queue_depth") != std::string::npos);
    // The text format wants a family's samples together: stock before any lease sample.
    QVERIFY(m.body.rfind("seckill_stock_units{") < m.body.find("seckill_node_lease_units{"));
    QVERIFY(m.body.find(R"(seckill_invariant_ok{node="n1",sale="m",id="I1"} 1)") !=
            std::string::npos);
    QVERIFY(m.body.find(R"(seckill_invariant_ok{node="n1",sale="m",id="I8"} 1)") !=
            std::string::npos);
    QVERIFY(m.body.find("seckill_ledger_round_trip_seconds{") != std::string::npos);
}

void HttpApi::adminNeedsToken() {
    auto c = client();
    const Reply none = c.request(verb::get, "/admin/v1/nodes");
    QCOMPARE(none.status, 401);
    QCOMPARE(none.json().at("status").as_string(), "unauthorized");
    QVERIFY(!none.json().at("error").as_string().empty());
    QCOMPARE(c.request(verb::get, "/admin/v1/nodes", {}, "wrong").status, 403);
    QCOMPARE(
        c.request(verb::get, "/admin/v1/nodes", {}, {}, {{"Authorization", "Basic eA=="}}).status,
        403);
    QCOMPARE(admin(verb::get, "/admin/v1/nodes").status, 200);
}

void HttpApi::createSaleValidates() {
    const Reply created = admin(
        verb::post, "/admin/v1/sales",
        R"({"sale":"s1","name":"Phone","total":10,"per_user_limit":2,"pay_timeout_s":60,"starts_at":null,"ends_at":null})");
    QCOMPARE(created.status, 201);
    const auto j = created.json();
    QCOMPARE(j.at("sale").as_string(), "s1");
    QCOMPARE(j.at("state").as_string(), "scheduled");
    QCOMPARE(j.at("total").as_int64(), 10);
    QCOMPARE(j.at("per_user_limit").as_int64(), 2);
    QCOMPARE(admin(verb::post, "/admin/v1/sales", R"({"sale":"s1","total":10})").status, 409);
    for (
        const char* bad :
        {R"({"sale":"s 2","total":10})", R"({"sale":"s2","total":0})",
         R"({"sale":"s2","total":"ten"})", R"({"sale":"s2"})",
         R"({"sale":"s2","total":5,"per_user_limit":0})",
         R"({"sale":"s2","total":5,"pay_timeout_s":0})",
         R"({"sale":"s2","total":5,"starts_at":"tomorrow"})",
         R"({"sale":"s2","total":5,"starts_at":"2026-01-02T00:00:00Z","ends_at":"2026-01-01T00:00:00Z"})",
         R"([1,2])", R"({"sale":)", ""}) {
        const Reply r = admin(verb::post, "/admin/v1/sales", bad);
        QVERIFY2(r.status == 400, bad);
        QCOMPARE(r.json().at("status").as_string(), "bad_request");
    }
    // A scheduled sale opens by itself at starts_at.
    const std::string at = std::to_string((node_->clock.now_ms() + 60'000) / 1000);
    QCOMPARE(
        admin(verb::post, "/admin/v1/sales", R"({"sale":"later","total":3,"starts_at":)" + at + "}")
            .status,
        201);
    QCOMPARE(buy("later", "u").status, 403);
    node_->clock.advance(61'000);
    QCOMPARE(buy("later", "u").status, 201);
    QCOMPARE(admin(verb::get, "/admin/v1/sales").json().at("sales").as_array().size(),
             std::size_t(2));
}

void HttpApi::buyFlow() {
    QCOMPARE(admin(verb::post, "/admin/v1/sales", R"({"sale":"f","total":5})").status, 201);
    const Reply early = buy("f", "alice");
    QCOMPARE(early.status, 403);
    QCOMPARE(early.json().at("status").as_string(), "not_open");
    QCOMPARE(early.json().at("state").as_string(), "scheduled");
    QCOMPARE(admin(verb::post, "/admin/v1/sales/f/start").json().at("state").as_string(),
             "running");

    const Reply ok = buy("f", "alice");
    QCOMPARE(ok.status, 201);
    const auto j = ok.json();
    QCOMPARE(j.at("status").as_string(), "reserved");
    QCOMPARE(j.at("sale").as_string(), "f");
    QCOMPARE(j.at("user").as_string(), "alice");
    QVERIFY(!j.at("order_id").as_string().empty());
    QVERIFY(j.at("pay_before").as_string().ends_with("Z"));

    const Reply again = buy("f", "alice");
    QCOMPARE(again.status, 409);
    QCOMPARE(again.json().at("status").as_string(), "limit_reached");

    const Reply body_user = client().request(verb::post, "/v1/sales/f/buy", R"({"user":"bob"})");
    QCOMPARE(body_user.status, 201);
    QCOMPARE(body_user.json().at("user").as_string(), "bob");

    QCOMPARE(admin(verb::post, "/admin/v1/sales/f/pause").status, 200);
    QCOMPARE(buy("f", "carol").json().at("state").as_string(), "paused");
    QCOMPARE(admin(verb::post, "/admin/v1/sales/f/start").status, 200);
    QCOMPARE(buy("f", "carol").status, 201);
    QCOMPARE(admin(verb::post, "/admin/v1/sales/f/end").status, 200);
    QCOMPARE(buy("f", "dave").json().at("state").as_string(), "ended");
    QCOMPARE(admin(verb::post, "/admin/v1/sales/f/start").status, 409);
    QCOMPARE(admin(verb::post, "/admin/v1/sales/nope/start").status, 404);
}

void HttpApi::buyRejectsBadInput() {
    create_and_start("b", 5);
    auto c = client();
    QCOMPARE(c.request(verb::post, "/v1/sales/b/buy").status, 400);  // no user
    QCOMPARE(buy("b", "bad%20user").status, 400);
    QCOMPARE(buy("b", std::string(65, 'u')).status, 400);
    QCOMPARE(buy("b", std::string(64, 'u')).status, 201);
    QCOMPARE(c.request(verb::post, "/v1/sales/b/buy", R"({"user":42})").status, 400);
    QCOMPARE(c.request(verb::post, "/v1/sales/b/buy", R"({"user":)").status, 400);
    QCOMPARE(c.request(verb::post, "/v1/sales/b/buy?user=x", R"({"user":"y"})").status, 400);
    QCOMPARE(buy("b$", "u").status, 400);
    QCOMPARE(buy(std::string(33, 's'), "u").status, 400);
    const Reply missing = buy("nosuch", "u");
    QCOMPARE(missing.status, 404);
    QCOMPARE(missing.json().at("status").as_string(), "not_found");
    const Reply get = c.request(verb::get, "/v1/sales/b/buy?user=u");
    QCOMPARE(get.status, 405);
    QCOMPARE(get.header("Allow"), "POST");
    // Nothing above touched the stock.
    QCOMPARE(c.request(verb::get, "/v1/sales/b").json().at("sold").as_int64(), 1);
}

void HttpApi::saleSnapshotBalances() {
    create_and_start("snap", 7);
    for (const char* u : {"a", "b", "c"}) QCOMPARE(buy("snap", u).status, 201);
    const auto j = client().request(verb::get, "/v1/sales/snap").json();
    for (const char* field :
         {"sale", "name", "state", "total", "sold", "reserved", "paid", "remaining",
          "per_user_limit", "pay_timeout_s", "starts_at", "ends_at"})
        QVERIFY2(j.as_object().contains(field), field);
    QCOMPARE(j.at("sold").as_int64(), 3);
    QCOMPARE(j.at("remaining").as_int64() + j.at("reserved").as_int64() + j.at("paid").as_int64(),
             j.at("total").as_int64());
    QCOMPARE(client().request(verb::get, "/v1/sales/none").status, 404);
    QCOMPARE(client().request(verb::post, "/v1/sales/snap").status, 405);
}

void HttpApi::ordersPayCancel() {
    create_and_start("o", 5);
    const std::string a = buy("o", "a").json().at("order_id").as_string().c_str();
    const std::string b = buy("o", "b").json().at("order_id").as_string().c_str();
    auto c = client();
    const Reply got = c.request(verb::get, "/v1/orders/" + a + "?user=a");
    QCOMPARE(got.status, 200);
    QCOMPARE(got.json().at("status").as_string(), "reserved");
    QVERIFY(got.json().as_object().contains("queue_position"));
    QCOMPARE(
        c.request(verb::post, "/v1/orders/" + a + "/pay?user=a").json().at("status").as_string(),
        "paid");
    QCOMPARE(c.request(verb::post, "/v1/orders/" + a + "/pay?user=a").status, 200);  // idempotent
    const Reply cancel_paid = c.request(verb::post, "/v1/orders/" + a + "/cancel?user=a");
    QCOMPARE(cancel_paid.status, 409);
    QCOMPARE(cancel_paid.json().at("status").as_string(), "paid");
    QCOMPARE(
        c.request(verb::post, "/v1/orders/" + b + "/cancel?user=b").json().at("status").as_string(),
        "cancelled");
    const Reply pay_cancelled = c.request(verb::post, "/v1/orders/" + b + "/pay?user=b");
    QCOMPARE(pay_cancelled.status, 409);
    QCOMPARE(pay_cancelled.json().at("status").as_string(), "cancelled");
    QCOMPARE(buy("o", "b").status, 201);  // the cancelled buyer may buy again
    const std::string nobody = "0123456789abcdef0123456789abcdef";
    QCOMPARE(c.request(verb::get, "/v1/orders/" + nobody + "?user=a").status, 404);
    QCOMPARE(c.request(verb::post, "/v1/orders/" + nobody + "/pay?user=a").status, 404);
    for (const std::string& bad :
         {std::string("abc"), std::string("12345"), a.substr(1), a + "0", std::string(32, 'F')}) {
        const Reply r = c.request(verb::get, "/v1/orders/" + bad + "?user=a");
        QCOMPARE(r.status, 400);
        QCOMPARE(r.json().at("error").as_string(), "order id must be 32 lowercase hex digits");
    }
    QCOMPARE(c.request(verb::get, "/v1/orders/" + a + "/pay").status, 405);
    // The order writer puts every order into SQLite; its queue position then reads null.
    QTRY_VERIFY(node_->db->find(a).has_value() &&
                node_->db->find(a)->status == store::OrderStatus::paid);
    QTRY_VERIFY(
        c.request(verb::get, "/v1/orders/" + b + "?user=b").json().at("queue_position").is_null());
}

void HttpApi::orderIdNeighboursAreNotOrders() {
    // Ids next to a real one — in its random half or in its Snowflake half (the same
    // millisecond, worker and nearby sequence numbers) — are not orders, even to the
    // buyer who owns the real one and even with other orders made around it.
    create_and_start("nb", 100);
    for (int i = 0; i < 20; ++i) QCOMPARE(buy("nb", "x" + std::to_string(i)).status, 201);
    const std::string id = buy("nb", "a").json().at("order_id").as_string().c_str();
    for (int i = 20; i < 40; ++i) QCOMPARE(buy("nb", "x" + std::to_string(i)).status, 201);
    QVERIFY(is_valid_order_id(id));
    auto hex16 = [](std::uint64_t v) {
        char buf[17];
        std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
        return std::string(buf);
    };
    const std::uint64_t flake = std::stoull(id.substr(0, 16), nullptr, 16);
    const std::uint64_t tail = std::stoull(id.substr(16), nullptr, 16);
    auto c = client();
    QCOMPARE(c.request(verb::get, "/v1/orders/" + id + "?user=a").status, 200);
    int probed = 0;
    for (std::int64_t d = -1000; d <= 1000; ++d) {
        if (d == 0) continue;
        for (const std::string& guess : {id.substr(0, 16) + hex16(tail + std::uint64_t(d)),
                                         hex16(flake + std::uint64_t(d)) + id.substr(16)}) {
            const Reply r = c.request(verb::get, "/v1/orders/" + guess + "?user=a");
            QVERIFY2(r.status == 404, guess.c_str());
            ++probed;
        }
    }
    QCOMPARE(probed, 4000);
}

void HttpApi::expiryReturnsUnits() {
    create_and_start("x", 1, 30);
    const std::string id = buy("x", "a").json().at("order_id").as_string().c_str();
    QCOMPARE(buy("x", "b").status, 410);
    node_->clock.advance(31'000);
    // The reaper expires it within a tick; the unit sells again.
    QTRY_COMPARE(
        client().request(verb::get, "/v1/orders/" + id + "?user=a").json().at("status").as_string(),
        "expired");
    QCOMPARE(client().request(verb::post, "/v1/orders/" + id + "/pay?user=a").status, 409);
    Reply again;
    SECKILL_WAIT_FOR((again = buy("x", "b")).status == 201, "the expired unit to sell again",
                     again.describe(), 5000);
}

void HttpApi::soldOutThenRestocked() {
    create_and_start("so", 3);
    std::vector<std::string> orders;
    for (int i = 0; i < 3; ++i) {
        const Reply r = buy("so", "u" + std::to_string(i));
        QCOMPARE(r.status, 201);
        orders.push_back(r.json().at("order_id").as_string().c_str());
    }
    const Reply gone = buy("so", "late");
    QCOMPARE(gone.status, 410);
    QCOMPARE(gone.json().at("status").as_string(), "sold_out");
    QCOMPARE(client().request(verb::post, "/v1/orders/" + orders[0] + "/cancel?user=u0").status,
             200);
    Reply late;
    SECKILL_WAIT_FOR((late = buy("so", "late")).status == 201, "the cancelled unit to sell again",
                     late.describe(), 5000);
    QCOMPARE(buy("so", "later").status, 410);
}

void HttpApi::degradeLevels() {
    create_and_start("d", 10);
    const std::string id = buy("d", "a").json().at("order_id").as_string().c_str();
    QCOMPARE(admin(verb::put, "/admin/v1/degrade", R"({"level":2,"node":null})").status, 200);
    const Reply shed = buy("d", "b");
    QCOMPARE(shed.status, 503);
    QCOMPARE(shed.json().at("status").as_string(), "degraded");
    QVERIFY(!shed.header("Retry-After").empty());
    QCOMPARE(client().request(verb::get, "/v1/orders/" + id + "?user=a").status, 200);
    QCOMPARE(admin(verb::put, "/admin/v1/degrade", R"({"level":3})").status, 200);
    QCOMPARE(client().request(verb::get, "/v1/orders/" + id + "?user=a").status, 503);
    QCOMPARE(client().request(verb::get, "/v1/sales/d").status, 200);  // cached snapshot
    QCOMPARE(client().request(verb::get, "/healthz").status, 200);
    QCOMPARE(admin(verb::get, "/admin/v1/degrade").json().at("level").as_int64(), 3);
    for (const char* bad : {R"({"level":4})", R"({"level":-1})", R"({"level":"2"})", R"({})",
                            R"({"level":1,"node":"bad id"})"})
        QVERIFY2(admin(verb::put, "/admin/v1/degrade", bad).status == 400, bad);
    QCOMPARE(admin(verb::put, "/admin/v1/degrade", R"({"level":0})").status, 200);
    QCOMPARE(buy("d", "b").status, 201);
}

void HttpApi::rateLimits() {
    create_and_start("r", 100);
    const Reply set = admin(
        verb::put, "/admin/v1/limits",
        R"({"rules":[{"name":"per-ip","key":"ip","algorithm":"leaky","rate":"1r/s","burst":0,"nodelay":true}]})");
    QCOMPARE(set.status, 200);
    QCOMPARE(buy("r", "a").status, 201);
    const Reply limited = buy("r", "b");
    QCOMPARE(limited.status, 429);
    QCOMPARE(limited.json().at("status").as_string(), "rate_limited");
    QCOMPARE(limited.header("Retry-After"), "1");
    node_->clock.advance(1000);
    QCOMPARE(buy("r", "b").status, 201);
    const auto rules = admin(verb::get, "/admin/v1/limits").json().at("rules").as_array();
    QCOMPARE(rules.size(), std::size_t(1));
    QCOMPARE(rules[0].at("rate").as_string(), "1r/s");
    for (const char* bad :
         {R"({"rules":[{"name":"x","key":"planet","algorithm":"leaky","rate":"1r/s"}]})",
          R"({"rules":[{"name":"x","key":"ip","algorithm":"leaky","rate":"fast"}]})",
          R"({"rules":[{"name":"x","key":"ip","algorithm":"fixed_window","limit":0}]})",
          R"({"rules":{}})", R"(nope)"})
        QVERIFY2(admin(verb::put, "/admin/v1/limits", bad).status == 400, bad);
    // Without nodelay, requests inside the burst are held (nginx limit_req): at 10r/s the
    // second one waits 100 ms, then succeeds.
    QCOMPARE(
        admin(
            verb::put, "/admin/v1/limits",
            R"({"rules":[{"name":"slow","key":"ip","algorithm":"leaky","rate":"10r/s","burst":5}]})")
            .status,
        200);
    QCOMPARE(buy("r", "c").status, 201);
    QElapsedTimer held;
    held.start();
    QCOMPARE(buy("r", "d").status, 201);
    QVERIFY2(held.elapsed() >= 90, qPrintable(QString::number(held.elapsed())));
    QCOMPARE(admin(verb::put, "/admin/v1/limits", R"({"rules":[]})").status, 200);
    QCOMPARE(buy("r", "e").status, 201);
}

void HttpApi::invariantsAndNodes() {
    create_and_start("i", 20);
    for (int i = 0; i < 5; ++i) QCOMPARE(buy("i", "u" + std::to_string(i)).status, 201);
    const auto inv = admin(verb::get, "/admin/v1/sales/i/invariants").json();
    QVERIFY(inv.at("ok").as_bool());
    const auto& checks = inv.at("checks").as_array();
    QCOMPARE(checks.size(), std::size_t(8));  // I1-I8
    for (const auto& c : checks) QVERIFY2(c.at("ok").as_bool(), c.at("detail").as_string().c_str());
    QCOMPARE(admin(verb::get, "/admin/v1/sales/none/invariants").status, 404);
    const auto nodes = admin(verb::get, "/admin/v1/nodes").json().at("nodes").as_array();
    QCOMPARE(nodes.size(), std::size_t(1));
    QCOMPARE(nodes[0].at("id").as_string(), "n1");
    QVERIFY(nodes[0].at("alive").as_bool());
}

// GET /admin/v1/sales/{sale}/orders/tally: what a console attached to Redis reads for the
// order DB's half of I4. Admin only; it counts the rows the order writer stored.
void HttpApi::orderTallyServesTheDbHalf() {
    create_and_start("t", 20);
    for (int i = 0; i < 3; ++i) QCOMPARE(buy("t", "u" + std::to_string(i)).status, 201);
    const std::string route = "/admin/v1/sales/t/orders/tally";
    QCOMPARE(client().request(verb::get, route).status, 401);
    QCOMPARE(client().request(verb::get, route, {}, "wrong-token").status, 403);
    Reply tally;
    SECKILL_WAIT_FOR((tally = admin(verb::get, route)).status == 200 &&
                         tally.json().at("orders").as_int64() == 3,
                     "the order writer to store the 3 orders", tally.describe(), 5000);
    QCOMPARE(tally.json().at("conflicts").as_int64(), std::int64_t{0});
    QCOMPARE(tally.json().at("sale").as_string(), "t");
    QCOMPARE(admin(verb::get, "/admin/v1/sales/bad%20id/orders/tally").status, 400);
    QCOMPARE(admin(verb::post, route).status, 405);
}

void HttpApi::unknownRoutesAndMethods() {
    auto c = client();
    for (const char* path : {"/", "/v2/sales/x", "/v1/sales", "/v1/sales/x/buy/now", "/admin/v1/x",
                             "/admin/v2/sales", "//", "/metrics/x"})
        QVERIFY2(c.request(verb::get, path).status == 404, path);
    QCOMPARE(c.request(verb::post, "/healthz").status, 405);
    QCOMPARE(c.request(verb::delete_, "/admin/v1/sales", {}, NodeFixture::token).status, 405);
    QCOMPARE(c.request(verb::post, "/admin/v1/nodes", {}, NodeFixture::token).status, 405);
}

QTEST_GUILESS_MAIN(HttpApi)
#include "test_http_api.moc"
