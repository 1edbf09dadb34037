// MemoryLedger: the order-event queue into the order DB, the node registry with lease
// reclaim, and control state (degrade levels, limits).
#include <QtTest>
#include <set>

#include "ledger_fixture.h"

using namespace fixture;
using seckill::store::NodeInfo;
using seckill::store::OrderEvent;
using seckill::store::OrderStatus;

namespace {

QByteArray seqs(const std::vector<OrderEvent>& events) {
    QByteArray out;
    for (const auto& e : events) out += QByteArray::number(qulonglong(e.seq)) + ' ';
    return out.trimmed();
}

const NodeInfo* find_node(const std::vector<NodeInfo>& nodes, const char* id) {
    for (const auto& n : nodes)
        if (n.id == id) return &n;
    return nullptr;
}

// Ten events: five reservations, then pay/cancel/expire changes of some of them.
void ten_events(World& w, std::vector<std::string>& ids) {
    QVERIFY(w.create(sale_config("s1", 10, 1, 60)));
    w.ledger.grant_lease("s1", "n1", 10);
    ids.assign(5, {});
    for (int i = 0; i < 5; ++i)
        QCOMPARE(w.buy("s1", "n1", "u" + std::to_string(i), &ids[std::size_t(i)]),
                 CommitOutcome::reserved);
    w.ledger.pay(ids[0], w.now());
    w.ledger.cancel(ids[1], w.now());
    w.ledger.pay(ids[2], w.now());
    w.clock.advance(61'000);
    QCOMPARE(w.ledger.expire_due(w.now(), 10).size(), std::size_t(2));  // ids[3], ids[4]
}

}  // namespace

class TestLedgerQueueNodes : public QObject {
    Q_OBJECT

  private Q_SLOTS:
    void eventsAreSeqOrderedSnapshots() {
        World w;
        std::vector<std::string> ids;
        ten_events(w, ids);
        const auto events = w.ledger.read_events("w1", 100);
        QCOMPARE(seqs(events), QByteArray("1 2 3 4 5 6 7 8 9 10"));
        const OrderStatus expected[] = {OrderStatus::reserved,  OrderStatus::reserved,
                                        OrderStatus::reserved,  OrderStatus::reserved,
                                        OrderStatus::reserved,  OrderStatus::paid,
                                        OrderStatus::cancelled, OrderStatus::paid,
                                        OrderStatus::expired,   OrderStatus::expired};
        for (std::size_t i = 0; i < events.size(); ++i)
            QCOMPARE(events[i].order.status, expected[i]);
        QCOMPARE(q(events[5].order.order_id), q(ids[0]));
        QCOMPARE(q(events[6].order.order_id), q(ids[1]));
        QCOMPARE(events[8].order.updated_at, w.now());
        QCOMPARE(w.ledger.queue_depth(), std::int64_t(10));
        QVERIFY(events[0].creates && events[4].creates);
        QVERIFY(!events[5].creates && !events[9].creates);
    }

    void writersAreTheReadersHandedTheSalesEvents() {
        // I4's order DB half needs the DB of every writer named here (check_order_db).
        World w;
        std::vector<std::string> ids;
        QVERIFY(w.create(sale_config("s2", 5)));  // a sale with no events
        ten_events(w, ids);
        using Names = std::vector<std::string>;
        QCOMPARE(w.ledger.order_tally("s1").writers, Names{});
        const auto first = w.ledger.read_events("w1", 3);
        QCOMPARE(first.size(), std::size_t(3));
        QCOMPARE(w.ledger.order_tally("s1").writers, Names{"w1"});
        w.ledger.ack_events(first);
        const auto rest = w.ledger.read_events("w0", 100);
        QCOMPARE(rest.size(), std::size_t(7));
        QCOMPARE(w.ledger.order_tally("s1").writers, (Names{"w0", "w1"}));
        w.ledger.ack_events(rest);
        // Asking with nothing to read makes nobody a writer.
        QVERIFY(w.ledger.read_events("w2", 100).empty());
        QCOMPARE(w.ledger.order_tally("s1").writers, (Names{"w0", "w1"}));
        QCOMPARE(w.ledger.order_tally("s2").writers, Names{});
    }

    void readingRepeatsUntilAcknowledged() {
        World w;
        std::vector<std::string> ids;
        ten_events(w, ids);
        const auto first = w.ledger.read_events("w1", 3);
        QCOMPARE(seqs(first), QByteArray("1 2 3"));
        // A writer that crashed before acknowledging gets the same events again.
        QCOMPARE(seqs(w.ledger.read_events("w1", 3)), QByteArray("1 2 3"));
        QVERIFY(w.ledger.read_events("w1", 0).empty());
        QCOMPARE(w.ledger.queue_depth(), std::int64_t(10));
        QCOMPARE(w.ledger.order_tally("s1").unwritten, std::int64_t(5));
        w.ledger.ack_events(first);
        QCOMPARE(w.ledger.queue_depth(), std::int64_t(7));
        QCOMPARE(w.ledger.order_tally("s1").unwritten, std::int64_t(2));
        const auto next = w.ledger.read_events("w1", 5);
        QCOMPARE(seqs(next), QByteArray("4 5 6 7 8"));
        w.ledger.ack_events(next);
        w.ledger.ack_events(next);  // a repeated acknowledgement changes nothing
        QCOMPARE(w.ledger.queue_depth(), std::int64_t(2));
        QCOMPARE(w.ledger.order_tally("s1").unwritten, std::int64_t(0));
        // Nor does a stale one mixed into a new batch (a writer that lost its events to
        // another and acknowledges them late).
        auto stale_and_new = w.ledger.read_events("w1", 1);
        stale_and_new.insert(stale_and_new.end(), first.begin(), first.end());
        w.ledger.ack_events(stale_and_new);
        QCOMPARE(w.ledger.queue_depth(), std::int64_t(1));
        QCOMPARE(w.ledger.order_tally("s1").unwritten, std::int64_t(0));
        const auto last = w.ledger.read_events("w1", 50);
        QCOMPARE(seqs(last), QByteArray("10"));
        w.ledger.ack_events(last);
        QCOMPARE(w.ledger.queue_depth(), std::int64_t(0));
        QVERIFY(w.ledger.read_events("w1", 10).empty());
        // The next event continues the sequence.
        w.ledger.grant_lease("s1", "n1", 1);
        QCOMPARE(w.buy("s1", "n1", "late"), CommitOutcome::reserved);
        QCOMPARE(seqs(w.ledger.read_events("w1", 10)), QByteArray("11"));
        QCOMPARE(w.ledger.queue_depth(), std::int64_t(1));
    }

    void queuePositionCountsUnwrittenEventsAhead() {
        World w;
        QVERIFY(w.create(sale_config("s1", 10)));
        w.ledger.grant_lease("s1", "n1", 10);
        std::string a, b, c;
        QCOMPARE(w.buy("s1", "n1", "ua", &a), CommitOutcome::reserved);  // seq 1
        QCOMPARE(w.buy("s1", "n1", "ub", &b), CommitOutcome::reserved);  // seq 2
        QCOMPARE(w.buy("s1", "n1", "uc", &c), CommitOutcome::reserved);  // seq 3
        using Pos = std::optional<std::int64_t>;
        QCOMPARE(w.ledger.get_order(a)->queue_position, Pos(0));
        QCOMPARE(w.ledger.get_order(b)->queue_position, Pos(1));
        QCOMPARE(w.ledger.get_order(c)->queue_position, Pos(2));
        w.ledger.ack_events(w.ledger.read_events("w1", 1));
        QCOMPARE(w.ledger.get_order(a)->queue_position, Pos());
        QCOMPARE(w.ledger.get_order(b)->queue_position, Pos(0));
        QCOMPARE(w.ledger.get_order(c)->queue_position, Pos(1));
        w.ledger.ack_events(w.ledger.read_events("w1", 2));
        QCOMPARE(w.ledger.get_order(c)->queue_position, Pos());
        // A later change of a written order does not put it back in the queue.
        w.ledger.pay(c, w.now());
        QCOMPARE(w.ledger.get_order(c)->queue_position, Pos());
    }

    void registryHandsOutDistinctWorkers() {
        World w;
        std::set<std::uint32_t> workers;
        for (const char* n : {"n1", "n2", "n3"})
            workers.insert(w.ledger.register_node(n, "10.0.0.1:80", w.now()).worker);
        QCOMPARE(workers, (std::set<std::uint32_t>{0, 1, 2}));
        // Re-registering keeps the number and takes the new address.
        w.clock.advance(1'000);
        QCOMPARE(w.ledger.register_node("n2", "10.0.0.2:80", w.now()).worker, std::uint32_t(1));
        auto nodes = w.ledger.list_nodes(w.now(), 10'000);
        QCOMPARE(nodes.size(), std::size_t(3));
        QCOMPARE(q(find_node(nodes, "n2")->address), QByteArray("10.0.0.2:80"));
        QCOMPARE(find_node(nodes, "n2")->started_at, w.now());
        // A freed number is reused before a new one.
        w.ledger.deregister_node("n1");
        QCOMPARE(w.ledger.register_node("n4", "x", w.now()).worker, std::uint32_t(0));
        QCOMPARE(w.ledger.register_node("n5", "x", w.now()).worker, std::uint32_t(3));
    }

    void workerNumbersStayUniqueWhenAllAreTaken() {
        World w;
        std::set<std::uint32_t> used;
        for (int i = 0; i < 1024; ++i)
            used.insert(w.ledger.register_node("n" + std::to_string(i), "x", w.now()).worker);
        QCOMPARE(used.size(), std::size_t(1024));
        // The 1025th node must not share an order id worker with a live node: either it is
        // refused or it gets a free number. Sharing one makes order ids collide.
        bool refused = false;
        std::uint32_t worker = 0;
        try {
            worker = w.ledger.register_node("n1024", "x", w.now()).worker;
        } catch (const std::exception&) {
            refused = true;
        }
        QVERIFY2(refused || !used.contains(worker),
                 qPrintable(QStringLiteral("node 1025 got worker %1, already in use").arg(worker)));
    }

    void heartbeatAndLiveness() {
        World w;
        w.ledger.register_node("n1", "a", w.now());
        w.ledger.register_node("n2", "b", w.now());
        w.clock.advance(8'000);
        w.ledger.heartbeat("n2", R"({"qps":12})", w.now());
        w.ledger.heartbeat("ghost", "{}", w.now());  // unknown nodes are not created
        w.clock.advance(5'000);
        auto nodes = w.ledger.list_nodes(w.now(), 10'000);
        QCOMPARE(nodes.size(), std::size_t(2));
        QVERIFY(!find_node(nodes, "n1")->alive);  // 13 s since its last word
        QVERIFY(find_node(nodes, "n2")->alive);   // 5 s
        QCOMPARE(q(find_node(nodes, "n2")->stats_json), QByteArray(R"({"qps":12})"));
        QCOMPARE(find_node(nodes, "n2")->last_heartbeat, t0 + 8'000);
        // The boundary: exactly ttl old is still alive.
        QVERIFY(w.ledger.list_nodes(t0 + 10'000, 10'000)[0].alive);
    }

    void reclaimReturnsADeadNodesLeasesOnce() {
        World w;
        QVERIFY(w.create(sale_config("s1", 20)));
        QVERIFY(w.create(sale_config("s2", 20)));
        w.ledger.register_node("n1", "a", w.now());
        w.ledger.register_node("n2", "b", w.now());
        w.ledger.grant_lease("s1", "n1", 5);
        w.ledger.grant_lease("s2", "n1", 2);
        w.ledger.grant_lease("s1", "n2", 3);
        QCOMPARE(w.buy("s1", "n1", "alice"), CommitOutcome::reserved);  // n1 keeps 4 in s1
        w.clock.advance(20'000);
        w.ledger.heartbeat("n2", "{}", w.now());
        QCOMPARE(w.ledger.reclaim_dead_nodes(w.now(), 10'000), std::int64_t(6));
        QCOMPARE(w.ledger.reclaim_dead_nodes(w.now(), 10'000), std::int64_t(0));
        QCOMPARE(w.stock("s1").pool, std::int64_t(16));  // 20 - n2's 3 - alice's 1
        QCOMPARE(w.stock("s1").leased, std::int64_t(3));
        QCOMPARE(w.stock("s2").pool, std::int64_t(20));
        QCOMPARE(w.ledger.get_order(std::to_string(w.next_order))->status, OrderStatus::reserved);
        const auto nodes = w.ledger.list_nodes(w.now(), 10'000);
        QVERIFY(find_node(nodes, "n1")->leases.empty());
        QCOMPARE(find_node(nodes, "n2")->leases.at("s1"), std::int64_t(3));
        // The dead node's sales were taken back, so its late commits find no lease.
        QCOMPARE(w.buy("s1", "n1", "bob"), CommitOutcome::no_lease);
    }

    void aReclaimedNodeIsFencedUntilItRejoins() {
        // n1 is frozen past the TTL, n2 reclaims its lease; n1 wakes up. Every lease call
        // carrying n1's old epoch is refused as fenced, so it cannot sell units the pool
        // took back; after registering again it sells from the pool like any node.
        World w;
        QVERIFY(w.create(sale_config("s1", 10)));
        const auto r1 = w.ledger.register_node("n1", "a", w.now());
        const auto r2 = w.ledger.register_node("n2", "b", w.now());
        QVERIFY(r1.epoch != seckill::store::any_epoch && r2.epoch != seckill::store::any_epoch);
        QCOMPARE(w.ledger.grant_lease("s1", "n1", 8, r1.epoch).granted, std::int64_t(8));
        QCOMPARE(w.ledger.heartbeat("n1", "{}", w.now(), r1.epoch),
                 seckill::store::HeartbeatResult::ok);
        w.clock.advance(20'000);
        QCOMPARE(w.ledger.heartbeat("n2", "{}", w.now(), r2.epoch),
                 seckill::store::HeartbeatResult::ok);
        QCOMPARE(w.ledger.reclaim_dead_nodes(w.now(), 10'000), std::int64_t(8));
        QCOMPARE(w.stock("s1").pool, std::int64_t(10));

        const CommitItem item{"alice", w.new_order_id()};
        const auto late = w.ledger.commit("s1", "n1", {&item, 1}, w.now(), r1.epoch);
        QCOMPARE(late[0].outcome, CommitOutcome::fenced);
        const auto grant = w.ledger.grant_lease("s1", "n1", 5, r1.epoch);
        QVERIFY(grant.fenced);
        QCOMPARE(grant.granted, std::int64_t(0));
        QCOMPARE(w.ledger.heartbeat("n1", "{}", w.now(), r1.epoch),
                 seckill::store::HeartbeatResult::fenced);
        QCOMPARE(w.stock("s1").pool, std::int64_t(10));  // nothing moved

        const auto again = w.ledger.register_node("n1", "a", w.now());
        QVERIFY(again.epoch > r1.epoch);
        QCOMPARE(again.worker, r1.worker);  // its number was never given away
        QCOMPARE(w.ledger.heartbeat("n1", "{}", w.now(), again.epoch),
                 seckill::store::HeartbeatResult::ok);
        QCOMPARE(w.ledger.grant_lease("s1", "n1", 5, again.epoch).granted, std::int64_t(5));
        QCOMPARE(w.ledger.commit("s1", "n1", {&item, 1}, w.now(), again.epoch)[0].outcome,
                 CommitOutcome::reserved);
        // Another registration of the same id supersedes the previous one: that process
        // must stop, not register again (which would supersede this one in turn).
        const auto third = w.ledger.register_node("n1", "a", w.now());
        QCOMPARE(w.ledger.heartbeat("n1", "{}", w.now(), again.epoch),
                 seckill::store::HeartbeatResult::superseded);
        QCOMPARE(w.ledger.commit("s1", "n1", {&item, 1}, w.now(), again.epoch)[0].outcome,
                 CommitOutcome::fenced);
        QCOMPARE(w.ledger.heartbeat("n1", "{}", w.now(), third.epoch),
                 seckill::store::HeartbeatResult::ok);
        QVERIFY2(w.invariants("s1").ok, describe(w.invariants("s1")).constData());
    }

    void deregisterReturnsLeases() {
        World w;
        QVERIFY(w.create(sale_config("s1", 10)));
        QVERIFY(w.create(sale_config("s2", 10)));
        w.ledger.register_node("n1", "a", w.now());
        w.ledger.grant_lease("s1", "n1", 5);
        w.ledger.grant_lease("s2", "n1", 2);
        w.ledger.deregister_node("n1");
        QCOMPARE(w.stock("s1").pool, std::int64_t(10));
        QCOMPARE(w.stock("s2").pool, std::int64_t(10));
        QCOMPARE(w.stock("s1").leased, std::int64_t(0));
        QVERIFY(w.ledger.list_nodes(w.now(), 10'000).empty());
        w.ledger.deregister_node("n1");  // twice, and unknown: no effect
        w.ledger.deregister_node("ghost");
        QCOMPARE(w.stock("s1").pool, std::int64_t(10));
    }

    void degradeGlobalAndPerNode() {
        World w;
        auto c = w.ledger.control();
        QCOMPARE(c.version, std::uint64_t(0));
        QCOMPARE(c.degrade_global, 0);
        QCOMPARE(c.degrade_for("n1"), 0);

        w.ledger.set_degrade("", 2);
        c = w.ledger.control();
        QCOMPARE(c.degrade_global, 2);
        QCOMPARE(c.version, std::uint64_t(1));
        w.ledger.set_degrade("n1", 3);
        w.ledger.set_degrade("n2", 1);
        c = w.ledger.control();
        QCOMPARE(c.version, std::uint64_t(3));
        QCOMPARE(c.degrade_for("n1"), 3);
        QCOMPARE(c.degrade_for("n2"), 2);  // the stricter of node and global
        QCOMPARE(c.degrade_for("n3"), 2);
        // A global setting replaces every per-node one.
        w.ledger.set_degrade("", 0);
        c = w.ledger.control();
        QCOMPARE(c.degrade_for("n1"), 0);
        QVERIFY(c.degrade_by_node.empty());
        QCOMPARE(c.version, std::uint64_t(4));
    }

    void limitsAreStoredVerbatim() {
        World w;
        const char* rules = R"({"rules":[{"name":"g","key":"global","rate":"10r/s"}]})";
        w.ledger.set_limits(rules);
        auto c = w.ledger.control();
        QCOMPARE(q(c.limits_json), QByteArray(rules));
        QCOMPARE(c.version, std::uint64_t(1));
        w.ledger.set_limits("");
        c = w.ledger.control();
        QVERIFY(c.limits_json.empty());
        QCOMPARE(c.version, std::uint64_t(2));
    }

    void protectionIsStoredVerbatimBesideLimits() {
        World w;
        const char* config = R"({"pinned":true})";
        w.ledger.set_limits("[]");
        w.ledger.set_protection(config);
        const auto c = w.ledger.control();
        QCOMPARE(q(c.protection_json), QByteArray(config));
        QCOMPARE(q(c.limits_json), QByteArray("[]"));
        QCOMPARE(c.version, std::uint64_t(2));
    }

    void eventsAreNumberedAcrossNodesAndReadAfterANumber() {
        World w;
        QVERIFY(w.ledger.events_since(0, 10).empty());
        const std::vector<seckill::store::NodeEvent> a{{0, 1, "n1", R"({"kind":"x"})"},
                                                       {0, 2, "n1", R"({"kind":"y"})"}};
        const std::vector<seckill::store::NodeEvent> b{{0, 3, "n2", R"({"kind":"z"})"}};
        w.ledger.publish_events(a);
        w.ledger.publish_events(b);
        const auto all = w.ledger.events_since(0, 10);
        QCOMPARE(all.size(), std::size_t(3));
        for (std::size_t i = 0; i < all.size(); ++i) QCOMPARE(all[i].seq, std::uint64_t(i + 1));
        QCOMPARE(q(all[2].node), QByteArray("n2"));
        QCOMPARE(all[2].at, Millis(3));
        QCOMPARE(q(all[1].json), QByteArray(R"({"kind":"y"})"));
        const auto later = w.ledger.events_since(1, 1);
        QCOMPARE(later.size(), std::size_t(1));
        QCOMPARE(later[0].seq, std::uint64_t(2));
        QVERIFY(w.ledger.events_since(3, 10).empty());
    }
};

QTEST_APPLESS_MAIN(TestLedgerQueueNodes)
#include "test_ledger_queue_nodes.moc"
