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
        // Past the restart size: the background connection checkpoints, then restarts.
        commit(2 * policy.restart_pages);
        const Checkpointer& c = db.checkpointer();
        auto counts = [&] {
            return std::to_string(c.checkpoints()) + " checkpoints, " +
                   std::to_string(c.restarts()) + " restarts";
        };
        SECKILL_WAIT_FOR(c.restarts() > 0, "a RESTART checkpoint on the background connection",
                         counts(), 10'000);
        // The pages reached the database file itself, not only the WAL.
        QVERIFY2(QFileInfo(path).size() > qint64(rows) * 3000 / 2,
                 qPrintable(QString::number(QFileInfo(path).size())));
        // Restarted: a few more commits (each writes two or three pages: the row's leaf and
        // the tree above it) are written from the WAL's beginning, so the file does not grow;
        // with only PASSIVE checkpoints, or none, each commit would add its pages.
        const qint64 before = QFileInfo(wal).size();
        QVERIFY2(before >= qint64(policy.restart_pages) * 4096,
                 qPrintable(QString::number(before)));
        commit(policy.restart_pages / 8);
        QCOMPARE(QFileInfo(wal).size(), before);
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
