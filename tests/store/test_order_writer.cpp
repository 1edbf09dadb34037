// OrderWriter between MemoryLedger and OrderDb: the order-DB half of I4 (every order event
// reaches the DB exactly once, and none is acknowledged before it is stored). The DB is
// broken by renaming its table from a second connection; file permissions would not stop
// a root test runner.
#include <sqlite3.h>

#include <QtTest>
#include <stdexcept>

#include "ledger_fixture.h"
#include "store/order_db.h"
#include "store/order_writer.h"
#include "support/eventually.h"

using namespace fixture;
using seckill::store::OrderDb;
using seckill::store::OrderWriter;

namespace {

bool exec_sql(const QString& path, const char* sql) {
    sqlite3* db = nullptr;
    bool ok = sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READWRITE, nullptr) ==
              SQLITE_OK;
    if (ok) {
        sqlite3_busy_timeout(db, 5'000);  // the writer may be inside a transaction
        ok = sqlite3_exec(db, sql, nullptr, nullptr, nullptr) == SQLITE_OK;
    }
    sqlite3_close(db);
    return ok;
}

bool break_db(const QString& path) {
    return exec_sql(path, "ALTER TABLE orders RENAME TO orders_away");
}
bool repair_db(const QString& path) {
    return exec_sql(path, "ALTER TABLE orders_away RENAME TO orders");
}

void open_sale(World& w) {
    QVERIFY(w.create(sale_config("s1", 1'000, 1, 60)));
    w.ledger.register_node("n1", "x", w.now());
    QCOMPARE(w.ledger.grant_lease("s1", "n1", 1'000).granted, std::int64_t(1'000));
}

// n buys by fresh users; every 3rd pays, every 4th cancels. Returns the order ids.
std::vector<std::string> trade(World& w, const std::string& tag, int n) {
    std::vector<std::string> ids(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) {
        w.buy("s1", "n1", tag + std::to_string(i), &ids[std::size_t(i)]);
        w.clock.advance(3);
    }
    for (int i = 0; i < n; i += 3) w.ledger.pay(ids[std::size_t(i)], w.now());
    for (int i = 1; i < n; i += 4) w.ledger.cancel(ids[std::size_t(i)], w.now());
    return ids;
}

// Orders whose DB row differs from the ledger, one line each; empty when the DB matches.
QByteArray mismatches(World& w, OrderDb& db, const std::vector<std::string>& ids) {
    QByteArray out;
    for (const auto& id : ids) {
        const auto in_ledger = w.ledger.get_order(id);
        const auto in_db = db.find(id);
        if (!in_ledger || !in_db || in_db->status != in_ledger->status ||
            in_db->updated_at != in_ledger->updated_at || in_db->user != in_ledger->user)
            out += q(id) + (in_db ? " differs\n" : " missing\n");
    }
    return out;
}

}  // namespace

class TestOrderWriter : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    int files_ = 0;
    QString fresh_path() { return dir_.filePath(QStringLiteral("orders%1.db").arg(++files_)); }

  private Q_SLOTS:
    void initTestCase() { QVERIFY(dir_.isValid()); }

    void drainWritesWhatTheLedgerKnows() {
        World w;
        open_sale(w);
        std::vector<std::string> ids = trade(w, "a", 40);
        w.clock.advance(61'000);
        QVERIFY(!w.ledger.expire_due(w.now(), 1'000).empty());
        const auto events = std::uint64_t(w.ledger.queue_depth());

        OrderDb db(fresh_path().toStdString());
        OrderWriter writer(w.ledger, db, {7, 5});
        writer.drain();
        QCOMPARE(w.ledger.queue_depth(), std::int64_t(0));
        QCOMPARE(writer.written(), events);
        QCOMPARE(mismatches(w, db, ids), QByteArray());
        QCOMPARE(db.count_orders("s1"), w.ledger.order_tally("s1").orders);
        QCOMPARE(w.ledger.order_tally("s1").unwritten, std::int64_t(0));
        QVERIFY(!w.ledger.get_order(ids.back())->queue_position.has_value());

        // Later changes of already written orders reach the DB too.
        const auto more = trade(w, "b", 10);
        ids.insert(ids.end(), more.begin(), more.end());
        writer.drain();
        QCOMPARE(w.ledger.queue_depth(), std::int64_t(0));
        QCOMPARE(mismatches(w, db, ids), QByteArray());
        QCOMPARE(db.count_orders("s1"), std::int64_t(50));
        QVERIFY(writer.last_error().empty());
    }

    void writeBatchTakesAtMostTheBatch() {
        World w;
        open_sale(w);
        trade(w, "a", 20);  // 20 reservations + 7 payments + 4 cancels (order 9 was paid)
        OrderDb db(fresh_path().toStdString());
        OrderWriter writer(w.ledger, db, {10, 5});
        QCOMPARE(writer.write_batch(), std::size_t(10));
        QCOMPARE(w.ledger.queue_depth(), std::int64_t(21));
        QCOMPARE(writer.write_batch(), std::size_t(10));
        QCOMPARE(writer.write_batch(), std::size_t(10));
        QCOMPARE(writer.write_batch(), std::size_t(1));
        QCOMPARE(writer.write_batch(), std::size_t(0));
        QCOMPARE(writer.written(), std::uint64_t(31));
    }

    void threadWritesAndStopDrains() {
        World w;
        open_sale(w);
        OrderDb db(fresh_path().toStdString());
        OrderWriter writer(w.ledger, db, {16, 1});
        writer.start();
        writer.start();  // a second start is harmless
        std::vector<std::string> ids = trade(w, "a", 60);
        QTRY_COMPARE(w.ledger.queue_depth(), std::int64_t(0));
        QCOMPARE(mismatches(w, db, ids), QByteArray());

        // Whatever is queued when stop() is called is written before it returns.
        const auto more = trade(w, "b", 200);
        ids.insert(ids.end(), more.begin(), more.end());
        writer.stop();
        QCOMPARE(w.ledger.queue_depth(), std::int64_t(0));
        QCOMPARE(mismatches(w, db, ids), QByteArray());
        QCOMPARE(db.count_orders("s1"), std::int64_t(260));
        writer.stop();  // and a second stop too
    }

    void failingDbKeepsEventsUnacknowledged() {
        World w;
        open_sale(w);
        const QString path = fresh_path();
        OrderDb db(path.toStdString());
        OrderWriter writer(w.ledger, db);
        const auto ids = trade(w, "a", 12);
        const std::int64_t depth = w.ledger.queue_depth();
        QVERIFY(break_db(path));
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, writer.write_batch());
        QCOMPARE(w.ledger.queue_depth(), depth);
        QCOMPARE(writer.written(), std::uint64_t(0));
        QCOMPARE(w.ledger.get_order(ids[0])->queue_position, std::optional<std::int64_t>(0));

        QVERIFY(repair_db(path));
        writer.drain();
        QCOMPARE(w.ledger.queue_depth(), std::int64_t(0));
        QCOMPARE(mismatches(w, db, ids), QByteArray());
    }

    void threadRetriesUntilTheDbRecovers() {
        World w;
        open_sale(w);
        const QString path = fresh_path();
        OrderDb db(path.toStdString());
        OrderWriter writer(w.ledger, db, {64, 1});
        writer.start();
        QVERIFY(break_db(path));  // while idle, so no transaction is open
        const auto ids = trade(w, "a", 30);
        const std::int64_t depth = w.ledger.queue_depth();
        QTRY_VERIFY(!writer.last_error().empty());
        QVERIFY2(writer.last_error().find("orders") != std::string::npos,
                 writer.last_error().c_str());
        QCOMPARE(w.ledger.queue_depth(), depth);
        QCOMPARE(db.count_orders("s1"), std::int64_t(0));

        QVERIFY(repair_db(path));
        QTRY_COMPARE(w.ledger.queue_depth(), std::int64_t(0));
        writer.stop();
        QCOMPARE(mismatches(w, db, ids), QByteArray());
        QCOMPARE(writer.written(), std::uint64_t(depth));
    }

    // seckill_order_writer_lag_seconds: the time since the writer last had the queue
    // written. It must grow while the DB fails (a queue depth alone looks the same during
    // a burst) and fall back once the writer has caught up.
    void lagGrowsWhileTheDbFailsAndFallsOnceCaughtUp() {
        World w;
        open_sale(w);
        const QString path = fresh_path();
        OrderDb db(path.toStdString());
        OrderWriter writer(w.ledger, db, {64, 1});
        QCOMPARE(writer.lag_ms(), seckill::Millis(0));  // not started: no lag to speak of
        writer.start();
        QVERIFY(break_db(path));
        trade(w, "a", 10);
        SECKILL_WAIT_FOR(writer.lag_ms() >= 300, "the lag to pass 300 ms while the DB fails",
                         std::to_string(writer.lag_ms()) + " ms", 10'000);
        const seckill::Millis failing = writer.lag_ms();
        QVERIFY(repair_db(path));
        SECKILL_WAIT_FOR(w.ledger.queue_depth() == 0, "the queue written after the repair",
                         std::to_string(w.ledger.queue_depth()) + " events queued", 10'000);
        SECKILL_WAIT_FOR(writer.lag_ms() < failing,
                         "the lag to fall below its failing value once caught up",
                         std::to_string(writer.lag_ms()) + " ms", 10'000);
        writer.stop();
    }

    void stopWithTheDbStillFailingDoesNotThrow() {
        // ~OrderWriter calls stop(), and Engine::stop() calls it outside its try block; an
        // exception escaping a destructor is std::terminate. The unwritten events are safe in
        // the ledger anyway, so stop() has nothing to report by throwing.
        World w;
        open_sale(w);
        const QString path = fresh_path();
        OrderDb db(path.toStdString());
        OrderWriter writer(w.ledger, db, {64, 1});
        writer.start();
        QVERIFY(break_db(path));
        trade(w, "a", 5);
        const std::int64_t depth = w.ledger.queue_depth();
        QTRY_VERIFY(!writer.last_error().empty());
        QByteArray thrown;
        try {
            writer.stop();
        } catch (const std::exception& e) {
            thrown = e.what();
        }
        QCOMPARE(w.ledger.queue_depth(), depth);  // nothing acknowledged either way
        QVERIFY(repair_db(path));
        QVERIFY2(thrown.isEmpty(), ("stop() threw: " + thrown).constData());
    }
};

QTEST_GUILESS_MAIN(TestOrderWriter)
#include "test_order_writer.moc"
