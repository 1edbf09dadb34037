// The embedded node killed -9 in the middle of a buy storm and started again on the same
// data dir with the same --demo-sale: every order a buyer got 201 for is still there with
// its buyer, can be paid, reaches the order DB, and the sale is not created a second time.
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>
#include <atomic>
#include <mutex>
#include <thread>

#include "store/order_db.h"
#include "support/eventually.h"
#include "support/http_client.h"

using namespace seckill;
using namespace seckill::testing;
using boost::beast::http::verb;

namespace {

// Starts the node and returns the port it printed (0 on failure); `out` gets what it printed.
unsigned short start(QProcess& p, const QStringList& args, QString& out) {
    p.setProgram(QStringLiteral(SECKILL_NODE_BIN));
    p.setArguments(args);
    p.start();
    if (!p.waitForStarted(5000)) return 0;
    const QRegularExpression serving(QStringLiteral("serving http://127\\.0\\.0\\.1:(\\d+)"));
    const QRegularExpression done(
        QStringLiteral("demo sale '[a-z]+' (is running|already exists)[^\\n]*\\n"));
    eventually(
        [&] {
            p.waitForReadyRead(50);
            out += QString::fromUtf8(p.readAllStandardOutput());
            return serving.match(out).hasMatch() && done.match(out).hasMatch();
        },
        10000);
    const auto m = serving.match(out);
    return m.hasMatch() ? m.captured(1).toUShort() : 0;
}

struct Confirmed {
    std::string order_id;
    std::string user;
};

}  // namespace

class NodeCrash : public QObject {
    Q_OBJECT

  private Q_SLOTS:
    void killNineMidStormLosesNothingAndDoesNotResell();
};

void NodeCrash::killNineMidStormLosesNothingAndDoesNotResell() {
    QTemporaryDir dir;
    const QString data = dir.path();
    const QStringList args{QStringLiteral("--listen"),    QStringLiteral("127.0.0.1:0"),
                           QStringLiteral("--data-dir"),  data,
                           QStringLiteral("--demo-sale"), QStringLiteral("storm:100000")};
    QProcess node;
    QString out;
    const unsigned short port = start(node, args, out);
    QVERIFY2(port != 0, qPrintable(out));

    std::mutex mu;
    std::vector<Confirmed> confirmed;
    std::atomic<bool> go{true};
    std::vector<std::thread> buyers;
    for (int t = 0; t < 4; ++t)
        buyers.emplace_back([&, t] {
            try {
                HttpClient c(port);
                for (int i = 0; go; ++i) {
                    const std::string user = "t" + std::to_string(t) + "x" + std::to_string(i);
                    const Reply r = c.request(verb::post, "/v1/sales/storm/buy?user=" + user);
                    if (r.status != 201) continue;
                    std::lock_guard lock(mu);
                    confirmed.push_back({std::string(r.json().at("order_id").as_string()), user});
                }
            } catch (const std::exception&) {
                // The node died under the connection: that is the point.
            }
        });
    auto count = [&] {
        std::lock_guard lock(mu);
        return confirmed.size();
    };
    // Mid-storm: enough confirmations that some are surely still queued for the order DB.
    const bool stormed = eventually([&] { return count() >= 3000; }, 60000);
    node.kill();  // SIGKILL: no leases returned, no queue drained
    QVERIFY(node.waitForFinished(10000));
    go = false;
    for (auto& b : buyers) b.join();
    QVERIFY2(stormed,
             qPrintable(QStringLiteral("waited for 3000 confirmed buys, saw %1").arg(count())));

    QProcess again;
    QString out2;
    const unsigned short port2 = start(again, args, out2);
    QVERIFY2(port2 != 0, qPrintable(out2));
    QVERIFY2(out2.contains(QStringLiteral("demo sale 'storm' already exists: kept")),
             qPrintable(out2));

    HttpClient c(port2);
    // Every confirmed order is there, with its buyer; every tenth is paid now.
    for (std::size_t i = 0; i < confirmed.size(); ++i) {
        const auto& [id, user] = confirmed[i];
        const Reply r = c.request(verb::get, "/v1/orders/" + id + "?user=" + user);
        QVERIFY2(r.status == 200, (id + " answered " + std::to_string(r.status)).c_str());
        QCOMPARE(std::string(r.json().at("user").as_string()), user);
        QCOMPARE(std::string(r.json().at("status").as_string()), std::string("reserved"));
        if (i % 10 != 0) continue;
        const Reply paid = c.request(verb::post, "/v1/orders/" + id + "/pay?user=" + user);
        QVERIFY2(paid.status == 200, (id + " pay answered " + std::to_string(paid.status)).c_str());
        QCOMPARE(std::string(paid.json().at("status").as_string()), std::string("paid"));
    }
    // The sale carried on from where it was: what was sold before counts, nothing twice.
    const Reply sale = c.request(verb::get, "/v1/sales/storm");
    QCOMPARE(sale.status, 200);
    const auto doc = sale.json();
    const auto& stock = doc.as_object();
    const std::int64_t sold = stock.at("reserved").as_int64() + stock.at("paid").as_int64();
    QVERIFY2(sold >= std::int64_t(confirmed.size()) && sold <= 100000,
             qPrintable(QStringLiteral("sold %1, confirmed %2").arg(sold).arg(confirmed.size())));
    QCOMPARE(stock.at("paid").as_int64(), std::int64_t((confirmed.size() + 9) / 10));
    c.close();

    again.terminate();
    QVERIFY(again.waitForFinished(15000));
    QCOMPARE(again.exitCode(), 0);
    store::OrderDb db((data + QStringLiteral("/orders.db")).toStdString());
    for (const auto& [id, user] : confirmed) {
        const auto row = db.find(id);
        QVERIFY2(row.has_value(), ("confirmed order " + id + " is not in the order DB").c_str());
        QCOMPARE(row->user, user);
    }
    QCOMPARE(db.count_conflicts("storm"), std::int64_t(0));
}

QTEST_GUILESS_MAIN(NodeCrash)
#include "test_node_crash.moc"
