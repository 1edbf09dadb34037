// The journaled embedded ledger across a restart: a second MemoryLedger opened on the same
// journal (the first one simply abandoned, as kill -9 would leave it) serves the same sales,
// reservations, holds, payments, control state and order queue.
#include <QtTest>
#include <set>

#include "ledger_fixture.h"
#include "store/ledger_journal.h"
#include "store/order_db.h"

using namespace fixture;
using seckill::store::LedgerJournal;
using seckill::store::OrderStatus;
using seckill::store::sqlite::Durability;

class TestLedgerJournal : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    std::string path() const { return dir_.filePath(QStringLiteral("ledger.db")).toStdString(); }

    // One process's life: open the journal, rebuild the ledger, run `body`, then drop both
    // without any orderly stop.
    template <class F>
    void life(F&& body) {
        LedgerJournal journal(path(), Durability::process_crash);
        MemoryLedger ledger(journal);
        ledger.register_node("n1", "127.0.0.1:1", t0);
        body(ledger);
    }

    static std::string commit_one(MemoryLedger& l, const std::string& sale, const std::string& user,
                                  const std::string& id, Millis now) {
        const CommitItem item{user, id};
        return std::string(to_string(l.commit(sale, "n1", {&item, 1}, now)[0].outcome));
    }

  private Q_SLOTS:
    void init() { QFile::remove(QString::fromStdString(path())); }

    void a_restart_keeps_sales_orders_holds_and_control() {
        life([&](MemoryLedger& l) {
            QVERIFY(l.create_sale(sale_config("s1", 10, 1, 60), SaleState::running, t0));
            QVERIFY(l.create_sale(sale_config("s2", 5), SaleState::scheduled, t0));
            QCOMPARE(l.grant_lease("s1", "n1", 6).granted, 6);
            for (int i = 0; i < 4; ++i)
                QCOMPARE(commit_one(l, "s1", "u" + std::to_string(i), "o" + std::to_string(i), t0),
                         std::string("reserved"));
            QCOMPARE(l.pay("o0", t0 + 1).result, seckill::store::OrderUpdate::Result::done);
            QCOMPARE(l.cancel("o1", t0 + 1).result, seckill::store::OrderUpdate::Result::done);
            l.set_degrade("", 2);
            l.set_limits(R"({"rules":[]})");
            l.set_allocation("s1", {{"n1", 3}});
            QCOMPARE(l.set_sale_state("s2", SaleState::paused, t0),
                     seckill::store::StateChange::done);
            // The order writer stored the first three events only.
            auto events = l.read_events("w", 3);
            QCOMPARE(events.size(), std::size_t(3));
            l.ack_events(events);
        });
        life([&](MemoryLedger& l) {
            auto s1 = l.get_sale("s1", t0 + 2);
            QVERIFY(s1);
            QCOMPARE(s1->state, SaleState::running);
            // 4 reserved, one paid, one cancelled: 2 reserved + 1 paid; the lease of the
            // dead process is back in the pool.
            QCOMPARE(s1->stock.reserved, 2);
            QCOMPARE(s1->stock.paid, 1);
            QCOMPARE(s1->stock.leased, 0);
            QCOMPARE(s1->stock.pool, 7);
            QCOMPARE(l.get_sale("s2", t0)->state, SaleState::paused);
            // Events the writer had not stored (3 of 7) are queued again, once per order,
            // with the order as it is now.
            auto events = l.read_events("w", 100);
            std::set<std::string> ids;
            for (const auto& e : events) QVERIFY(ids.insert(e.order.order_id).second);
            QCOMPARE(ids, (std::set<std::string>{"o0", "o1", "o3"}));
            QCOMPARE(l.get_order("o0")->status, OrderStatus::paid);
            QCOMPARE(l.get_order("o1")->status, OrderStatus::cancelled);
            QCOMPARE(l.get_order("o2")->user, std::string("u2"));
            // Holds survive: u2 is at the limit, u1 (cancelled) is not.
            QCOMPARE(l.grant_lease("s1", "n1", 2).granted, 2);
            QCOMPARE(commit_one(l, "s1", "u2", "o9", t0 + 3), std::string("limit_reached"));
            QCOMPARE(commit_one(l, "s1", "u1", "o10", t0 + 3), std::string("reserved"));
            // An id handed out before the restart is never sold again.
            QCOMPARE(commit_one(l, "s1", "zz", "o3", t0 + 3), std::string("duplicate_order"));
            // Open reservations are payable and cancellable after the restart.
            QCOMPARE(l.pay("o2", t0 + 4).result, seckill::store::OrderUpdate::Result::done);
            QCOMPARE(l.cancel("o3", t0 + 4).result, seckill::store::OrderUpdate::Result::done);
            const auto control = l.control();
            QCOMPARE(control.degrade_global, 2);
            QCOMPARE(control.limits_json, std::string(R"({"rules":[]})"));
            QCOMPARE(l.allocation("s1").at("n1"), 3);
            auto report = l.check_invariants("s1", t0 + 4, 10'000, 5'000);
            QVERIFY2(report && report->ok, describe(*report).constData());
        });
        life([&](MemoryLedger& l) {
            // Reservations whose deadline passed while no process ran expire at the next
            // sweep, exactly once.
            const auto expired = l.expire_due(t0 + 61'000, 100);
            QCOMPARE(expired.size(), std::size_t(1));  // o10 (o2 paid, o3 cancelled)
            QCOMPARE(expired[0].order_id, std::string("o10"));
            QVERIFY(l.expire_due(t0 + 62'000, 100).empty());
        });
        life([&](MemoryLedger& l) {
            QCOMPARE(l.get_order("o10")->status, OrderStatus::expired);
            QCOMPARE(l.get_sale("s1", t0)->stock.pool, 8);  // 10 − paid o0, o2
        });
    }

    void every_event_reaches_the_order_db_once_across_restarts() {
        const std::string db_path = dir_.filePath(QStringLiteral("orders.db")).toStdString();
        QFile::remove(QString::fromStdString(db_path));
        seckill::store::OrderDb db(db_path);
        int next = 0;
        for (int round = 0; round < 4; ++round) {
            life([&](MemoryLedger& l) {
                if (round == 0)
                    QVERIFY(l.create_sale(sale_config("s", 1000), SaleState::running, t0));
                QCOMPARE(l.grant_lease("s", "n1", 50).granted, 50);
                for (int i = 0; i < 50; ++i, ++next)
                    QCOMPARE(commit_one(l, "s", "u" + std::to_string(next),
                                        "id" + std::to_string(next), t0),
                             std::string("reserved"));
                // The writer gets part of the queue into the DB before the "crash".
                auto events = l.read_events("w", 30);
                db.apply(events);
                l.ack_events(events);
            });
        }
        life([&](MemoryLedger& l) {
            for (auto events = l.read_events("w", 64); !events.empty();
                 events = l.read_events("w", 64)) {
                db.apply(events);
                l.ack_events(events);
            }
            QCOMPARE(db.count_orders("s"), std::int64_t(200));
            QCOMPARE(l.get_sale("s", t0)->stock.reserved, std::int64_t(200));
        });
    }
};

QTEST_GUILESS_MAIN(TestLedgerJournal)
#include "test_ledger_journal.moc"
