// A corpus of hostile requests over raw sockets — garbage, broken framing, header floods,
// huge numbers, deep JSON, odd ids, bad tokens — each must get a 4xx with a JSON sentence
// (never a 5xx, never silence), and afterwards the node serves and its stock is intact.
#include <QtTest>

#include "node_fixture.h"

using namespace seckill;
using namespace seckill::testing;
using boost::beast::http::verb;

class HttpAdversarial : public QObject {
    Q_OBJECT

  private Q_SLOTS:
    void corpus_data();
    void corpus();
};

namespace {

std::string post(const std::string& target, const std::string& body,
                 const std::string& extra = {}) {
    return "POST " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n" + extra +
           "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
           "\r\n\r\n" + body;
}

std::string get(const std::string& target, const std::string& extra = {}) {
    return "GET " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n" + extra + "\r\n";
}

std::string admin_post(const std::string& target, const std::string& body) {
    return post(target, body, std::string("Authorization: Bearer ") + NodeFixture::token + "\r\n");
}

}  // namespace

void HttpAdversarial::corpus_data() {
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<int>("status");  // exact status, or 0 for "some 4xx"
    auto add = [](const char* name, const std::string& raw, int status) {
        QTest::newRow(name) << QByteArray::fromStdString(raw) << status;
    };
    add("binary garbage", std::string("\x00\x01\x02\xff garbage\r\n\r\n", 16), 400);
    add("no version", "GET /healthz\r\n\r\n", 400);
    add("bad version", "GET /healthz HTTP/9.9\r\nHost: x\r\n\r\n", 400);
    add("two content lengths",
        "POST /v1/sales/s/buy?user=u HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: "
        "2\r\n\r\nab",
        400);
    add("negative content length",
        "POST /v1/sales/s/buy?user=u HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n", 400);
    add("huge content length",
        "POST /v1/sales/s/buy?user=u HTTP/1.1\r\nHost: x\r\nContent-Length: "
        "99999999999999999999\r\n\r\n",
        0);
    add("broken chunk",
        "POST /v1/sales/s/buy?user=u HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: "
        "chunked\r\n\r\nZZ\r\nxx\r\n",
        400);
    add("body over the limit", post("/v1/sales/s/buy?user=u", std::string(17 * 1024, ' ')), 413);
    std::string flood;
    for (int i = 0; i < 1000; ++i) flood += "X-Flood-" + std::to_string(i) + ": yes\r\n";
    add("header flood", get("/healthz", flood), 431);
    add("long target", get("/v1/sales/" + std::string(10'000, 's')), 431);
    add("long token",
        get("/admin/v1/nodes", "Authorization: Bearer " + std::string(7'000, 't') + "\r\n"), 403);
    add("unknown method", "BREW /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 0);
    add("deep JSON", post("/v1/sales/s/buy", std::string(5000, '[') + std::string(5000, ']')), 400);
    add("deep object",
        post("/v1/sales/s/buy",
             [] {
                 std::string s;
                 for (int i = 0; i < 2000; ++i) s += "{\"a\":";
                 return s + "1" + std::string(2000, '}');
             }()),
        400);
    add("JSON not an object", post("/v1/sales/s/buy", "[\"user\"]"), 400);
    add("user a number", post("/v1/sales/s/buy", R"({"user":1e999})"), 400);
    add("user nul", post("/v1/sales/s/buy", std::string("{\"user\":\"a\\u0000b\"}")), 400);
    add("total 1e999", admin_post("/admin/v1/sales", R"({"sale":"h","total":1e999})"), 400);
    add("total -0", admin_post("/admin/v1/sales", R"({"sale":"h","total":-0.0})"), 400);
    add("total 2^64", admin_post("/admin/v1/sales", R"({"sale":"h","total":18446744073709551616})"),
        400);
    add("weights NaN text",
        admin_post("/admin/v1/sales/s/rebalance",
                   R"({"strategy":"weighted","weights":{"n1":NaN}})"),
        400);
    add("degrade huge",
        "PUT" + admin_post("/admin/v1/degrade", R"({"level":9223372036854775808})").substr(4), 400);
    add("order id dots", get("/v1/orders/..%2F..%2Fadmin?user=u"), 400);
    add("order id traversal", get("/v1/orders/../../admin/v1/nodes?user=u"), 404);
    add("order id upper hex", get("/v1/orders/" + std::string(32, 'A') + "?user=u"), 400);
    add("order id 33", get("/v1/orders/" + std::string(33, 'a') + "?user=u"), 400);
    add("order id unicode", get("/v1/orders/\xc3\xa9\xc3\xa9?user=u"), 400);
    add("order without user", get("/v1/orders/" + std::string(32, 'a')), 400);
    add("user encoded", post("/v1/sales/s/buy?user=%75", ""), 400);
    add("user twice", post("/v1/sales/s/buy?user=a", R"({"user":"b"})"), 400);
    add("sale id odd", post("/v1/sales/s%00/buy?user=u", ""), 400);
    add("empty segments", get("//v1//sales"), 404);
    add("too many segments", get("/v1/a/b/c/d/e/f/g/h"), 404);
    add("admin bad token scheme", get("/admin/v1/nodes", "Authorization: Basic Zm9vOmJhcg==\r\n"),
        403);
}

void HttpAdversarial::corpus() {
    QFETCH(QByteArray, request);
    QFETCH(int, status);
    NodeFixture node;
    auto c = node.client();
    QCOMPARE(
        c.request(verb::post, "/admin/v1/sales", R"({"sale":"s","total":5})", NodeFixture::token)
            .status,
        201);
    QCOMPARE(c.request(verb::post, "/admin/v1/sales/s/start", {}, NodeFixture::token).status, 200);

    const std::string answer = node.client().raw(request.toStdString(), 5000);
    const int got = status_of(answer);
    if (status)
        QVERIFY2(got == status, answer.c_str());
    else
        QVERIFY2(got >= 400 && got < 500, answer.c_str());
    // Every answer is JSON with a status and a sentence.
    const auto body_at = answer.find("\r\n\r\n");
    QVERIFY(body_at != std::string::npos);
    boost::system::error_code ec;
    const auto j = boost::json::parse(answer.substr(body_at + 4), ec);
    QVERIFY2(!ec && j.is_object() && j.as_object().contains("error"), answer.c_str());

    // Still serving, nothing sold by any of it.
    QCOMPARE(node.client().request(verb::get, "/healthz").status, 200);
    QCOMPARE(node.client().request(verb::get, "/v1/sales/s").json().at("sold").as_int64(), 0);
    QCOMPARE(node.client().request(verb::post, "/v1/sales/s/buy?user=after").status, 201);
}

QTEST_GUILESS_MAIN(HttpAdversarial)
#include "test_http_adversarial.moc"
