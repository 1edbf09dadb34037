// The invariant oracle (docs/design.md §5) of MemoryLedger: green after a realistic mix of buys,
// payments, cancels, expiries and node deaths; red exactly when a node died holding stock
// (I5) or a reservation outlived its deadline (I6); and the texts the console shows.
#include <QtTest>

#include "ledger_fixture.h"

using namespace fixture;
using seckill::store::Ledger;
using seckill::store::OrderStatus;

namespace {

constexpr Millis ttl = 10'000;
constexpr Millis grace = 5'000;

QByteArray detail(const InvariantReport& r, const char* id) {
    const InvariantCheck* c = find_check(r, id);
    return c ? q(c->detail) : QByteArray("(missing)");
}

bool ok(const InvariantReport& r, const char* id) {
    const InvariantCheck* c = find_check(r, id);
    return c && c->ok;
}

}  // namespace

class TestLedgerInvariants : public QObject {
    Q_OBJECT

  private Q_SLOTS:
    void unknownSaleHasNoReport() {
        World w;
        QVERIFY(!w.ledger.check_invariants("nope", w.now(), ttl, grace).has_value());
    }

    void mixedScenarioStaysGreen() {
        World w;
        QVERIFY(w.create(sale_config("s1", 20, 2, 60)));
        QVERIFY(w.create(sale_config("other", 5)));
        for (const char* n : {"n1", "n2", "n3"}) w.ledger.register_node(n, "x", w.now());
        w.ledger.grant_lease("s1", "n1", 8);
        w.ledger.grant_lease("s1", "n2", 6);
        w.ledger.grant_lease("s1", "n3", 2);
        w.ledger.grant_lease("other", "n1", 5);

        QCOMPARE(w.buy_batch("s1", "n1", {"u0", "u1", "u2", "u0", "u0", "u3"}),
                 QByteArray("reserved,reserved,reserved,reserved,limit_reached,reserved"));
        QCOMPARE(w.buy_batch("s1", "n2", {"u4", "u5", "u6"}),
                 QByteArray("reserved,reserved,reserved"));
        QCOMPARE(w.buy("other", "n1", "u0"), CommitOutcome::reserved);  // another sale's holding
        // u0 pays one, u1 cancels, u4 pays.
        std::vector<seckill::store::OrderEvent>
            events;  // s1's, in order; other sales' may interleave
        for (auto& e : w.ledger.read_events("w1", 100))
            if (e.order.sale == "s1") events.push_back(e);
        w.ledger.pay(events[0].order.order_id, w.now());
        w.ledger.cancel(events[1].order.order_id, w.now());
        w.ledger.pay(events[5].order.order_id, w.now());
        QCOMPARE(w.ledger.return_lease("s1", "n2", 1), std::int64_t(1));
        QVERIFY2(w.invariants("s1").ok, describe(w.invariants("s1")).constData());

        // Time passes: unpaid ones expire, n3 stops heartbeating and is reclaimed.
        w.clock.advance(61'000);
        w.ledger.heartbeat("n1", "{}", w.now());
        w.ledger.heartbeat("n2", "{}", w.now());
        QCOMPARE(w.ledger.expire_due(w.now(), 100).size(),
                 std::size_t(5));  // s1 only: other has 600 s
        QCOMPARE(w.ledger.reclaim_dead_nodes(w.now(), ttl), std::int64_t(2));
        QCOMPARE(w.buy_batch("s1", "n1", {"u2", "u7"}), QByteArray("reserved,reserved"));

        const InvariantReport r = w.invariants("s1");
        QVERIFY2(r.ok, describe(r).constData());
        QCOMPARE(r.checks.size(), std::size_t(6));
        for (const char* id : {"I1", "I2", "I3", "I4", "I5", "I6"}) QVERIFY2(ok(r, id), id);
        const auto c = w.stock("s1");
        QCOMPARE(c.paid, std::int64_t(2));
        QCOMPARE(c.reserved, std::int64_t(2));
        QCOMPARE(c.pool + c.leased + c.reserved + c.paid, std::int64_t(20));
        QVERIFY(w.invariants("other").ok);
    }

    void detailsReadAsTheConsoleShowsThem() {
        World w;
        QVERIFY(w.create(sale_config("s1", 10, 2, 60)));
        InvariantReport r = w.invariants("s1");
        QVERIFY(r.ok);
        QCOMPARE(detail(r, "I1"),
                 QByteArray("pool 10 + leased 0 + reserved 0 + paid 0 = 10 of total 10"));
        QCOMPARE(detail(r, "I3"), QByteArray("no user holds a unit"));

        w.ledger.register_node("n1", "x", w.now());
        w.ledger.grant_lease("s1", "n1", 4);
        std::string a1, a2, b1;
        QCOMPARE(w.buy("s1", "n1", "alice", &a1), CommitOutcome::reserved);
        QCOMPARE(w.buy("s1", "n1", "alice", &a2), CommitOutcome::reserved);
        QCOMPARE(w.buy("s1", "n1", "bob", &b1), CommitOutcome::reserved);
        w.ledger.cancel(b1, w.now());
        w.ledger.pay(a1, w.now());
        r = w.invariants("s1");
        QVERIFY2(r.ok, describe(r).constData());
        QCOMPARE(detail(r, "I1"),
                 QByteArray("pool 7 + leased 1 + reserved 1 + paid 1 = 10 of total 10"));
        QCOMPARE(detail(r, "I2"), QByteArray("sold 2 <= total 10"));
        QCOMPARE(detail(r, "I3"), QByteArray("most held by one user: 2 (limit 2)"));
        QCOMPARE(detail(r, "I4"), QByteArray("3 orders, 3 creation events appended"));
        QCOMPARE(detail(r, "I5"), QByteArray("0 units leased to dead or unknown nodes"));
        QCOMPARE(detail(r, "I6"),
                 QByteArray("0 reservations past their deadline by more than 5 s"));
    }

    void i5FailsWhileADeadNodeHoldsALease() {
        World w;
        QVERIFY(w.create(sale_config("s1", 10)));
        w.ledger.register_node("n1", "x", w.now());
        w.ledger.register_node("n2", "x", w.now());
        w.ledger.grant_lease("s1", "n1", 5);
        w.ledger.grant_lease("s1", "n2", 2);
        w.clock.advance(ttl);  // exactly ttl old: still alive
        QVERIFY(w.invariants("s1", ttl).ok);
        w.clock.advance(1);
        w.ledger.heartbeat("n2", "{}", w.now());
        InvariantReport r = w.invariants("s1", ttl);
        QVERIFY(!r.ok);
        QVERIFY(!ok(r, "I5"));
        QCOMPARE(detail(r, "I5"), QByteArray("5 units leased to dead or unknown nodes"));
        for (const char* id : {"I1", "I2", "I3", "I4", "I6"}) QVERIFY2(ok(r, id), id);

        QCOMPARE(w.ledger.reclaim_dead_nodes(w.now(), ttl), std::int64_t(5));
        r = w.invariants("s1", ttl);
        QVERIFY2(r.ok, describe(r).constData());
    }

    void i5CountsLeasesOfUnknownNodes() {
        World w;
        QVERIFY(w.create(sale_config("s1", 10)));
        w.ledger.grant_lease("s1", "never-registered", 3);
        const InvariantReport r = w.invariants("s1");
        QVERIFY(!ok(r, "I5"));
        QCOMPARE(detail(r, "I5"), QByteArray("3 units leased to dead or unknown nodes"));
        w.ledger.return_lease("s1", "never-registered", 3);
        QVERIFY(w.invariants("s1").ok);
    }

    void i6FailsWhenAReservationIsOverdueBeyondGrace() {
        World w;
        QVERIFY(w.create(sale_config("s1", 10, 1, 60)));
        w.ledger.register_node("n1", "x", w.now());
        w.ledger.grant_lease("s1", "n1", 3);
        std::string paid;
        QCOMPARE(w.buy("s1", "n1", "late", nullptr), CommitOutcome::reserved);
        QCOMPARE(w.buy("s1", "n1", "payer", &paid), CommitOutcome::reserved);
        w.ledger.pay(paid, w.now());

        const Millis deadline = t0 + 60'000;
        w.clock.set(deadline + grace);  // overdue by exactly the grace: tolerated
        w.ledger.heartbeat("n1", "{}", w.now());
        QVERIFY2(w.invariants("s1", ttl, grace).ok,
                 describe(w.invariants("s1", ttl, grace)).constData());
        w.clock.advance(1);
        InvariantReport r = w.invariants("s1", ttl, grace);
        QVERIFY(!r.ok);
        QVERIFY(!ok(r, "I6"));
        QCOMPARE(detail(r, "I6"),
                 QByteArray("1 reservations past their deadline by more than 5 s"));
        QVERIFY(ok(r, "I1"));
        // A bigger grace hides it; the reaper fixes it.
        QVERIFY(ok(w.invariants("s1", ttl, 60'000), "I6"));
        QCOMPARE(w.ledger.expire_due(w.now(), 10).size(), std::size_t(1));
        r = w.invariants("s1", ttl, grace);
        QVERIFY2(r.ok, describe(r).constData());
    }

    void duplicateOrderIdCannotCorruptTheLedger() {
        // Order ids come from the nodes; a repeated one (a retried batch, two nodes sharing a
        // worker number) must not sell a unit that no order record accounts for.
        World w;
        QVERIFY(w.create(sale_config("s1", 10, 1, 60)));
        w.ledger.register_node("n1", "x", w.now());
        w.ledger.grant_lease("s1", "n1", 5);
        const CommitItem first{"u1", "777"};
        const CommitItem again{"u2", "777"};
        QCOMPARE(w.ledger.commit("s1", "n1", {&first, 1}, w.now())[0].outcome,
                 CommitOutcome::reserved);
        const auto second = w.ledger.commit("s1", "n1", {&again, 1}, w.now())[0].outcome;
        const InvariantReport r = w.invariants("s1");
        QVERIFY2(r.ok, describe(r).constData());
        // A 201 for u2 would point u2 at an order the ledger records as u1's.
        if (second == CommitOutcome::reserved)
            QCOMPARE(q(w.ledger.get_order("777")->user), QByteArray("u2"));
    }

    void auditRecountsWhatTheQuickChecksCount() {
        World w;
        QVERIFY(!w.ledger.audit_invariants("nope", w.now(), grace).has_value());
        QVERIFY(w.create(sale_config("s1", 10, 2, 60)));
        w.ledger.register_node("n1", "x", w.now());
        w.ledger.grant_lease("s1", "n1", 6);
        std::string a1, a2, b1, c1;
        QCOMPARE(w.buy("s1", "n1", "alice", &a1), CommitOutcome::reserved);
        QCOMPARE(w.buy("s1", "n1", "alice", &a2), CommitOutcome::reserved);
        QCOMPARE(w.buy("s1", "n1", "bob", &b1), CommitOutcome::reserved);
        QCOMPARE(w.buy("s1", "n1", "carol", &c1), CommitOutcome::reserved);
        w.ledger.pay(a1, w.now());
        w.ledger.cancel(b1, w.now());
        auto audit = w.ledger.audit_invariants("s1", w.now(), grace);
        QVERIFY(audit.has_value());
        QVERIFY2(audit->ok, describe(*audit).constData());
        QCOMPARE(detail(*audit, "I1"),
                 QByteArray("recounted reserved 2 (counter 2), paid 1 (counter 1)"));
        QCOMPARE(detail(*audit, "I3"),
                 QByteArray("most held by one user: 2 (limit 2); 3 units held"));
        QCOMPARE(detail(*audit, "I4"), QByteArray("4 order records, counter 4"));
        QCOMPARE(detail(*audit, "I6"),
                 QByteArray("0 reservations past their deadline by more than 5 s"));

        // Alice gives one back: the quick I3 follows holdings down, not only up.
        w.ledger.cancel(a2, w.now());
        QCOMPARE(detail(w.invariants("s1"), "I3"),
                 QByteArray("most held by one user: 1 (limit 2)"));
        // Carol's reservation runs past its deadline and the grace: both views see it.
        w.clock.advance(60'000 + grace + 1);
        w.ledger.heartbeat("n1", "{}", w.now());
        QVERIFY(!ok(w.invariants("s1"), "I6"));
        audit = w.ledger.audit_invariants("s1", w.now(), grace);
        QVERIFY(!ok(*audit, "I6"));
        QCOMPARE(detail(*audit, "I6"),
                 QByteArray("1 reservations past their deadline by more than 5 s"));
        QCOMPARE(w.ledger.expire_due(w.now(), 10).size(), std::size_t(1));
        audit = w.ledger.audit_invariants("s1", w.now(), grace);
        QVERIFY2(audit->ok, describe(*audit).constData());
        QCOMPARE(detail(*audit, "I3"),
                 QByteArray("most held by one user: 1 (limit 2); 1 units held"));
        QCOMPARE(detail(w.invariants("s1"), "I3"),
                 QByteArray("most held by one user: 1 (limit 2)"));
    }

    void orderTallyPerSale() {
        World w;
        QVERIFY(w.create(sale_config("s1", 10)));
        QVERIFY(w.create(sale_config("s2", 10)));
        w.ledger.grant_lease("s1", "n1", 5);
        w.ledger.grant_lease("s2", "n1", 5);
        std::string a;
        QCOMPARE(w.buy_batch("s1", "n1", {"a", "b", "c"}),
                 QByteArray("reserved,reserved,reserved"));
        QCOMPARE(w.buy("s2", "n1", "a", &a), CommitOutcome::reserved);
        Ledger::OrderTally t = w.ledger.order_tally("s1");
        QCOMPARE(t.orders, std::int64_t(3));
        QCOMPARE(t.unwritten, std::int64_t(3));
        QCOMPARE(w.ledger.order_tally("s2").unwritten, std::int64_t(1));
        w.ledger.ack_events(w.ledger.read_events("w1", 2));
        QCOMPARE(w.ledger.order_tally("s1").unwritten, std::int64_t(1));
        w.ledger.ack_events(w.ledger.read_events("w1", 2));
        w.ledger.cancel(a, w.now());  // a status change is not a new order
        t = w.ledger.order_tally("s2");
        QCOMPARE(t.orders, std::int64_t(1));
        QCOMPARE(t.unwritten, std::int64_t(0));
        QCOMPARE(w.ledger.order_tally("s1").unwritten, std::int64_t(0));
        t = w.ledger.order_tally("nope");
        QCOMPARE(t.orders, std::int64_t(0));
        QCOMPARE(t.unwritten, std::int64_t(0));
    }
};

QTEST_APPLESS_MAIN(TestLedgerInvariants)
#include "test_ledger_invariants.moc"
