// OrderDb: the SQLite table operators query. The writer may replay a batch after a crash
// between write and acknowledge, so applying events must be idempotent and order-proof:
// the row always reflects the newest ledger seq it has seen. Dumps go through a separate
// sqlite3 connection, as an operator's would.
#include <sqlite3.h>

#include <QtTest>
#include <algorithm>
#include <fstream>
#include <random>
#include <stdexcept>

#include "ledger_fixture.h"
#include "store/order_db.h"

using namespace fixture;
using seckill::store::Order;
using seckill::store::OrderDb;
using seckill::store::OrderEvent;
using seckill::store::OrderStatus;

namespace {

OrderEvent order_event(std::uint64_t seq, const char* id, OrderStatus status, Millis updated,
                       const char* sale = "s1", const char* user = "alice") {
    Order o{id, sale, user, status, t0, updated, t0 + 600'000, std::nullopt};
    return OrderEvent{seq, o, status == OrderStatus::reserved};
}

// Every row and every column the events decide, in key order: two DBs with equal dumps
// are the same to operators. Not written_at: when this DB stored the row, which two DBs fed
// the same events at different moments rightly disagree on.
QByteArray dump(const QString& path,
                const char* sql =
                    "SELECT order_id, sale, user_id, status, pay_before, created_at, updated_at, "
                    "ledger_seq FROM orders ORDER BY order_id") {
    sqlite3* db = nullptr;
    QByteArray out;
    if (sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READONLY, nullptr) !=
        SQLITE_OK) {
        sqlite3_close(db);
        return "(cannot open)";
    }
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, sql, -1, &st, nullptr) == SQLITE_OK) {
        while (sqlite3_step(st) == SQLITE_ROW) {
            for (int i = 0; i < sqlite3_column_count(st); ++i) {
                const auto* text = sqlite3_column_text(st, i);
                out += text ? reinterpret_cast<const char*>(text) : "NULL";
                out += '|';
            }
            out += '\n';
        }
    } else {
        out = QByteArray("(error) ") + sqlite3_errmsg(db);
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    return out;
}

// A realistic stream from the ledger itself: reservations, payments, cancels, expiries.
std::vector<OrderEvent> ledger_events() {
    World w;
    if (!w.create(sale_config("s1", 40, 2, 60))) return {};
    w.ledger.grant_lease("s1", "n1", 40);
    std::vector<std::string> ids(30);
    for (int i = 0; i < 30; ++i) {
        w.buy("s1", "n1", "u" + std::to_string(i % 20), &ids[std::size_t(i)]);
        w.clock.advance(7);
    }
    for (int i = 0; i < 30; i += 3) w.ledger.pay(ids[std::size_t(i)], w.now());
    for (int i = 1; i < 30; i += 5) w.ledger.cancel(ids[std::size_t(i)], w.now());
    w.clock.advance(120'000);
    w.ledger.expire_due(w.now(), 1'000);
    return w.ledger.read_events("w1", 10'000);
}

}  // namespace

class TestOrderDb : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    QString path(const char* name) const { return dir_.filePath(QLatin1String(name)); }
    static std::string s(const QString& p) { return p.toStdString(); }

  private Q_SLOTS:
    void initTestCase() { QVERIFY(dir_.isValid()); }

    void schemaHasTheOperatorColumns() {
        const QString p = path("schema.db");
        { OrderDb db(s(p)); }
        const QByteArray info = dump(p, "SELECT name, pk FROM pragma_table_info('orders')");
        for (const char* col : {"order_id|1|", "sale|0|", "user_id|0|", "status|0|",
                                "created_at|0|", "updated_at|0|"})
            QVERIFY2(info.contains(QByteArray(col) + '\n'), col);
        QCOMPARE(dump(p, "PRAGMA journal_mode"), QByteArray("wal|\n"));
    }

    void anIdOfAnotherBuyerNeverOverwritesTheFirst() {
        // A ledger that lost its data may hand an order id out twice. The first buyer's row
        // stays as it is; the second buyer's event is kept apart and counted, once however
        // often it is replayed; a replay by the first buyer is not a conflict.
        const QString p = path("conflict.db");
        OrderDb db(s(p));
        db.apply(std::vector{order_event(5, "900", OrderStatus::reserved, t0, "s1", "alice")});
        const auto bob = order_event(9, "900", OrderStatus::paid, t0 + 1, "s1", "bob");
        db.apply(std::vector{bob});
        db.apply(std::vector{bob});
        db.apply(std::vector{order_event(5, "900", OrderStatus::reserved, t0, "s1", "alice")});
        QCOMPARE(db.find("900")->user, std::string("alice"));
        QCOMPARE(db.find("900")->status, OrderStatus::reserved);
        QCOMPARE(db.count_conflicts("s1"), std::int64_t(1));
        QCOMPARE(db.conflicts_total(), std::int64_t(1));
        QCOMPARE(dump(p, "SELECT order_id, user_id, status FROM order_conflicts"),
                 QByteArray("900|bob|paid|\n"));
        // The count survives a restart of the process (the metric starts from the table).
        OrderDb again(s(p));
        QCOMPARE(again.conflicts_total(), std::int64_t(1));
        // An order id of another sale is a conflict too, even for the same user.
        db.apply(std::vector{order_event(10, "900", OrderStatus::reserved, t0, "s2", "alice")});
        QCOMPARE(db.count_conflicts("s2"), std::int64_t(1));
        QCOMPARE(db.max_seq(), std::uint64_t(5));
    }

    void applyThenFind() {
        const QString p = path("find.db");
        OrderDb db(s(p));
        const std::vector<OrderEvent> events = {
            order_event(1, "101", OrderStatus::reserved, t0),
            order_event(2, "102", OrderStatus::reserved, t0, "s1", "bob"),
            order_event(3, "201", OrderStatus::reserved, t0, "s2", "carol"),
            order_event(4, "101", OrderStatus::paid, t0 + 1'234),
        };
        db.apply(events);
        const auto o = db.find("101");
        QVERIFY(o.has_value());
        QCOMPARE(q(o->sale), QByteArray("s1"));
        QCOMPARE(q(o->user), QByteArray("alice"));
        QCOMPARE(o->status, OrderStatus::paid);
        QCOMPARE(o->created_at, t0);
        QCOMPARE(o->updated_at, t0 + 1'234);
        QCOMPARE(o->pay_before, t0 + 600'000);
        QVERIFY(!o->queue_position.has_value());
        QCOMPARE(db.find("102")->status, OrderStatus::reserved);
        QVERIFY(!db.find("999").has_value());
        QCOMPARE(db.count_orders("s1"), std::int64_t(2));
        QCOMPARE(db.count_orders("s2"), std::int64_t(1));
        QCOMPARE(db.count_orders("none"), std::int64_t(0));
        const auto by = db.count_by_status("s1");
        QCOMPARE(by.size(), std::size_t(2));
        QCOMPARE(by.at(OrderStatus::paid), std::int64_t(1));
        QCOMPARE(by.at(OrderStatus::reserved), std::int64_t(1));
        QVERIFY(db.count_by_status("none").empty());
        // Operators see RFC 3339 text, not epoch numbers.
        QVERIFY(dump(p, "SELECT created_at FROM orders WHERE order_id = '101'")
                    .startsWith("2027-01-15T08:00:00.000Z"));
    }

    void replayIsIdempotent() {
        const std::vector<OrderEvent> events = ledger_events();
        QVERIFY(events.size() > 50);
        const QString p = path("replay.db");
        OrderDb db(s(p));
        db.apply(events);
        const QByteArray once = dump(p);
        QCOMPARE(once.count('\n'), 30);

        db.apply(events);
        QCOMPARE(dump(p), once);

        // Older events arriving after newer ones, in batches of odd sizes.
        std::vector<OrderEvent> shuffled = events;
        std::shuffle(shuffled.begin(), shuffled.end(), std::mt19937(7));
        for (std::size_t i = 0; i < shuffled.size(); i += 13) {
            const std::size_t n = std::min<std::size_t>(13, shuffled.size() - i);
            db.apply({shuffled.data() + i, n});
        }
        QCOMPARE(dump(p), once);

        // A fresh DB fed the shuffled stream ends the same as one fed it in order.
        const QString p2 = path("replay2.db");
        OrderDb db2(s(p2));
        db2.apply(shuffled);
        QCOMPARE(dump(p2), once);

        std::vector<OrderEvent> reversed(events.rbegin(), events.rend());
        db2.apply(reversed);
        QCOMPARE(dump(p2), once);
    }

    void olderEventNeverOverwritesNewer() {
        const QString p = path("older.db");
        OrderDb db(s(p));
        db.apply(std::vector{order_event(5, "101", OrderStatus::paid, t0 + 500)});
        db.apply(std::vector{order_event(1, "101", OrderStatus::reserved, t0)});
        QCOMPARE(db.find("101")->status, OrderStatus::paid);
        QCOMPARE(db.find("101")->updated_at, t0 + 500);
        // Newest first inside one batch too.
        db.apply(std::vector{order_event(9, "102", OrderStatus::expired, t0 + 900),
                             order_event(3, "102", OrderStatus::reserved, t0)});
        QCOMPARE(db.find("102")->status, OrderStatus::expired);
        // And a newer one still wins.
        db.apply(std::vector{order_event(6, "101", OrderStatus::cancelled, t0 + 600)});
        QCOMPARE(db.find("101")->status, OrderStatus::cancelled);
        QCOMPARE(dump(p, "SELECT order_id, status FROM orders ORDER BY order_id"),
                 QByteArray("101|cancelled|\n102|expired|\n"));
    }

    void anOrderCountsInTheDbItsCreationReached() {
        // Found by review: writers share a sale's events, so an order's creation can land in
        // one writer's DB and its payment in another's. Both hold a row; only the first
        // counts it, or the console's sum of the DBs would pass the ledger's orders and turn
        // I4 red with nothing lost.
        OrderDb first(s(path("created-a.db"))), second(s(path("created-b.db")));
        first.apply(std::vector{order_event(1, "301", OrderStatus::reserved, t0)});
        second.apply(std::vector{order_event(2, "301", OrderStatus::paid, t0 + 5)});
        QCOMPARE(first.count_orders("s1") + second.count_orders("s1"), std::int64_t(1));
        QCOMPARE(second.find("301")->status, OrderStatus::paid);
        // The creation event reaching the second DB too (a replay) makes it count there,
        // without moving the row back to reserved.
        second.apply(std::vector{order_event(1, "301", OrderStatus::reserved, t0)});
        QCOMPARE(second.count_orders("s1"), std::int64_t(1));
        QCOMPARE(second.find("301")->status, OrderStatus::paid);
        QCOMPARE(second.find("301")->updated_at, t0 + 5);
    }

    void aDbOfAnEarlierVersionKeepsCountingItsRows() {
        const QString p = path("old-created.db");
        {
            sqlite3* db = nullptr;
            QCOMPARE(sqlite3_open(qPrintable(p), &db), SQLITE_OK);
            QCOMPARE(sqlite3_exec(db,
                                  "CREATE TABLE orders (order_id TEXT PRIMARY KEY, sale TEXT NOT "
                                  "NULL, user_id TEXT NOT NULL, status TEXT NOT NULL, pay_before "
                                  "TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT "
                                  "NULL, ledger_seq INTEGER NOT NULL, written_at TEXT) WITHOUT "
                                  "ROWID; INSERT INTO orders VALUES ('1','s1','u','paid','x','x',"
                                  "'x',4,NULL)",
                                  nullptr, nullptr, nullptr),
                     SQLITE_OK);
            sqlite3_close(db);
        }
        OrderDb db(s(p));
        QCOMPARE(db.count_orders("s1"), std::int64_t(1));
        db.apply(std::vector{order_event(7, "2", OrderStatus::paid, t0)});  // no creation here
        QCOMPARE(db.count_orders("s1"), std::int64_t(1));
    }

    void failedBatchIsRolledBackWhole() {
        const QString p = path("rollback.db");
        OrderDb db(s(p));
        // The CHECK constraint rejects an unknown status; the good row before it goes too.
        const std::vector<OrderEvent> bad = {
            order_event(1, "101", OrderStatus::reserved, t0),
            order_event(2, "102", static_cast<OrderStatus>(9), t0)};
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, db.apply(bad));
        QVERIFY(!db.find("101").has_value());
        QCOMPARE(db.count_orders("s1"), std::int64_t(0));
        // The connection and statements are usable afterwards.
        db.apply(std::vector{order_event(1, "101", OrderStatus::reserved, t0)});
        QCOMPARE(db.count_orders("s1"), std::int64_t(1));
        db.apply(std::vector<OrderEvent>{});  // nothing to do
        QCOMPARE(db.count_orders("s1"), std::int64_t(1));
    }

    // The order journey's "written to the order DB at": set by the first write of the row,
    // kept by its later changes; a DB from before the column gains it, its rows NULL.
    void writtenAtIsTheFirstWrite() {
        const QString p = path("written.db");
        {
            sqlite3* old = nullptr;
            QCOMPARE(sqlite3_open(p.toUtf8().constData(), &old), SQLITE_OK);
            QCOMPARE(
                sqlite3_exec(old,
                             "CREATE TABLE orders (order_id TEXT PRIMARY KEY, sale TEXT NOT NULL, "
                             "user_id TEXT NOT "
                             "NULL, status TEXT NOT NULL, pay_before TEXT NOT NULL, created_at "
                             "TEXT NOT NULL, "
                             "updated_at TEXT NOT NULL, ledger_seq INTEGER NOT NULL) WITHOUT ROWID;"
                             "INSERT INTO orders VALUES ('700', 's1', 'alice', 'reserved', "
                             "'2027-01-15T08:10:00.000Z', "
                             "'2027-01-15T08:00:00.000Z', '2027-01-15T08:00:00.000Z', 1)",
                             nullptr, nullptr, nullptr),
                SQLITE_OK);
            sqlite3_close(old);
        }
        OrderDb db(s(p));
        QCOMPARE(db.find_stored("700")->written_at, Millis(0));
        const Millis before = seckill::SystemClock::instance().now_ms();
        db.apply(std::vector<OrderEvent>{order_event(5, "701", OrderStatus::reserved, t0)});
        const Millis first = db.find_stored("701")->written_at;
        QVERIFY(first >= before - 1);  // RFC 3339 keeps milliseconds
        QTRY_VERIFY(seckill::SystemClock::instance().now_ms() > first + 5);
        db.apply(std::vector<OrderEvent>{order_event(6, "701", OrderStatus::paid, t0 + 10)});
        const auto paid = db.find_stored("701");
        QCOMPARE(paid->order.status, OrderStatus::paid);
        QCOMPARE(paid->written_at, first);
    }

    void survivesReopen() {
        const QString p = path("reopen.db");
        const std::vector<OrderEvent> events = ledger_events();
        QByteArray before;
        {
            OrderDb db(s(p));
            db.apply(events);
            before = dump(p);
        }
        OrderDb again(s(p));
        QCOMPARE(dump(p), before);
        QCOMPARE(again.count_orders("s1"), std::int64_t(30));
        again.apply(events);
        QCOMPARE(dump(p), before);
    }

    void openFailuresThrow() {
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, OrderDb{s(path("no/such/dir/x.db"))});
        const QString junk = path("junk.db");
        std::ofstream(s(junk)) << std::string(4096, 'x');
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, OrderDb{s(junk)});
    }

    void failedOpenReleasesTheConnection() {
        // A constructor that throws never runs the destructor, so whatever it opened it must
        // close itself; SQLite's own allocation counter shows what stays behind.
        const QString junk = path("junk2.db");
        std::ofstream(s(junk)) << std::string(4096, 'x');
        const sqlite3_int64 before = sqlite3_memory_used();
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, OrderDb{s(junk)});
        QCOMPARE(sqlite3_memory_used() - before, sqlite3_int64(0));
    }
};

QTEST_APPLESS_MAIN(TestOrderDb)
#include "test_order_db.moc"
