// Fault injection and self-protection across a cluster on Redis: a fault stays on the node
// it was sent to, its peers keep selling; the decision log is one for the cluster; the
// protection config set through one node is applied by every node; the registry shows
// each node's active faults and breaker states from its heartbeat.
#include <QTemporaryDir>
#include <QtTest>

#include "support/eventually.h"
#include "support/http_client.h"
#include "support/node_process.h"
#include "support/redis_server.h"

using namespace seckill;
using namespace seckill::testing;
using boost::beast::http::verb;

namespace {

const std::string token = "protection-test-token";

Reply admin(const NodeProcess& n, verb method, const std::string& target,
            const std::string& body = {}) {
    return HttpClient(n.port()).request(method, target, body, token);
}
Reply buy(const NodeProcess& n, const std::string& user) {
    return HttpClient(n.port()).request(verb::post, "/v1/sales/p/buy?user=" + user);
}

}  // namespace

class ClusterProtection : public QObject {
    Q_OBJECT

  private Q_SLOTS:
    void faultsStayOnTheirNodeAndDecisionsAreClusterWide() {
        RedisServer redis;
        QTemporaryDir dir;
        NodeProcess n1(QStringLiteral("n1"), dir.path()), n2(QStringLiteral("n2"), dir.path());
        const QStringList args{QStringLiteral("--redis"), QString::fromStdString(redis.url()),
                               QStringLiteral("--threads"), QStringLiteral("2"),
                               QStringLiteral("--allow-faults")};
        QVERIFY(n1.start(args, QString::fromStdString(token)));
        QVERIFY(n2.start(args, QString::fromStdString(token)));
        QCOMPARE(admin(n1, verb::post, "/admin/v1/sales", R"({"sale":"p","total":10000})").status,
                 201);
        QCOMPARE(admin(n1, verb::post, "/admin/v1/sales/p/start").status, 200);

        // A fault naming the other node is refused: each node takes only its own.
        const Reply wrong =
            admin(n1, verb::post, "/admin/v1/faults",
                  R"({"faults":[{"kind":"ledger_down","duration_s":60,"node":"n2"}]})");
        QCOMPARE(wrong.status, 400);
        QCOMPARE(admin(n1, verb::post, "/admin/v1/faults",
                       R"({"faults":[{"kind":"ledger_down","duration_s":60}]})")
                     .status,
                 200);
        Reply last;
        int i = 0;
        QVERIFY2(
            eventually([&] { return (last = buy(n1, "a" + std::to_string(++i))).status == 503; }),
            ("waited for n1 to refuse buys with its ledger down; last: " + last.body).c_str());
        QVERIFY2(
            eventually([&] { return (last = buy(n2, "b" + std::to_string(++i))).status == 201; }),
            ("waited for n2 to sell while n1's ledger is down; last: " + last.body).c_str());

        // The protection config set through n2 reaches n1 through the control state.
        QCOMPARE(
            admin(
                n2, verb::put, "/admin/v1/protection",
                R"({"breaker":{"open_s":7},"rules":[{"signal":"order_queue_depth","above":1e9,"level":1}]})")
                .status,
            200);
        // n1's ledger is down, so it learns the config once the fault is cleared.
        QCOMPARE(admin(n1, verb::delete_, "/admin/v1/faults").status, 200);
        std::string seen;
        QVERIFY2(eventually(
                     [&] {
                         const auto doc = admin(n1, verb::get, "/admin/v1/protection").json();
                         seen = boost::json::serialize(doc);
                         return doc.at("config").at("breaker").at("open_s").to_number<double>() ==
                                7.0;
                     },
                     10'000),
                 ("waited for n1 to apply the config set through n2; n1 shows " + seen).c_str());

        // The decision log is the cluster's: n1's fault events are read through n2.
        QVERIFY2(eventually(
                     [&] {
                         const auto doc = admin(n2, verb::get, "/admin/v1/events").json();
                         seen = boost::json::serialize(doc);
                         bool injected = false, cleared = false;
                         for (const auto& e : doc.at("events").as_array()) {
                             if (e.at("node").as_string() != "n1") continue;
                             injected = injected || e.at("kind").as_string() == "fault_injected";
                             cleared = cleared || e.at("kind").as_string() == "faults_cleared";
                         }
                         return doc.at("scope").as_string() == "cluster" && injected && cleared;
                     },
                     10'000),
                 ("waited for n1's fault events in the cluster log read through n2; saw " + seen)
                     .c_str());

        // The registry shows each node's active faults and breakers from its heartbeat.
        QCOMPARE(admin(n2, verb::post, "/admin/v1/faults",
                       R"({"faults":[{"kind":"ledger_latency","ms":1,"duration_s":60}]})")
                     .status,
                 200);
        QVERIFY2(eventually(
                     [&] {
                         const auto doc = admin(n1, verb::get, "/admin/v1/nodes").json();
                         seen = boost::json::serialize(doc);
                         for (const auto& n : doc.at("nodes").as_array()) {
                             if (n.at("id").as_string() != "n2") continue;
                             const auto& stats = n.at("stats").as_object();
                             const auto* faults = stats.if_contains("faults");
                             if (!faults || faults->as_array().empty()) return false;
                             return faults->as_array()[0].at("kind").as_string() ==
                                        "ledger_latency" &&
                                    stats.at("breakers").at("ledger").as_string() == "closed";
                         }
                         return false;
                     },
                     10'000),
                 ("waited for n2's fault in the registry seen from n1; saw " + seen).c_str());
    }
};

QTEST_GUILESS_MAIN(ClusterProtection)
#include "test_cluster_protection.moc"
