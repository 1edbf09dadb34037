// MemoryLedger: sales, stock leases, the per-item commit verdicts, and the life of a
// reservation (pay, cancel, expiry). Events, nodes and control are in
// test_ledger_queue_nodes; the invariant oracle in test_ledger_invariants.
#include <QtTest>
#include <map>

#include "ledger_fixture.h"

using namespace fixture;
using seckill::StockCounts;
using seckill::store::LeaseGrant;
using seckill::store::OrderStatus;
using seckill::store::OrderUpdate;
using seckill::store::StateChange;
using Result = OrderUpdate::Result;

class TestMemoryLedger : public QObject {
    Q_OBJECT

  private Q_SLOTS:
    void createGetAndList() {
        World w;
        auto scheduled = sale_config("b-later", 5);
        scheduled.starts_at = t0 + 60'000;
        QVERIFY(w.create(sale_config("a-now", 100, 2, 300)));
        QVERIFY(w.create(scheduled, SaleState::scheduled));

        const auto a = w.ledger.get_sale("a-now", w.now());
        QVERIFY(a.has_value());
        QCOMPARE(q(a->config.name), QByteArray("item a-now"));
        QCOMPARE(a->config.per_user_limit, 2);
        QCOMPARE(a->config.pay_timeout_s, std::int64_t(300));
        QCOMPARE(a->state, SaleState::running);
        QCOMPARE(a->stock.total, std::int64_t(100));
        QCOMPARE(a->stock.pool, std::int64_t(100));
        QCOMPARE(a->stock.remaining(), std::int64_t(100));
        QVERIFY(!w.ledger.get_sale("nope", w.now()).has_value());

        auto all = w.ledger.list_sales(w.now());
        QCOMPARE(all.size(), std::size_t(2));
        QCOMPARE(q(all[0].config.id), QByteArray("a-now"));
        QCOMPARE(all[1].state, SaleState::scheduled);
        // The listed state is the effective one at the time asked.
        all = w.ledger.list_sales(t0 + 60'000);
        QCOMPARE(all[1].state, SaleState::running);
    }

    void duplicateSaleIsRefused() {
        World w;
        QVERIFY(w.create(sale_config("s1", 100)));
        QVERIFY(!w.create(sale_config("s1", 5), SaleState::paused));
        const auto v = w.ledger.get_sale("s1", w.now());
        QCOMPARE(v->stock.total, std::int64_t(100));
        QCOMPARE(v->state, SaleState::running);
        QCOMPARE(w.ledger.list_sales(w.now()).size(), std::size_t(1));
    }

    void saleStateChanges() {
        World w;
        QVERIFY(w.create(sale_config("s1", 10)));
        QCOMPARE(w.ledger.set_sale_state("nope", SaleState::paused, w.now()),
                 StateChange::not_found);
        QCOMPARE(w.ledger.set_sale_state("s1", SaleState::paused, w.now()), StateChange::done);
        QCOMPARE(w.ledger.get_sale("s1", w.now())->state, SaleState::paused);
        QCOMPARE(w.ledger.set_sale_state("s1", SaleState::ended, w.now()), StateChange::done);
        QCOMPARE(w.ledger.set_sale_state("s1", SaleState::running, w.now()), StateChange::invalid);
        QCOMPARE(w.ledger.set_sale_state("s1", SaleState::ended, w.now()), StateChange::done);

        // Starting a scheduled sale by hand opens it now, overriding its starts_at.
        auto c = sale_config("s2", 10);
        c.starts_at = t0 + 3'600'000;
        QVERIFY(w.create(c, SaleState::scheduled));
        QCOMPARE(w.ledger.set_sale_state("s2", SaleState::running, w.now()), StateChange::done);
        const auto v = w.ledger.get_sale("s2", w.now());
        QCOMPARE(v->state, SaleState::running);
        QCOMPARE(v->config.starts_at, std::optional<Millis>(w.now()));

        // A sale whose ends_at has passed is ended and cannot be reopened.
        auto e = sale_config("s3", 10);
        e.ends_at = t0 + 1'000;
        QVERIFY(w.create(e));
        w.clock.advance(1'000);
        QCOMPARE(w.ledger.set_sale_state("s3", SaleState::running, w.now()), StateChange::invalid);
    }

    void grantLeaseFromThePool_data() {
        QTest::addColumn<qint64>("pool");
        QTest::addColumn<qint64>("want");
        QTest::addColumn<qint64>("granted");
        QTest::addColumn<qint64>("left");
        QTest::newRow("plenty") << 10LL << 4LL << 4LL << 6LL;
        QTest::newRow("exactly the pool") << 10LL << 10LL << 10LL << 0LL;
        QTest::newRow("partial, pool small") << 6LL << 10LL << 6LL << 0LL;
        QTest::newRow("want zero") << 10LL << 0LL << 0LL << 10LL;
        QTest::newRow("want negative") << 10LL << -3LL << 0LL << 10LL;
    }

    void grantLeaseFromThePool() {
        QFETCH(qint64, pool);
        QFETCH(qint64, want);
        QFETCH(qint64, granted);
        QFETCH(qint64, left);
        World w;
        QVERIFY(w.create(sale_config("s1", pool)));
        const LeaseGrant g = w.ledger.grant_lease("s1", "n1", want);
        QCOMPARE(g.granted, std::int64_t(granted));
        QCOMPARE(g.pool_left, std::int64_t(left));
        QCOMPARE(w.stock("s1").pool, std::int64_t(left));
        QCOMPARE(w.stock("s1").leased, std::int64_t(granted));
    }

    void grantFromEmptyPoolOrUnknownSale() {
        World w;
        QVERIFY(w.create(sale_config("s1", 3)));
        QCOMPARE(w.ledger.grant_lease("s1", "n1", 5).granted, std::int64_t(3));
        const LeaseGrant g = w.ledger.grant_lease("s1", "n2", 5);
        QCOMPARE(g.granted, std::int64_t(0));
        QCOMPARE(g.pool_left, std::int64_t(0));
        QCOMPARE(w.ledger.grant_lease("nope", "n1", 5).granted, std::int64_t(0));
        QCOMPARE(w.ledger.return_lease("s1", "n2", 1), std::int64_t(0));  // n2 got nothing
    }

    void returnLeaseClampsToWhatTheNodeHolds() {
        World w;
        QVERIFY(w.create(sale_config("s1", 20)));
        w.ledger.grant_lease("s1", "n1", 5);
        w.ledger.grant_lease("s1", "n2", 4);
        QCOMPARE(w.ledger.return_lease("s1", "n1", 2), std::int64_t(2));
        QCOMPARE(w.ledger.return_lease("s1", "n1", 8), std::int64_t(3));
        QCOMPARE(w.ledger.return_lease("s1", "n1", 1), std::int64_t(0));
        QCOMPARE(w.ledger.return_lease("s1", "n2", 0), std::int64_t(0));
        QCOMPARE(w.ledger.return_lease("s1", "n2", -4), std::int64_t(0));
        QCOMPARE(w.ledger.return_lease("s1", "never", 3), std::int64_t(0));
        QCOMPARE(w.ledger.return_lease("nope", "n2", 3), std::int64_t(0));
        const StockCounts c = w.stock("s1");
        QCOMPARE(c.pool, std::int64_t(16));  // n2's 4 are still out
        QCOMPARE(c.leased, std::int64_t(4));
    }

    void commitReservesWithDeadline() {
        World w;
        QVERIFY(w.create(sale_config("s1", 10, 1, 600)));
        w.ledger.grant_lease("s1", "n1", 3);
        const CommitItem item{"alice", "123"};
        const auto results = w.ledger.commit("s1", "n1", {&item, 1}, w.now());
        QCOMPARE(results.size(), std::size_t(1));
        QCOMPARE(results[0].outcome, CommitOutcome::reserved);
        QCOMPARE(results[0].pay_before, w.now() + 600'000);

        const auto o = w.ledger.get_order("123");
        QVERIFY(o.has_value());
        QCOMPARE(q(o->sale), QByteArray("s1"));
        QCOMPARE(q(o->user), QByteArray("alice"));
        QCOMPARE(o->status, OrderStatus::reserved);
        QCOMPARE(o->created_at, w.now());
        QCOMPARE(o->pay_before, w.now() + 600'000);
        const StockCounts c = w.stock("s1");
        QCOMPARE(c.leased, std::int64_t(2));
        QCOMPARE(c.reserved, std::int64_t(1));
        QCOMPARE(c.pool, std::int64_t(7));
        QVERIFY(!w.ledger.get_order("124").has_value());
    }

    void perUserLimit_data() {
        QTest::addColumn<int>("limit");
        QTest::newRow("limit 1") << 1;
        QTest::newRow("limit 2") << 2;
    }

    void perUserLimit() {
        QFETCH(int, limit);
        World w;
        QVERIFY(w.create(sale_config("s1", 10, limit)));
        w.ledger.grant_lease("s1", "n1", 10);
        // Within one batch, and again in a later batch.
        std::vector<std::string> users(std::size_t(limit) + 1, "alice");
        users.push_back("bob");
        QByteArray expected;
        for (int i = 0; i < limit; ++i) expected += "reserved,";
        expected += "limit_reached,reserved";
        QCOMPARE(w.buy_batch("s1", "n1", users), expected);
        QCOMPARE(w.buy("s1", "n1", "alice"), CommitOutcome::limit_reached);
        // A refused item does not consume the node's leased unit.
        QCOMPARE(w.stock("s1").leased, std::int64_t(10 - limit - 1));
        QCOMPARE(w.stock("s1").reserved, std::int64_t(limit + 1));
    }

    void oneBatchOfThousandsKeepsEveryRule() {
        // The Redis commit reads and writes a batch in slices of 1000 (Lua's unpack
        // limit): users and order ids repeated inside the batch and across slice edges
        // must get the verdicts single buys would.
        World w;
        QVERIFY(w.create(sale_config("s1", 5000, 2)));
        w.ledger.register_node("n1", "x", w.now());
        w.ledger.grant_lease("s1", "n1", 2600);
        std::vector<CommitItem> items;
        for (int i = 0; i < 2400; ++i)
            items.push_back({"u" + std::to_string(i % 800), w.new_order_id()});
        items.push_back(items[1500]);                 // u700's second order again: a retry
        items.push_back({"zed", items[2].order_id});  // somebody else's order id
        const auto results = w.ledger.commit("s1", "n1", items, w.now());
        QCOMPARE(results.size(), items.size());
        std::map<std::string, int> seen;
        for (std::size_t i = 0; i < 2400; ++i) {
            const int nth = ++seen[items[i].user];
            QCOMPARE(results[i].outcome,
                     nth <= 2 ? CommitOutcome::reserved : CommitOutcome::limit_reached);
        }
        QCOMPARE(results[2400].outcome, CommitOutcome::reserved);
        QCOMPARE(results[2400].pay_before, results[1500].pay_before);
        QCOMPARE(results[2401].outcome, CommitOutcome::duplicate_order);
        const StockCounts c = w.stock("s1");
        QCOMPARE(c.reserved, std::int64_t(1600));
        QCOMPARE(c.leased, std::int64_t(1000));
        QCOMPARE(q(w.ledger.get_order(items[2].order_id)->user), QByteArray("u2"));
        // The holdings written back are the batch's totals: u5 holds 2 and is refused now.
        QCOMPARE(w.buy("s1", "n1", "u5"), CommitOutcome::limit_reached);
        QCOMPARE(w.buy("s1", "n1", "new"), CommitOutcome::reserved);
        const InvariantReport r = w.invariants("s1");
        QVERIFY2(r.ok, describe(r).constData());
    }

    void notOpenWhenPausedOrNotStarted() {
        World w;
        auto c = sale_config("s1", 10);
        c.starts_at = t0 + 10'000;
        c.ends_at = t0 + 20'000;
        QVERIFY(w.create(c, SaleState::scheduled));
        w.ledger.grant_lease("s1", "n1", 5);
        QCOMPARE(w.buy_batch("s1", "n1", {"a", "b"}), QByteArray("not_open,not_open"));
        w.clock.set(t0 + 10'000);  // the schedule opens the sale by itself
        QCOMPARE(w.buy("s1", "n1", "a"), CommitOutcome::reserved);
        QCOMPARE(w.ledger.set_sale_state("s1", SaleState::paused, w.now()), StateChange::done);
        QCOMPARE(w.buy("s1", "n1", "b"), CommitOutcome::not_open);
        QCOMPARE(w.ledger.set_sale_state("s1", SaleState::running, w.now()), StateChange::done);
        QCOMPARE(w.buy("s1", "n1", "b"), CommitOutcome::reserved);
        w.clock.set(t0 + 20'000);
        QCOMPARE(w.buy("s1", "n1", "c"), CommitOutcome::not_open);
        QCOMPARE(w.stock("s1").leased, std::int64_t(3));  // refusals leave the lease alone
    }

    void notFoundForUnknownSale() {
        World w;
        QCOMPARE(w.buy_batch("ghost", "n1", {"a", "b", "c"}),
                 QByteArray("not_found,not_found,not_found"));
    }

    void noLeaseWhenTheNodeHoldsNone() {
        World w;
        QVERIFY(w.create(sale_config("s1", 10)));
        QCOMPARE(w.buy("s1", "n1", "a"), CommitOutcome::no_lease);
        w.ledger.grant_lease("s1", "n1", 1);
        QCOMPARE(w.buy("s1", "n2", "a"), CommitOutcome::no_lease);  // another node's lease
        QCOMPARE(w.buy_batch("s1", "n1", {"a", "b", "c"}),
                 QByteArray("reserved,no_lease,no_lease"));
        const StockCounts c = w.stock("s1");
        QCOMPARE(c.leased, std::int64_t(0));
        QCOMPARE(c.reserved, std::int64_t(1));
        QCOMPARE(c.pool, std::int64_t(9));
    }

    void payInTimeThenAgain() {
        World w;
        QVERIFY(w.create(sale_config("s1", 10, 1, 60)));
        w.ledger.grant_lease("s1", "n1", 1);
        std::string id;
        QCOMPARE(w.buy("s1", "n1", "alice", &id), CommitOutcome::reserved);
        w.clock.advance(60'000);  // exactly at pay_before is still in time
        OrderUpdate u = w.ledger.pay(id, w.now());
        QCOMPARE(u.result, Result::done);
        QCOMPARE(u.order.status, OrderStatus::paid);
        QCOMPARE(u.order.updated_at, w.now());
        const auto depth = w.ledger.queue_depth();
        w.clock.advance(5'000);
        u = w.ledger.pay(id, w.now());
        QCOMPARE(u.result, Result::done);
        QCOMPARE(u.order.updated_at, t0 + 60'000);  // the second pay changed nothing
        QCOMPARE(w.ledger.queue_depth(), depth);
        const StockCounts c = w.stock("s1");
        QCOMPARE(c.paid, std::int64_t(1));
        QCOMPARE(c.reserved, std::int64_t(0));
        QCOMPARE(w.ledger.pay("nope", w.now()).result, Result::not_found);
    }

    void payAfterDeadlineExpires() {
        World w;
        QVERIFY(w.create(sale_config("s1", 1, 1, 60)));
        w.ledger.grant_lease("s1", "n1", 1);
        std::string id;
        QCOMPARE(w.buy("s1", "n1", "alice", &id), CommitOutcome::reserved);
        w.clock.advance(60'001);
        OrderUpdate u = w.ledger.pay(id, w.now());
        QCOMPARE(u.result, Result::conflict);
        QCOMPARE(u.order.status, OrderStatus::expired);
        QCOMPARE(w.stock("s1").pool, std::int64_t(1));
        QCOMPARE(w.stock("s1").reserved, std::int64_t(0));
        QCOMPARE(w.ledger.pay(id, w.now()).order.status, OrderStatus::expired);
        // The unit and the user's holding are free again.
        w.ledger.grant_lease("s1", "n1", 1);
        QCOMPARE(w.buy("s1", "n1", "alice"), CommitOutcome::reserved);
        // The reaper must not expire the already expired order a second time.
        w.clock.advance(3'600'000);
        QCOMPARE(w.ledger.expire_due(w.now(), 10).size(), std::size_t(1));
        QCOMPARE(w.stock("s1").pool, std::int64_t(1));
    }

    void cancelFreesTheUnitAndTheUser() {
        World w;
        QVERIFY(w.create(sale_config("s1", 5)));
        w.ledger.grant_lease("s1", "n1", 2);
        std::string id;
        QCOMPARE(w.buy("s1", "n1", "alice", &id), CommitOutcome::reserved);
        OrderUpdate u = w.ledger.cancel(id, w.now());
        QCOMPARE(u.result, Result::done);
        QCOMPARE(u.order.status, OrderStatus::cancelled);
        QCOMPARE(w.ledger.cancel(id, w.now()).result, Result::done);  // already so
        QCOMPARE(w.stock("s1").pool, std::int64_t(4));
        QCOMPARE(w.stock("s1").reserved, std::int64_t(0));
        QCOMPARE(w.buy("s1", "n1", "alice"), CommitOutcome::reserved);
        u = w.ledger.pay(id, w.now());
        QCOMPARE(u.result, Result::conflict);
        QCOMPARE(u.order.status, OrderStatus::cancelled);
        QCOMPARE(w.ledger.cancel("nope", w.now()).result, Result::not_found);
    }

    void cancelPaidOrExpiredConflicts() {
        World w;
        QVERIFY(w.create(sale_config("s1", 5, 2, 60)));
        w.ledger.grant_lease("s1", "n1", 2);
        std::string paid, expired;
        QCOMPARE(w.buy("s1", "n1", "alice", &paid), CommitOutcome::reserved);
        QCOMPARE(w.buy("s1", "n1", "alice", &expired), CommitOutcome::reserved);
        QCOMPARE(w.ledger.pay(paid, w.now()).result, Result::done);
        OrderUpdate u = w.ledger.cancel(paid, w.now());
        QCOMPARE(u.result, Result::conflict);
        QCOMPARE(u.order.status, OrderStatus::paid);
        QCOMPARE(w.stock("s1").paid, std::int64_t(1));
        w.clock.advance(61'000);
        QCOMPARE(w.ledger.expire_due(w.now(), 10).size(), std::size_t(1));
        u = w.ledger.cancel(expired, w.now());
        QCOMPARE(u.result, Result::conflict);
        QCOMPARE(u.order.status, OrderStatus::expired);
    }

    void expireDueOnlyDueOldestFirstOnce() {
        World v;
        QVERIFY(v.create(sale_config("s1", 10, 1, 60)));
        v.ledger.grant_lease("s1", "n1", 10);
        std::vector<std::string> ids(6);
        const char* users[] = {"u0", "u1", "u2", "u3", "u4", "u5"};
        for (int i = 0; i < 5; ++i) {  // deadlines t0+60s, t0+61s … t0+64s
            QCOMPARE(v.buy("s1", "n1", users[i], &ids[std::size_t(i)]), CommitOutcome::reserved);
            v.clock.advance(1'000);
        }
        QCOMPARE(v.ledger.pay(ids[1], v.now()).result, Result::done);
        QCOMPARE(v.ledger.cancel(ids[2], v.now()).result, Result::done);
        v.clock.set(t0 + 60'000 + 3'000);  // deadlines of u0..u3 have passed; u3's exactly now
        QCOMPARE(v.buy("s1", "n1", users[5], &ids[5]), CommitOutcome::reserved);
        const auto expired = v.ledger.expire_due(v.now(), 100);
        QCOMPARE(expired.size(), std::size_t(2));
        QCOMPARE(q(expired[0].order_id), q(ids[0]));
        QCOMPARE(q(expired[1].order_id), q(ids[3]));
        QCOMPARE(expired[0].status, OrderStatus::expired);
        QCOMPARE(expired[0].updated_at, v.now());
        QVERIFY(v.ledger.expire_due(v.now(), 100).empty());
        QCOMPARE(v.ledger.get_order(ids[4])->status, OrderStatus::reserved);
        QCOMPARE(v.ledger.get_order(ids[5])->status, OrderStatus::reserved);
        QCOMPARE(v.ledger.get_order(ids[1])->status, OrderStatus::paid);

        const StockCounts c = v.stock("s1");
        QCOMPARE(c.reserved, std::int64_t(2));  // u4, u5
        QCOMPARE(c.paid, std::int64_t(1));
        QCOMPARE(c.pool + c.leased, std::int64_t(7));
        // The expired users may buy again; the paid one may not.
        QCOMPARE(v.buy_batch("s1", "n1", {"u0", "u3", "u1"}),
                 QByteArray("reserved,reserved,limit_reached"));
    }

    void expireDueHonoursMax() {
        World w;
        QVERIFY(w.create(sale_config("s1", 10, 1, 60)));
        w.ledger.grant_lease("s1", "n1", 5);
        std::vector<std::string> ids(5);
        for (int i = 0; i < 5; ++i) {
            QCOMPARE(w.buy("s1", "n1", "u" + std::to_string(i), &ids[std::size_t(i)]),
                     CommitOutcome::reserved);
            w.clock.advance(10);
        }
        w.clock.advance(120'000);
        auto first = w.ledger.expire_due(w.now(), 2);
        QCOMPARE(first.size(), std::size_t(2));
        QCOMPARE(q(first[0].order_id), q(ids[0]));
        QCOMPARE(q(first[1].order_id), q(ids[1]));
        auto rest = w.ledger.expire_due(w.now(), 100);
        QCOMPARE(rest.size(), std::size_t(3));
        QCOMPARE(q(rest[2].order_id), q(ids[4]));
        QVERIFY(w.ledger.expire_due(w.now(), 100).empty());
        QVERIFY(w.ledger.expire_due(w.now(), 0).empty());
        QCOMPARE(w.stock("s1").pool, std::int64_t(10));
    }
};

QTEST_APPLESS_MAIN(TestMemoryLedger)
#include "test_memory_ledger.moc"
