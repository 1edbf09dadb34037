// Bad input at the HTTP level: malformed requests, oversized bodies and headers, invalid
// JSON, slow and idle clients. Each gets the right 4xx with a JSON body (or a quiet close
// for an idle keep-alive connection), and the node keeps serving.
#include <QtTest>
#include <thread>

#include "node_fixture.h"
#include "support/sale_builder.h"

using namespace seckill;
using namespace seckill::testing;
using boost::beast::http::verb;

class HttpRobustness : public QObject {
    Q_OBJECT

  private Q_SLOTS:
    void init();
    void cleanup() { node_.reset(); }

    void malformedRequestLine();
    void bodyOverLimit();
    void headerFlood();
    void invalidJsonBodies();
    void slowClientTimesOut();
    void idleKeepAliveCloses();
    void keepAliveServesManyRequests();
    void garbageFloodLeavesNodeServing();

  private:
    void expect_json_error(const std::string& raw, int status);
    std::unique_ptr<NodeFixture> node_;
};

void HttpRobustness::init() {
    node::http::ServerOptions options;
    options.read_timeout = std::chrono::milliseconds(400);
    node_ = std::make_unique<NodeFixture>(options);
    QVERIFY(node_->ledger.create_sale(seckill::testing::sale_config("r", 100), SaleState::running,
                                      node_->clock.now_ms()));
    node_->engine->refresh_sale("r");
}

void HttpRobustness::expect_json_error(const std::string& raw, int status) {
    QCOMPARE(status_of(raw), status);
    const auto body_at = raw.find("\r\n\r\n");
    QVERIFY(body_at != std::string::npos);
    boost::system::error_code ec;
    const auto j = boost::json::parse(raw.substr(body_at + 4), ec);
    QVERIFY2(!ec, raw.c_str());
    QVERIFY(j.as_object().contains("status"));
    QVERIFY(j.as_object().contains("error"));
    // And the node still answers.
    QCOMPARE(node_->client().request(verb::get, "/healthz").status, 200);
}

void HttpRobustness::malformedRequestLine() {
    auto c = node_->client();
    expect_json_error(c.raw("GARBAGE\r\n\r\n"), 400);
    expect_json_error(c.raw("GET /healthz HTTP/9.9\r\n\r\n"), 400);
    expect_json_error(c.raw("GET /healthz HTTP/1.1\r\nContent-Length: abc\r\n\r\n"), 400);
    expect_json_error(c.raw("GET /healthz HTTP/1.1\r\nBad Header Line\r\n\r\n"), 400);
    expect_json_error(
        c.raw("POST /v1/sales/r/buy HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"), 400);
}

void HttpRobustness::bodyOverLimit() {
    auto c = node_->client();
    const std::string big(17 * 1024, 'x');
    expect_json_error(c.raw("POST /v1/sales/r/buy HTTP/1.1\r\nContent-Length: " +
                            std::to_string(big.size()) + "\r\n\r\n" + big),
                      413);
    // Declared but never sent: refused from the header alone.
    expect_json_error(c.raw("POST /v1/sales/r/buy HTTP/1.1\r\nContent-Length: 100000000\r\n\r\n"),
                      413);
    // Exactly at the limit is fine (and then a 400 for not being JSON).
    const std::string edge(16 * 1024, ' ');
    QCOMPARE(status_of(c.raw(
                 "POST /v1/sales/r/buy?user=u HTTP/1.1\r\nConnection: close\r\nContent-Length: " +
                 std::to_string(edge.size()) + "\r\n\r\n" + edge)),
             400);
}

void HttpRobustness::headerFlood() {
    auto c = node_->client();
    std::string req = "GET /healthz HTTP/1.1\r\n";
    for (int i = 0; i < 400; ++i)
        req += "X-Flood-" + std::to_string(i) + ": aaaaaaaaaaaaaaaaaaaa\r\n";
    expect_json_error(c.raw(req + "\r\n"), 431);
    expect_json_error(
        c.raw("GET /healthz HTTP/1.1\r\nX-Big: " + std::string(10000, 'a') + "\r\n\r\n"), 431);
}

void HttpRobustness::invalidJsonBodies() {
    auto c = node_->client();
    for (const char* body :
         {"{", "[]", "\"user\"", "{\"user\":", "\xff\xfe", "{\"user\":\"a\"} trailing"}) {
        const Reply r = c.request(verb::post, "/v1/sales/r/buy", body);
        QVERIFY2(r.status == 400, body);
        QCOMPARE(r.json().at("status").as_string(), "bad_request");
    }
    QCOMPARE(node_->client().request(verb::post, "/admin/v1/sales", "{", NodeFixture::token).status,
             400);
    QCOMPARE(node_->client().request(verb::get, "/v1/sales/r").json().at("sold").as_int64(), 0);
}

void HttpRobustness::slowClientTimesOut() {
    // Half a request, then silence: after the read timeout the node answers 408 and closes.
    auto c = node_->client();
    const std::string raw = c.stall("POST /v1/sales/r/buy HTTP/1.1\r\nHost: x\r\nContent-Le", 3000);
    expect_json_error(raw, 408);
}

void HttpRobustness::idleKeepAliveCloses() {
    // A connection that sent a full request and then nothing: closed quietly, no 408.
    auto c = node_->client();
    const std::string raw = c.stall("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n", 3000);
    QCOMPARE(status_of(raw), 200);
    QVERIFY(raw.find("408") == std::string::npos);
    QTRY_COMPARE(node_->server->open_connections(), std::int64_t(0));
}

void HttpRobustness::keepAliveServesManyRequests() {
    auto c = node_->client();
    for (int i = 0; i < 200; ++i) QCOMPARE(c.request(verb::get, "/v1/sales/r").status, 200);
    QCOMPARE(node_->server->open_connections(), std::int64_t(1));
}

void HttpRobustness::garbageFloodLeavesNodeServing() {
    // Many clients sending junk at once; the node answers each and keeps its stock intact.
    std::vector<std::thread> clients;
    for (int t = 0; t < 8; ++t)
        clients.emplace_back([port = node_->server->port(), t] {
            HttpClient c(port);
            for (int i = 0; i < 25; ++i) {
                std::string junk(std::size_t(1 + (i * 37 + t) % 300), char('A' + (i + t) % 26));
                c.raw(junk + "\r\n\r\n", 1000);
            }
        });
    for (auto& t : clients) t.join();
    QCOMPARE(node_->client().request(verb::post, "/v1/sales/r/buy?user=ok").status, 201);
    auto report = node_->ledger.check_invariants("r", node_->clock.now_ms(), 5000, 5000);
    QVERIFY(report && report->ok);
}

QTEST_GUILESS_MAIN(HttpRobustness)
#include "test_http_robustness.moc"
