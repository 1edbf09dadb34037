// Buyer ownership over real HTTP: order routes answer only the order's own buyer, in open
// mode (?user=) and in jwt mode (Authorization: Bearer, HS256 / RS256 / ES256), and every
// token a node must refuse is refused with 401 and WWW-Authenticate.
#include <QFile>
#include <QtTest>

#include "auth/jwt_mint.h"
#include "node_fixture.h"

using namespace seckill;
using namespace seckill::testing;
using boost::beast::http::verb;
namespace json = boost::json;

namespace {

const std::string secret = "0123456789abcdef0123456789abcdef-test-secret";

std::string data_file(const char* name) {
    QFile f(QStringLiteral(SECKILL_TEST_DATA "/") + QLatin1String(name));
    if (!f.open(QIODevice::ReadOnly)) return {};
    return f.readAll().toStdString();
}

node::http::RouterOptions jwt_router(auth::JwtKey key, bool proxy_header = false) {
    node::http::RouterOptions o;
    o.buyer_auth.mode = node::http::BuyerAuthMode::jwt;
    o.buyer_auth.jwt_key = std::move(key);
    o.buyer_auth.jwt_leeway_s = 30;
    o.buyer_auth.proxy_user_header = proxy_header;
    return o;
}

std::string claims(const std::string& sub, std::int64_t exp, std::string extra = {}) {
    json::object c{{"exp", exp}};
    if (!sub.empty()) c["sub"] = sub;
    std::string text = json::serialize(c);
    if (!extra.empty()) text.insert(text.size() - 1, "," + extra);
    return text;
}

}  // namespace

class BuyerAuth : public QObject {
    Q_OBJECT

  private Q_SLOTS:
    void openModeOrdersAnswerOnlyTheirBuyer();
    void jwtModeHs256();
    void jwtModeRefusesBadTokens();
    void jwtModePublicKeys();
    void trustedProxyHeader();

  private:
    static void create_and_start(NodeFixture& node, const std::string& id, int total);
};

void BuyerAuth::create_and_start(NodeFixture& node, const std::string& id, int total) {
    auto c = node.client();
    const std::string body = R"({"sale":")" + id + R"(","total":)" + std::to_string(total) + "}";
    QCOMPARE(c.request(verb::post, "/admin/v1/sales", body, NodeFixture::token).status, 201);
    QCOMPARE(
        c.request(verb::post, "/admin/v1/sales/" + id + "/start", {}, NodeFixture::token).status,
        200);
}

void BuyerAuth::openModeOrdersAnswerOnlyTheirBuyer() {
    NodeFixture node;
    create_and_start(node, "s", 5);
    auto c = node.client();
    const std::string id = c.request(verb::post, "/v1/sales/s/buy?user=alice")
                               .json()
                               .at("order_id")
                               .as_string()
                               .c_str();
    const std::string other =
        c.request(verb::post, "/v1/sales/s/buy?user=bob").json().at("order_id").as_string().c_str();

    // Nobody named: 400 with a sentence, for every order route.
    for (const std::string& path :
         {"/v1/orders/" + id, "/v1/orders/" + id + "/pay", "/v1/orders/" + id + "/cancel"}) {
        const Reply r = c.request(path.ends_with(id) ? verb::get : verb::post, path);
        QCOMPARE(r.status, 400);
        QVERIFY(!r.json().at("error").as_string().empty());
    }
    // Somebody else: exactly the answer of an order that does not exist.
    const Reply missing =
        c.request(verb::get, "/v1/orders/" + std::string(id.size(), '1') + "?user=mallory");
    QCOMPARE(missing.status, 404);
    for (const auto& [m, path] : std::vector<std::pair<verb, std::string>>{
             {verb::get, "/v1/orders/" + id + "?user=mallory"},
             {verb::post, "/v1/orders/" + id + "/pay?user=mallory"},
             {verb::post, "/v1/orders/" + id + "/cancel?user=mallory"},
             {verb::post, "/v1/orders/" + id + "/cancel?user=bob"}}) {
        const Reply r = c.request(m, path);
        QCOMPARE(r.status, 404);
        QCOMPARE(r.body, missing.body);
    }
    // Nothing above changed the order; its buyer still acts on it, by query or body.
    QCOMPARE(
        c.request(verb::get, "/v1/orders/" + id + "?user=alice").json().at("status").as_string(),
        "reserved");
    QCOMPARE(c.request(verb::post, "/v1/orders/" + id + "/pay", R"({"user":"alice"})")
                 .json()
                 .at("status")
                 .as_string(),
             "paid");
    QCOMPARE(c.request(verb::post, "/v1/orders/" + other + "/cancel?user=bob").status, 200);
    QCOMPARE(
        c.request(verb::post, "/v1/orders/" + id + "/pay?user=alice", R"({"user":"bob"})").status,
        400);
    // Once the order writer has it, the order DB answers, with the same ownership rule.
    QTRY_VERIFY(c.request(verb::get, "/v1/orders/" + id + "?user=alice")
                    .json()
                    .at("queue_position")
                    .is_null());
    QCOMPARE(c.request(verb::get, "/v1/orders/" + id + "?user=bob").body, missing.body);
}

void BuyerAuth::jwtModeHs256() {
    NodeFixture node({}, {}, jwt_router({auth::JwtKey::Kind::hs256_secret, secret}));
    create_and_start(node, "j", 5);
    auto c = node.client();
    const std::int64_t now_s = node.clock.now_ms() / 1000;
    const std::string alice = auth::mint_hs256(secret, "alice", now_s, 600);
    const std::string bob = auth::mint_hs256(secret, "bob", now_s, 600);
    const std::map<std::string, std::string> as_alice{{"Authorization", "Bearer " + alice}};
    const std::map<std::string, std::string> as_bob{{"Authorization", "Bearer " + bob}};

    const Reply bought = c.request(verb::post, "/v1/sales/j/buy", {}, {}, as_alice);
    QCOMPARE(bought.status, 201);
    QCOMPARE(bought.json().at("user").as_string(), "alice");
    const std::string id = bought.json().at("order_id").as_string().c_str();
    // The token is the identity: naming another user is refused, naming the same one is fine.
    QCOMPARE(c.request(verb::post, "/v1/sales/j/buy?user=bob", {}, {}, as_alice).status, 400);
    QCOMPARE(c.request(verb::post, "/v1/sales/j/buy?user=alice", {}, {}, as_alice).status, 409);

    const Reply anonymous = c.request(verb::post, "/v1/sales/j/buy?user=carol");
    QCOMPARE(anonymous.status, 401);
    QCOMPARE(anonymous.json().at("status").as_string(), "unauthorized");
    QVERIFY(!anonymous.json().at("error").as_string().empty());
    QCOMPARE(anonymous.header("WWW-Authenticate"), "Bearer");
    QCOMPARE(c.request(verb::get, "/v1/orders/" + id + "?user=alice").status, 401);

    const Reply missing =
        c.request(verb::get, "/v1/orders/" + std::string(id.size(), '1'), {}, {}, as_bob);
    QCOMPARE(missing.status, 404);
    QCOMPARE(c.request(verb::get, "/v1/orders/" + id, {}, {}, as_bob).body, missing.body);
    QCOMPARE(c.request(verb::post, "/v1/orders/" + id + "/cancel", {}, {}, as_bob).body,
             missing.body);
    QCOMPARE(c.request(verb::get, "/v1/orders/" + id, {}, {}, as_alice).status, 200);
    QCOMPARE(c.request(verb::post, "/v1/orders/" + id + "/pay", {}, {}, as_alice)
                 .json()
                 .at("status")
                 .as_string(),
             "paid");
}

void BuyerAuth::jwtModeRefusesBadTokens() {
    NodeFixture node({}, {}, jwt_router({auth::JwtKey::Kind::hs256_secret, secret}));
    create_and_start(node, "r", 100);
    auto c = node.client();
    const std::int64_t now = node.clock.now_ms() / 1000;
    const std::string other_secret = "another-secret-of-enough-length-0123456789";
    const std::string good = auth::mint_hs256(secret, "u1", now, 600);
    const std::string rs_private = data_file("jwt_rs256_private.pem");
    QVERIFY(!rs_private.empty());
    const std::vector<std::pair<const char*, std::string>> refused{
        {"alg none", auth::mint_jwt("none", {}, claims("u1", now + 600))},
        {"HS512 with the right secret", auth::mint_jwt("HS512", secret, claims("u1", now + 600))},
        {"RS256 (wrong algorithm for a secret)",
         auth::mint_jwt("RS256", rs_private, claims("u1", now + 600))},
        {"wrong secret", auth::mint_hs256(other_secret, "u1", now, 600)},
        {"expired beyond the leeway", auth::mint_jwt("HS256", secret, claims("u1", now - 31))},
        {"not valid yet beyond the leeway",
         auth::mint_jwt("HS256", secret,
                        claims("u1", now + 600, R"("nbf":)" + std::to_string(now + 31)))},
        {"no sub", auth::mint_jwt("HS256", secret, claims("", now + 600))},
        {"sub not a user id", auth::mint_jwt("HS256", secret, claims("bad user", now + 600))},
        {"sub a number",
         auth::mint_jwt("HS256", secret, R"({"sub":42,"exp":)" + std::to_string(now + 600) + "}")},
        {"no exp", auth::mint_jwt("HS256", secret, R"({"sub":"u1"})")},
        {"exp a string", auth::mint_jwt("HS256", secret, R"({"sub":"u1","exp":"soon"})")},
        {"exp huge", auth::mint_jwt("HS256", secret, R"({"sub":"u1","exp":1e308})")},
        {"signature cut", good.substr(0, good.size() - 4)},
        {"payload swapped",
         good.substr(0, good.find('.')) +
             auth::mint_hs256(other_secret, "u2", now, 600).substr(good.find('.'))},
        {"garbage", "not-a-token"},
        {"four parts", good + ".x"},
        {"odd bytes", "a.b!.c"},
        {"empty", ""},
    };
    for (const auto& [what, token] : refused) {
        const Reply r = c.request(verb::post, "/v1/sales/r/buy", {}, {},
                                  {{"Authorization", "Bearer " + token}});
        QVERIFY2(r.status == 401, what);
        QVERIFY2(r.header("WWW-Authenticate") == "Bearer", what);
        QVERIFY2(r.json().at("status").as_string() == "unauthorized", what);
    }
    QCOMPARE(c.request(verb::post, "/v1/sales/r/buy", {}, {}, {{"Authorization", "Basic dTE6eA=="}})
                 .status,
             401);
    // Inside the leeway both ways, and a good token, are served.
    QCOMPARE(c.request(verb::post, "/v1/sales/r/buy", {}, {},
                       {{"Authorization",
                         "Bearer " + auth::mint_jwt("HS256", secret, claims("late", now - 29))}})
                 .status,
             201);
    QCOMPARE(
        c.request(verb::post, "/v1/sales/r/buy", {}, {},
                  {{"Authorization",
                    "Bearer " + auth::mint_jwt("HS256", secret,
                                               claims("early", now + 600,
                                                      R"("nbf":)" + std::to_string(now + 29)))}})
            .status,
        201);
    QCOMPARE(c.request(verb::post, "/v1/sales/r/buy", {}, {}, {{"Authorization", "Bearer " + good}})
                 .status,
             201);
    // The node's own clock moves the token out of date.
    node.clock.advance((600 + 31) * 1000);
    QCOMPARE(c.request(verb::get, "/v1/sales/r/buy", {}, {}, {{"Authorization", "Bearer " + good}})
                 .status,
             405);
    QCOMPARE(c.request(verb::post, "/v1/sales/r/buy", {}, {}, {{"Authorization", "Bearer " + good}})
                 .status,
             401);
}

void BuyerAuth::jwtModePublicKeys() {
    for (const char* alg : {"RS256", "ES256"}) {
        const std::string lower = alg == std::string("RS256") ? "rs256" : "es256";
        const std::string pub = data_file(("jwt_" + lower + "_public.pem").c_str());
        const std::string priv = data_file(("jwt_" + lower + "_private.pem").c_str());
        QVERIFY(!pub.empty() && !priv.empty());
        NodeFixture node({}, {}, jwt_router({auth::JwtKey::Kind::public_key, pub}));
        create_and_start(node, "k", 5);
        auto c = node.client();
        const std::int64_t now = node.clock.now_ms() / 1000;
        const Reply ok = c.request(
            verb::post, "/v1/sales/k/buy", {}, {},
            {{"Authorization", "Bearer " + auth::mint_jwt(alg, priv, claims("kim", now + 60))}});
        QVERIFY2(ok.status == 201, alg);
        QCOMPARE(ok.json().at("user").as_string(), "kim");
        // The public key used as an HMAC secret (algorithm confusion) and alg none: refused.
        for (const std::string& token : {auth::mint_jwt("HS256", pub, claims("eve", now + 60)),
                                         auth::mint_jwt("none", {}, claims("eve", now + 60))})
            QVERIFY2(c.request(verb::post, "/v1/sales/k/buy", {}, {},
                               {{"Authorization", "Bearer " + token}})
                             .status == 401,
                     alg);
    }
}

void BuyerAuth::trustedProxyHeader() {
    // 127.0.0.1 is the proxy: its X-Seckill-User names the buyer, no token needed.
    {
        node::http::ServerOptions so;
        so.trusted_proxies = {"127.0.0.1"};
        NodeFixture node(so, {}, jwt_router({auth::JwtKey::Kind::hs256_secret, secret}, true));
        create_and_start(node, "p", 5);
        auto c = node.client();
        const Reply r =
            c.request(verb::post, "/v1/sales/p/buy", {}, {}, {{"X-Seckill-User", "pat"}});
        QCOMPARE(r.status, 201);
        QCOMPARE(r.json().at("user").as_string(), "pat");
        QCOMPARE(c.request(verb::post, "/v1/sales/p/buy", {}, {}, {{"X-Seckill-User", "bad user"}})
                     .status,
                 400);
    }
    // From a peer that is not a trusted proxy the header means nothing.
    {
        node::http::ServerOptions so;
        so.trusted_proxies = {"10.9.9.9"};
        NodeFixture node(so, {}, jwt_router({auth::JwtKey::Kind::hs256_secret, secret}, true));
        create_and_start(node, "p", 5);
        QCOMPARE(node.client()
                     .request(verb::post, "/v1/sales/p/buy", {}, {}, {{"X-Seckill-User", "pat"}})
                     .status,
                 401);
    }
}

QTEST_GUILESS_MAIN(BuyerAuth)
#include "test_buyer_auth.moc"
