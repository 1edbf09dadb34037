// The distributed deployment end to end: a real redis-server (AOF, always), three
// seckill-node processes sharing it, nginx in front with a config the node wrote. 200k buys
// from 100k users on 10k units through nginx, some paying, some cancelling, the rest left
// to expire; one node is killed -9 and restarted mid-sale, and so is Redis. Afterwards
// every 201 a client saw is in SQLite once, nothing is oversold or stranded, I1–I6 hold.
#include <signal.h>

#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>
#include <atomic>
#include <map>
#include <mutex>
#include <random>
#include <set>
#include <thread>

#include "store/order_db.h"
#include "store/redis/redis_ledger.h"
#include "support/eventually.h"
#include "support/http_client.h"
#include "support/loopback_port.h"
#include "support/node_process.h"
#include "support/redis_server.h"

using namespace seckill;
using namespace seckill::testing;
using boost::beast::http::verb;

namespace {

const std::string token = "cluster-test-token";
constexpr int total_units = 10'000;
constexpr int buys = 200'000;
constexpr int users = 100'000;
constexpr int client_threads = 6;

QString l(const char* text) { return QString::fromLatin1(text); }

// What the shoppers saw: every confirmed order, and the final word on the ones they paid.
struct Seen {
    std::mutex mu;
    std::map<std::string, std::string> confirmed;  // order id -> user
    std::set<std::string> paid, cancelled;
    std::map<int, int> statuses;
};

std::string json_string(const std::string& body, const char* key) {
    boost::system::error_code ec;
    auto v = boost::json::parse(body, ec);
    if (ec || !v.is_object()) return {};
    auto* s = v.as_object().if_contains(key);
    return s && s->is_string() ? std::string(s->as_string()) : std::string();
}

std::int64_t json_int(const std::string& body, const char* key) {
    boost::system::error_code ec;
    auto v = boost::json::parse(body, ec);
    if (ec || !v.is_object()) return -1;
    auto* n = v.as_object().if_contains(key);
    return n && n->is_int64() ? n->as_int64() : -1;
}

}  // namespace

class Cluster : public QObject {
    Q_OBJECT

  private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void saleSurvivesNodeAndRedisCrashes();

  private:
    void start_node(NodeProcess& n);
    void start_nginx();
    bool try_nginx(const QString& nginx);
    Reply admin(verb method, const std::string& target, const std::string& body = {});
    void shop(int thread, std::atomic<int>& done, Seen& seen);

    QTemporaryDir dir_;
    std::unique_ptr<RedisServer> redis_;
    std::vector<std::unique_ptr<NodeProcess>> nodes_;
    QProcess nginx_;
    quint16 nginx_port_ = 0;
};

void Cluster::initTestCase() {
    QVERIFY(dir_.isValid());
    redis_ = std::make_unique<RedisServer>();
    for (const char* id : {"n1", "n2", "n3"})
        nodes_.push_back(std::make_unique<NodeProcess>(l(id), dir_.path()));
    for (auto& n : nodes_) start_node(*n);
    start_nginx();
}

void Cluster::cleanupTestCase() {
    nodes_.clear();  // SIGKILL whatever still runs
    nginx_.terminate();
    nginx_.waitForFinished(3000);
}

// The first start binds port 0 and reads the port back; a restart asks for the same one.
void Cluster::start_node(NodeProcess& n) {
    QStringList args{l("--redis"),         QString::fromStdString(redis_->url()),
                     l("--trusted-proxy"), l("127.0.0.1"),
                     l("--threads"),       l("2")};
    if (n.id() == l("n1"))
        args << l("--order-writer") << l("--db") << dir_.filePath(l("orders.db"));
    QVERIFY2(n.start(args, QString::fromStdString(token)),
             qPrintable(n.id() + l(" did not become ready; its log:\n") + n.log()));
}

void Cluster::start_nginx() {
    const QString nginx =
        QStandardPaths::findExecutable(l("nginx"), {l("/usr/sbin"), l("/usr/local/sbin")});
    QVERIFY2(!nginx.isEmpty(), "nginx is not installed (scripts/bootstrap installs nginx-light)");
    // nginx cannot bind port 0 and say which: a probed port, and another one if nginx
    // exits because a parallel test took it first (probe_loopback_port).
    for (int attempt = 0; attempt < 5; ++attempt) {
        if (try_nginx(nginx)) return;
        if (QTest::currentTestFailed()) return;
    }
    QFAIL("nginx could not bind a loopback port in five tries");
}

bool Cluster::try_nginx(const QString& nginx) {
    nginx_port_ = quint16(probe_loopback_port());
    // The config comes from the generator an operator uses, listing the registered nodes.
    QProcess gen;
    gen.start(QStringLiteral(SECKILL_NODE_BIN),
              {l("--redis"), QString::fromStdString(redis_->url()), l("--print-nginx-config"),
               l("--nginx-listen"), l("127.0.0.1:") + QString::number(nginx_port_)});
    if (!gen.waitForFinished(10'000)) {
        QTest::qFail("seckill-node --print-nginx-config did not finish", __FILE__, __LINE__);
        return false;
    }
    const QByteArray conf = gen.readAllStandardOutput();
    for (const auto& n : nodes_)
        if (!conf.contains("127.0.0.1:" + QByteArray::number(n->port()))) {
            QTest::qFail(qPrintable(n->id() + l(" is not in the generated nginx config")), __FILE__,
                         __LINE__);
            return false;
        }
    const QString prefix = dir_.filePath(l("nginx"));
    QDir().mkpath(prefix + l("/tmp"));
    QFile f(prefix + l("/nginx.conf"));
    if (!f.open(QIODevice::WriteOnly)) {
        QTest::qFail("cannot write nginx.conf", __FILE__, __LINE__);
        return false;
    }
    f.write(conf);
    f.close();
    nginx_.setProcessChannelMode(QProcess::ForwardedChannels);
    nginx_.start(nginx, {l("-p"), prefix, l("-c"), prefix + l("/nginx.conf"), l("-e"),
                         prefix + l("/error.log"), l("-g"), l("daemon off;")});
    if (!nginx_.waitForStarted(5000)) return false;
    // Ours must still run when something answers: an nginx that could not bind exits, and
    // another test's nginx on the same port is not ours.
    std::string health = "no answer";
    const bool answered = eventually(
        [&] { return nginx_.state() != QProcess::Running || answers_healthz(nginx_port_, health); },
        10'000);
    if (nginx_.state() != QProcess::Running) return false;
    if (!answered)
        QTest::qFail(qPrintable(l("nginx did not answer /healthz through a node; last seen: ") +
                                QString::fromStdString(health)),
                     __FILE__, __LINE__);
    return answered;
}

Reply Cluster::admin(verb method, const std::string& target, const std::string& body) {
    for (int attempt = 0;; ++attempt) {
        try {
            return HttpClient(nginx_port_).request(method, target, body, token);
        } catch (const std::exception&) {
            if (attempt == 20) throw;
            QThread::msleep(100);
        }
    }
}

void Cluster::shop(int thread, std::atomic<int>& done, Seen& seen) {
    std::mt19937 rng(std::uint32_t(1234 + thread));
    std::uniform_int_distribution<int> user(0, users - 1);
    std::uniform_int_distribution<int> choice(0, 99);
    auto client = std::make_unique<HttpClient>(nginx_port_);
    std::map<int, int> statuses;
    for (int i = thread; i < buys; i += client_threads, done.fetch_add(1)) {
        const std::string u = "u" + std::to_string(user(rng));
        try {
            const Reply r = client->request(verb::post, "/v1/sales/big/buy?user=" + u);
            ++statuses[r.status];
            if (r.status != 201) continue;
            const std::string id = json_string(r.body, "order_id");
            {
                std::lock_guard lock(seen.mu);
                seen.confirmed[id] = u;
            }
            const int c = choice(rng);
            if (c < 30) {
                if (client->request(verb::post, "/v1/orders/" + id + "/pay?user=" + u).status ==
                    200) {
                    std::lock_guard lock(seen.mu);
                    seen.paid.insert(id);
                }
            } else if (c < 50) {
                if (client->request(verb::post, "/v1/orders/" + id + "/cancel?user=" + u).status ==
                    200) {
                    std::lock_guard lock(seen.mu);
                    seen.cancelled.insert(id);
                }
            }
        } catch (const std::exception&) {
            ++statuses[0];  // connection dropped (nginx restarting a worker, node killed)
            client = std::make_unique<HttpClient>(nginx_port_);
        }
    }
    std::lock_guard lock(seen.mu);
    for (auto [s, n] : statuses) seen.statuses[s] += n;
}

void Cluster::saleSurvivesNodeAndRedisCrashes() {
    const std::string sale =
        R"({"sale":"big","name":"Cluster sale","total":10000,"per_user_limit":1,"pay_timeout_s":2})";
    QCOMPARE(admin(verb::post, "/admin/v1/sales", sale).status, 201);
    QCOMPARE(admin(verb::post, "/admin/v1/sales/big/start").status, 200);

    // Rebalance through the API: every node gets its share and reports it applied.
    Reply plan = admin(verb::post, "/admin/v1/sales/big/rebalance", R"({"strategy":"even"})");
    QCOMPARE(plan.status, 200);
    QVERIFY2(plan.body.find(R"("n1":3334)") != std::string::npos, plan.body.c_str());
    Reply nodes;
    SECKILL_WAIT_FOR(
        (nodes = admin(verb::get, "/admin/v1/nodes"))
                    .body.find(R"("lease_targets":{"big":3333})") != std::string::npos &&
            nodes.body.find(R"("lease_targets":{"big":3334})") != std::string::npos,
        "every node to report its rebalance target applied", nodes.describe(), 5000);
    // Back to refilling by demand, so the crashes below exercise reclaim, not targets.
    QCOMPARE(admin(verb::post, "/admin/v1/sales/big/rebalance", R"({"strategy":"auto"})").status,
             200);

    Seen seen;
    std::atomic<int> done{0};
    std::vector<std::thread> shoppers;
    for (int t = 0; t < client_threads; ++t) shoppers.emplace_back([&, t] { shop(t, done, seen); });

    auto wait_for = [&](int n) {
        while (done.load() < n) QThread::msleep(20);
    };
    wait_for(buys / 20);
    NodeProcess& victim = *nodes_[1];
    victim.kill();          // SIGKILL
    QThread::msleep(1000);  // down for a second while buys continue (not a wait for anything)
    start_node(victim);

    wait_for(buys / 10);
    redis_->kill_hard();
    QThread::msleep(500);
    redis_->start();

    for (auto& t : shoppers) t.join();
    QString statuses;
    for (auto [s, n] : seen.statuses)
        statuses += QString::number(s) + l(":") + QString::number(n) + l(" ");
    qInfo("statuses %s; confirmed %zu, paid %zu, cancelled %zu", qPrintable(statuses),
          seen.confirmed.size(), seen.paid.size(), seen.cancelled.size());
    QVERIFY(seen.statuses[201] > 0 && seen.statuses[410] > 0);
    QCOMPARE(seen.statuses[500], 0);

    // Unpaid reservations expire (2 s deadline), the killed node's old lease was returned
    // by survivors or by its own restart, the writer catches up: invariants go green.
    Reply report;
    const bool green = eventually(
        [&] {
            report = admin(verb::get, "/admin/v1/sales/big/invariants");
            return report.status == 200 && json_string(report.body, "status") == "ok" &&
                   report.body.find(R"("ok":false)") == std::string::npos;
        },
        40'000);
    QVERIFY2(green, report.body.c_str());
    // The last reservations expire within a tick or so of their 2 s deadline.
    Reply shown;
    QVERIFY2(eventually(
                 [&] {
                     shown = admin(verb::get, "/v1/sales/big");
                     return shown.status == 200 && json_int(shown.body, "reserved") == 0;
                 },
                 15'000),
             shown.body.c_str());

    // Stop the nodes as an operator would: leases go back, the writer drains.
    for (auto& n : nodes_) n->terminate();
    for (auto& n : nodes_) {
        QString why;
        QVERIFY2(n->wait_stopped(15'000, why), qPrintable(n->id() + l(": ") + why));
    }

    auto url = std::get<store::redis::RedisUrl>(store::redis::parse_redis_url(redis_->url()));
    store::redis::RedisLedger ledger(url, {});
    const Millis now = SystemClock::instance().now_ms();
    const auto view = ledger.get_sale("big", now);
    QVERIFY(view.has_value());
    const StockCounts c = view->stock;
    qInfo("pool %lld leased %lld reserved %lld paid %lld", static_cast<long long>(c.pool),
          static_cast<long long>(c.leased), static_cast<long long>(c.reserved),
          static_cast<long long>(c.paid));
    QVERIFY(c.reserved + c.paid <= c.total);
    QCOMPARE(c.leased, std::int64_t(0));  // nothing stranded in a lease
    QCOMPARE(c.pool + c.reserved + c.paid, std::int64_t(total_units));
    QCOMPARE(c.reserved, std::int64_t(0));  // every unpaid one expired
    QCOMPARE(ledger.queue_depth(), std::int64_t(0));
    const auto final_report = ledger.check_invariants("big", now, 5000, 5000);
    QVERIFY(final_report && final_report->ok);

    // Every confirmation is in SQLite, once (order_id is the primary key), with its user;
    // what a client paid stays paid; no user holds more than the limit.
    store::OrderDb db(dir_.filePath(l("orders.db")).toStdString());
    QCOMPARE(db.count_orders("big"), ledger.order_tally("big").orders);
    std::map<std::string, int> held;
    for (const auto& [id, user] : seen.confirmed) {
        const auto o = db.find(id);
        QVERIFY2(o.has_value(), id.c_str());
        QCOMPARE(QByteArray::fromStdString(o->user), QByteArray::fromStdString(user));
        if (seen.paid.contains(id)) QCOMPARE(o->status, store::OrderStatus::paid);
        if (seen.cancelled.contains(id)) QCOMPARE(o->status, store::OrderStatus::cancelled);
        if (o->status == store::OrderStatus::paid || o->status == store::OrderStatus::reserved)
            QVERIFY2(++held[user] <= 1, user.c_str());
    }
    // A payment whose reply was lost (Redis killed) is paid but not in `seen`.
    QVERIFY(c.paid >= std::int64_t(seen.paid.size()));
}

QTEST_GUILESS_MAIN(Cluster)
#include "test_cluster.moc"
