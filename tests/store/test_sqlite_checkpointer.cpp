// Checkpoints off the committing thread (store/sqlite_checkpointer.h): under a steady
// stream of commits the WAL is checkpointed by the background connection — the data reaches
// the database file — and restarted, so the WAL file stays near the restart size instead of
// growing with every commit (a PASSIVE checkpoint alone cannot reset a WAL being appended to).
#include <sqlite3.h>

#include <QFileInfo>
#include <QTemporaryDir>
#include <QtTest>

#include "store/sqlite_db.h"
#include "support/eventually.h"

using namespace seckill::store::sqlite;

class SqliteCheckpointerTest : public QObject {
    Q_OBJECT

  private Q_SLOTS:
    void aSteadyStreamKeepsTheWalBounded();
};

void SqliteCheckpointerTest::aSteadyStreamKeepsTheWalBounded() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("t.db"));
    const QString wal = path + QStringLiteral("-wal");
    const CheckpointPolicy policy{16, 64};  // pages
    int rows = 0;
    {
        Database db(path.toStdString(), "test DB", Durability::process_crash, policy);
        db.exec("CREATE TABLE t (k INTEGER PRIMARY KEY, v BLOB)");
        sqlite3_stmt* put = db.prepare("INSERT INTO t (k, v) VALUES (?1, zeroblob(3000))");
        // One commit per row of about 3 KB.
        auto commit = [&](int n) {
            for (int i = 0; i < n; ++i)
                db.transaction([&] {
                    Reset reset{put};
                    bind(put, 1, std::int64_t(rows++));
                    db.run(put);
                });
        };
        // Six rounds, each past the restart size; after each the writer waits (on a
        // condition, not a clock) until the background connection has restarted the WAL.
        const Checkpointer& c = db.checkpointer();
        auto counts = [&] {
            return std::to_string(c.checkpoints()) + " checkpoints, " +
                   std::to_string(c.restarts()) + " restarts";
        };
        qint64 first_round = 0, largest = 0;
        for (int round = 0; round < 6; ++round) {
            const std::uint64_t restarts = c.restarts();
            commit(policy.restart_pages);  // two or three pages each: leaf and tree above
            largest = std::max(largest, QFileInfo(wal).size());
            if (round == 0) first_round = largest;
            SECKILL_WAIT_FOR(c.restarts() > restarts,
                             "a RESTART checkpoint after round " + std::to_string(round), counts(),
                             10'000);
        }
        // The pages reached the database file itself, not only the WAL.
        QVERIFY2(QFileInfo(path).size() > qint64(rows) * 3000 / 2,
                 qPrintable(QString::number(QFileInfo(path).size())));
        // Each round wrote from the WAL's beginning again, or after what followed a restart
        // during the round before: the file stays under two rounds' size. (With only PASSIVE
        // checkpoints, or none, it would hold all six rounds.)
        QVERIFY2(largest < 3 * first_round,
                 qPrintable(QStringLiteral("largest WAL %1 bytes, first round %2")
                                .arg(largest)
                                .arg(first_round)));
    }
    // Closed cleanly: the last connection's checkpoint removed the WAL; every row is there.
    QVERIFY(!QFileInfo::exists(wal));
    Database again(path.toStdString(), "test DB", Durability::process_crash);
    sqlite3_stmt* count = again.prepare("SELECT count(*) FROM t");
    QCOMPARE(sqlite3_step(count), SQLITE_ROW);
    QCOMPARE(column_int(count, 0), std::int64_t(rows));
    sqlite3_reset(count);
}

QTEST_GUILESS_MAIN(SqliteCheckpointerTest)
#include "test_sqlite_checkpointer.moc"
