// The seckill-node program as an operator runs it: flags, the admin token file, a demo
// sale bought over HTTP, and SIGTERM writing every confirmed order into SQLite.
#include <sys/resource.h>
#include <sys/stat.h>

#include <QDir>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>
#include <atomic>
#include <mutex>
#include <thread>

#include "auth/jwt_mint.h"
#include "store/order_db.h"
#include "support/eventually.h"
#include "support/http_client.h"

using namespace seckill;
using namespace seckill::testing;
using boost::beast::http::verb;

class NodeProcess : public QObject {
    Q_OBJECT

  private Q_SLOTS:
    void helpAndBadArguments();
    void sigtermWritesEveryOrder();
    void sigtermMidStormKeepsEveryConfirmation();
    void jwtBuyerAuth();
    void dataFilesArePrivate();
    void metricsOnTheirOwnAddressWithToken();
    void descriptorLimitCapsConnections();
    void injectedCrashKillsTheProcessAndLosesNoOrder();

  private:
    // Starts the node and returns the port it printed (0 on failure).
    static unsigned short start(QProcess& p, const QStringList& args, QString* out = nullptr);
};

unsigned short NodeProcess::start(QProcess& p, const QStringList& args, QString* out) {
    p.setProgram(QStringLiteral(SECKILL_NODE_BIN));
    p.setArguments(args);
    p.start();
    if (!p.waitForStarted(5000)) return 0;
    QString text;
    const QRegularExpression serving(QStringLiteral("serving http://127\\.0\\.0\\.1:(\\d+)"));
    for (int i = 0; i < 100 && !serving.match(text).hasMatch(); ++i) {
        p.waitForReadyRead(100);
        text += QString::fromUtf8(p.readAllStandardOutput());
    }
    p.waitForReadyRead(200);
    text += QString::fromUtf8(p.readAllStandardOutput());
    if (out) *out = text;
    const auto m = serving.match(text);
    return m.hasMatch() ? m.captured(1).toUShort() : 0;
}

void NodeProcess::helpAndBadArguments() {
    QProcess p;
    p.start(QStringLiteral(SECKILL_NODE_BIN), {QStringLiteral("--help")});
    QVERIFY(p.waitForFinished(5000));
    QCOMPARE(p.exitCode(), 0);
    const QString help = QString::fromUtf8(p.readAllStandardOutput());
    for (const char* flag :
         {"--embedded", "--listen", "--data-dir", "--demo-sale", "--threads", "--admin-token-file",
          "--buyer-auth", "--jwt-secret-file", "--jwt-public-key", "--jwt-leeway-s",
          "--allow-faults", "--node-ttl-ms", "--heartbeat-ms"})
        QVERIFY2(help.contains(QLatin1String(flag)), flag);
    for (const QStringList& bad :
         {QStringList{QStringLiteral("--listen"), QStringLiteral("nowhere")},
          QStringList{QStringLiteral("--demo-sale"), QStringLiteral("x")},
          QStringList{QStringLiteral("--threads"), QStringLiteral("0")},
          QStringList{QStringLiteral("--frobnicate")},
          QStringList{QStringLiteral("--buyer-auth"), QStringLiteral("jwt")},
          QStringList{QStringLiteral("--buyer-auth"), QStringLiteral("magic")},
          QStringList{QStringLiteral("--buyer-auth"), QStringLiteral("jwt"),
                      QStringLiteral("--jwt-secret-file"), QStringLiteral("/nonexistent")},
          QStringList{QStringLiteral("--jwt-leeway-s"), QStringLiteral("-1")},
          QStringList{QStringLiteral("--node-ttl-ms"), QStringLiteral("100")},
          QStringList{QStringLiteral("--node-ttl-ms"), QStringLiteral("900"),
                      QStringLiteral("--heartbeat-ms"), QStringLiteral("400")}}) {
        p.start(QStringLiteral(SECKILL_NODE_BIN), bad);
        QVERIFY(p.waitForFinished(5000));
        QCOMPARE(p.exitCode(), 2);
        QVERIFY(!p.readAllStandardError().isEmpty());
    }
}

void NodeProcess::sigtermWritesEveryOrder() {
    QTemporaryDir dir;
    const QString data = dir.path();
    const QStringList args{QStringLiteral("--embedded"),
                           QStringLiteral("--listen"),
                           QStringLiteral("127.0.0.1:0"),
                           QStringLiteral("--data-dir"),
                           data,
                           QStringLiteral("--demo-sale"),
                           QStringLiteral("demo:300")};
    QProcess node;
    QString out;
    const unsigned short port = start(node, args, &out);
    QVERIFY2(port != 0, qPrintable(out));
    QVERIFY2(out.contains(QStringLiteral("buyer auth: open")), qPrintable(out));

    // The generated token is printed once, saved 0600, and works.
    const QString token_path = data + QStringLiteral("/admin-token");
    struct stat st {};
    QCOMPARE(::stat(token_path.toLocal8Bit().constData(), &st), 0);
    QCOMPARE(st.st_mode & 0777, 0600u);
    QFile token_file(token_path);
    QVERIFY(token_file.open(QIODevice::ReadOnly));
    const std::string token = token_file.readAll().trimmed().toStdString();
    QVERIFY(out.contains(QString::fromStdString(token)));

    HttpClient c(port);
    int reserved = 0;
    for (int i = 0; i < 400; ++i) {
        const Reply r = c.request(verb::post, "/v1/sales/demo/buy?user=u" + std::to_string(i));
        if (r.status == 201)
            ++reserved;
        else
            QCOMPARE(r.status, 410);
    }
    QCOMPARE(reserved, 300);
    QCOMPARE(c.request(verb::get, "/admin/v1/nodes", {}, token).status, 200);
    c.close();

    node.terminate();  // SIGTERM
    QVERIFY(node.waitForFinished(10000));
    QCOMPARE(node.exitStatus(), QProcess::NormalExit);
    QCOMPARE(node.exitCode(), 0);
    QVERIFY(QString::fromUtf8(node.readAllStandardOutput())
                .contains(QStringLiteral("0 order events left unwritten")));
    store::OrderDb db((data + QStringLiteral("/orders.db")).toStdString());
    QCOMPARE(db.count_orders("demo"), std::int64_t(300));

    // Second start: same token, not printed again.
    QProcess again;
    QString out2;
    QVERIFY(start(again, args, &out2) != 0);
    QVERIFY(!out2.contains(QString::fromStdString(token)));
    again.terminate();
    QVERIFY(again.waitForFinished(10000));
}

void NodeProcess::sigtermMidStormKeepsEveryConfirmation() {
    // Buyers on keep-alive connections while SIGTERM arrives: every 201 a client received
    // must be in SQLite after the node exits (I4), and the node must exit cleanly.
    QTemporaryDir dir;
    const QString data = dir.path();
    QProcess node;
    const unsigned short port =
        start(node, {QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                     QStringLiteral("--data-dir"), data, QStringLiteral("--demo-sale"),
                     QStringLiteral("storm:100000")});
    QVERIFY(port != 0);
    std::mutex mu;
    std::vector<std::string> confirmed;
    std::atomic<bool> go{true};
    std::vector<std::thread> buyers;
    for (int t = 0; t < 4; ++t)
        buyers.emplace_back([&, t] {
            HttpClient c(port);
            for (int i = 0; go && i < 200000; ++i) {
                try {
                    const Reply r =
                        c.request(verb::post, "/v1/sales/storm/buy?user=t" + std::to_string(t) +
                                                  "x" + std::to_string(i));
                    if (r.status == 201) {
                        std::lock_guard lock(mu);
                        confirmed.emplace_back(r.json().at("order_id").as_string().c_str());
                    }
                } catch (const std::exception&) {
                    return;  // the node closed the connection while stopping
                }
            }
        });
    // SIGTERM mid-storm, once the storm has confirmed a hundred buys.
    const auto confirmed_so_far = [&] {
        std::lock_guard lock(mu);
        return confirmed.size();
    };
    SECKILL_WAIT_FOR(confirmed_so_far() > 100, "the storm to confirm over 100 buys",
                     std::to_string(confirmed_so_far()) + " confirmed", 20'000);
    node.terminate();
    QVERIFY(node.waitForFinished(15000));
    go = false;
    for (auto& b : buyers) b.join();
    QCOMPARE(node.exitCode(), 0);
    store::OrderDb db((data + QStringLiteral("/orders.db")).toStdString());
    for (const auto& id : confirmed) QVERIFY2(db.find(id).has_value(), id.c_str());
}

void NodeProcess::jwtBuyerAuth() {
    QTemporaryDir dir;
    const QString secret_path = dir.filePath(QStringLiteral("jwt-secret"));
    const std::string secret = "process-test-secret-0123456789abcdef";
    {
        QFile f(secret_path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write((secret + "\n").c_str());  // the trailing newline is not part of the secret
    }
    QProcess node;
    QString out;
    const unsigned short port =
        start(node,
              {QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
               QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--demo-sale"),
               QStringLiteral("j:10"), QStringLiteral("--buyer-auth"), QStringLiteral("jwt"),
               QStringLiteral("--jwt-secret-file"), secret_path},
              &out);
    QVERIFY2(port != 0, qPrintable(out));
    QVERIFY2(out.contains(QStringLiteral("buyer auth: jwt")), qPrintable(out));
    HttpClient c(port);
    QCOMPARE(c.request(verb::post, "/v1/sales/j/buy?user=alice").status, 401);
    const auto now_s = std::chrono::duration_cast<std::chrono::seconds>(
                           std::chrono::system_clock::now().time_since_epoch())
                           .count();
    const std::string token = auth::mint_hs256(secret, "alice", now_s, 60);
    const Reply r =
        c.request(verb::post, "/v1/sales/j/buy", {}, {}, {{"Authorization", "Bearer " + token}});
    QCOMPARE(r.status, 201);
    QCOMPARE(r.json().at("user").as_string(), "alice");
    c.close();
    node.terminate();
    QVERIFY(node.waitForFinished(10000));
}

namespace {

unsigned mode_of(const QString& path) {
    struct stat st {};
    if (::stat(path.toLocal8Bit().constData(), &st) != 0) return 0;
    return st.st_mode & 07777;
}

}  // namespace

void NodeProcess::dataFilesArePrivate() {
    // A data directory an operator made world-readable, with an order DB in it from an
    // older version: the node makes both private, and everything it creates is private.
    QTemporaryDir dir;
    const QString data = dir.filePath(QStringLiteral("data"));
    QVERIFY(QDir().mkpath(data));
    QVERIFY(::chmod(data.toLocal8Bit().constData(), 0755) == 0);
    { store::OrderDb old((data + QStringLiteral("/orders.db")).toStdString()); }
    QVERIFY(::chmod((data + QStringLiteral("/orders.db")).toLocal8Bit().constData(), 0644) == 0);
    QProcess node;
    QString out;
    const unsigned short port = start(
        node,
        {QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"), QStringLiteral("--data-dir"),
         data, QStringLiteral("--demo-sale"), QStringLiteral("m:10")},
        &out);
    QVERIFY2(port != 0, qPrintable(out));
    QVERIFY2(out.contains(QStringLiteral("made private")), qPrintable(out));
    // A buy makes the order writer write, so the WAL files exist too.
    HttpClient c(port);
    QCOMPARE(c.request(verb::post, "/v1/sales/m/buy?user=u").status, 201);
    c.close();
    QTRY_VERIFY(QFile::exists(data + QStringLiteral("/orders.db-wal")));
    QCOMPARE(mode_of(data), 0700u);
    for (const char* f : {"/orders.db", "/orders.db-wal", "/orders.db-shm", "/admin-token"})
        QVERIFY2(mode_of(data + QLatin1String(f)) == 0600u, f);
    node.terminate();
    QVERIFY(node.waitForFinished(10000));
    QCOMPARE(mode_of(data + QStringLiteral("/orders.db")), 0600u);
}

void NodeProcess::metricsOnTheirOwnAddressWithToken() {
    QTemporaryDir dir;
    QProcess node;
    QString out;
    const unsigned short port = start(
        node,
        {QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"), QStringLiteral("--data-dir"),
         dir.path(), QStringLiteral("--metrics-listen"), QStringLiteral("127.0.0.1:0"),
         QStringLiteral("--metrics-auth"), QStringLiteral("--demo-sale"), QStringLiteral("m:10")},
        &out);
    QVERIFY2(port != 0, qPrintable(out));
    const auto m =
        QRegularExpression(QStringLiteral("metrics on http://127\\.0\\.0\\.1:(\\d+)/metrics"))
            .match(out);
    QVERIFY2(m.hasMatch(), qPrintable(out));
    const unsigned short metrics_port = m.captured(1).toUShort();
    QFile token_file(dir.filePath(QStringLiteral("admin-token")));
    QVERIFY(token_file.open(QIODevice::ReadOnly));
    const std::string token = token_file.readAll().trimmed().toStdString();

    HttpClient api(port);
    HttpClient metrics(metrics_port);
    QCOMPARE(api.request(verb::get, "/metrics", {}, token).status, 404);  // not on the API address
    QCOMPARE(api.request(verb::post, "/v1/sales/m/buy?user=u").status, 201);
    const Reply anonymous = metrics.request(verb::get, "/metrics");
    QCOMPARE(anonymous.status, 401);
    QCOMPARE(anonymous.header("WWW-Authenticate"), "Bearer");
    QCOMPARE(metrics.request(verb::get, "/metrics", {}, "wrong").status, 403);
    const Reply scraped = metrics.request(verb::get, "/metrics", {}, token);
    QCOMPARE(scraped.status, 200);
    QVERIFY(scraped.body.find(R"(seckill_buys_total{node="n1",result="reserved"} 1)") !=
            std::string::npos);
    QCOMPARE(metrics.request(verb::get, "/healthz").status, 200);
    // The metrics address serves no API.
    QCOMPARE(metrics.request(verb::post, "/v1/sales/m/buy?user=v").status, 404);
    QCOMPARE(metrics.request(verb::get, "/admin/v1/nodes", {}, token).status, 404);
    api.close();
    metrics.close();
    node.terminate();
    QVERIFY(node.waitForFinished(10000));
    QCOMPARE(node.exitCode(), 0);
}

void NodeProcess::descriptorLimitCapsConnections() {
    // The node under `ulimit -n 1024` (soft and hard, so it cannot raise it) and 2,000 idle
    // connections from one address (the per-address cap set out of the way): it holds what
    // its descriptors allow and answers every connection beyond with 503 and a close.
    QTemporaryDir dir;
    QProcess node;
    node.setChildProcessModifier([] {
        rlimit lim{1024, 1024};
        ::setrlimit(RLIMIT_NOFILE, &lim);
    });
    QString out;
    const unsigned short port = start(
        node,
        {QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"), QStringLiteral("--data-dir"),
         dir.path(), QStringLiteral("--threads"), QStringLiteral("2"),
         QStringLiteral("--max-connections-per-ip"), QStringLiteral("100000"),
         QStringLiteral("--request-timeout-ms"), QStringLiteral("600000")},
        &out);
    QVERIFY2(port != 0, qPrintable(out));
    const auto caps =
        QRegularExpression(
            QStringLiteral("connection caps: (\\d+) open in all.*descriptor limit 1024"))
            .match(out);
    QVERIFY2(caps.hasMatch(), qPrintable(out));
    const int cap = caps.captured(1).toInt();
    QVERIFY(cap > 0 && cap < 1024);

    // This process needs 2,000+ descriptors of its own.
    rlimit mine{};
    ::getrlimit(RLIMIT_NOFILE, &mine);
    if (mine.rlim_cur < 2200 && mine.rlim_max >= 2200) {
        mine.rlim_cur = std::min<rlim_t>(mine.rlim_max, 4096);
        ::setrlimit(RLIMIT_NOFILE, &mine);
    }
    QVERIFY2(mine.rlim_cur >= 2200, "the test needs a descriptor limit of at least 2200");
    boost::asio::io_context ioc;
    std::vector<std::unique_ptr<boost::asio::ip::tcp::socket>> idle;
    for (int i = 0; i < 2000; ++i) {
        idle.push_back(std::make_unique<boost::asio::ip::tcp::socket>(ioc));
        idle.back()->connect({boost::asio::ip::make_address("127.0.0.1"), port});
    }
    // A new connection is answered, promptly, with 503 — not left hanging.
    boost::asio::ip::tcp::socket fresh(ioc);
    fresh.connect({boost::asio::ip::make_address("127.0.0.1"), port});
    // Generous: the condition is an answer at all, not its speed.
    const std::string answer = read_until_close(fresh, 10'000);
    QCOMPARE(status_of(answer), 503);
    QVERIFY2(answer.find("too many open connections") != std::string::npos ||
                 answer.find("out of file descriptors") != std::string::npos,
             answer.c_str());

    // Once the crowd leaves, the node serves again.
    idle.clear();
    fresh.close();
    std::string health = "no answer";
    SECKILL_WAIT_FOR(answers_healthz(port, health),
                     "the node to serve /healthz once the idle crowd left", health, 20'000);
    node.terminate();
    QVERIFY(node.waitForFinished(10000));
    QCOMPARE(node.exitCode(), 0);
}

QTEST_GUILESS_MAIN(NodeProcess)

// QA's node_crash on a real process: it dies by SIGKILL (no drain, no goodbye), and a
// restart on the same data dir still has every order it confirmed.
void NodeProcess::injectedCrashKillsTheProcessAndLosesNoOrder() {
    QTemporaryDir dir;
    const QString data = dir.path();
    const QStringList args{QStringLiteral("--embedded"),
                           QStringLiteral("--listen"),
                           QStringLiteral("127.0.0.1:0"),
                           QStringLiteral("--data-dir"),
                           data,
                           QStringLiteral("--demo-sale"),
                           QStringLiteral("demo:100"),
                           QStringLiteral("--allow-faults")};
    QProcess node;
    QString out;
    const unsigned short port = start(node, args, &out);
    QVERIFY2(port != 0, qPrintable(out));
    QFile token_file(data + QStringLiteral("/admin-token"));
    QVERIFY(token_file.open(QIODevice::ReadOnly));
    const std::string token = token_file.readAll().trimmed().toStdString();
    HttpClient c(port);
    std::vector<std::string> ids;
    for (int i = 0; i < 20; ++i) {
        const Reply r = c.request(verb::post, "/v1/sales/demo/buy?user=u" + std::to_string(i));
        QCOMPARE(r.status, 201);
        ids.emplace_back(r.json().at("order_id").as_string());
    }
    const Reply crash =
        c.request(verb::post, "/admin/v1/faults", R"({"faults":[{"kind":"node_crash"}]})", token);
    QVERIFY2(crash.status == 200, crash.body.c_str());
    c.close();
    QVERIFY2(node.waitForFinished(10000), "waited for the process to die after node_crash");
    QCOMPARE(node.exitStatus(), QProcess::CrashExit);
    QVERIFY(!QString::fromUtf8(node.readAllStandardOutput())
                 .contains(QStringLiteral("order events left unwritten")));

    QProcess again;
    const unsigned short port2 = start(again, args, &out);
    QVERIFY2(port2 != 0, qPrintable(out));
    store::OrderDb db((data + QStringLiteral("/orders.db")).toStdString());
    std::int64_t stored = 0;
    QVERIFY2(eventually([&] { return (stored = db.count_orders("demo")) == 20; }, 10'000),
             ("waited for the 20 confirmed orders in the order DB after the restart; it holds " +
              std::to_string(stored))
                 .c_str());
    for (const auto& id : ids) QVERIFY2(db.find(id).has_value(), id.c_str());
    again.terminate();
    QVERIFY(again.waitForFinished(10000));
}

#include "test_node_process.moc"
