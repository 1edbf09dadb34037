// What only the Redis ledger has to get right, against a real redis-server: a crashed
// order writer's events pass to another, Redis restarts (fast failures, then recovery from
// the AOF, scripts reloaded), and two nodes reclaiming the same dead node at once.
#include <QtTest>
#include <chrono>
#include <map>
#include <thread>

#include "ledger_fixture.h"
#include "store/redis/redis_connection.h"
#include "store/redis/redis_durability.h"
#include "support/eventually.h"

using namespace fixture;
using seckill::store::CommitItem;
using seckill::store::OrderStatus;
using seckill::store::redis::RedisLedger;
using seckill::store::redis::RedisLedgerOptions;
using seckill::store::redis::RedisUrl;
using seckill::testing::RedisServer;

namespace {

RedisUrl url_of(const RedisServer& s) {
    return std::get<RedisUrl>(seckill::store::redis::parse_redis_url(s.url()));
}

// Sale s1 (10 units) running, and `items` bought in it through node n1's lease.
bool sold(RedisLedger& ledger, const std::vector<CommitItem>& items) {
    if (!ledger.create_sale(sale_config("s1", 10), SaleState::running, t0)) return false;
    ledger.grant_lease("s1", "n1", 4);
    ledger.commit("s1", "n1", items, t0);
    return true;
}

RedisLedgerOptions quick_claims() {
    RedisLedgerOptions o;
    o.writer_claim_idle_ms = 200;
    return o;
}

}  // namespace

class TestRedisLedger : public QObject {
    Q_OBJECT

  private Q_SLOTS:
    // A Redis that would lose what it acknowledged is named as such; one that fsyncs before
    // it answers is not (the node logs the sentence at start).
    void persistenceWarningNamesANonDurableRedis() {
        RedisServer server;
        RedisLedger ledger(url_of(server), {});
        QCOMPARE(seckill::store::redis::persistence_warning(ledger.pool()), std::string());
        ledger.pool().with([](auto& c) {
            c.command({"CONFIG", "SET", "appendfsync", "everysec"});
        });
        const std::string why = seckill::store::redis::persistence_warning(ledger.pool());
        QVERIFY2(why.find("appendfsync everysec") != std::string::npos, why.c_str());
        QVERIFY2(why.find("--appendfsync always") != std::string::npos, why.c_str());
    }

    void crashedWritersEventsPassToAnother() {
        RedisServer server;
        RedisLedger a(url_of(server), quick_claims());
        RedisLedger b(url_of(server), quick_claims());
        QVERIFY(a.create_sale(sale_config("s1", 10), SaleState::running, t0));
        a.grant_lease("s1", "n1", 10);
        const std::vector<CommitItem> items{{"u1", "101"}, {"u2", "102"}, {"u3", "103"}};
        a.commit("s1", "n1", items, t0);
        // Writer A reads and dies before acknowledging; B sees nothing new at first.
        QCOMPARE(a.read_events("writer-a", 10).size(), std::size_t(3));
        QCOMPARE(b.read_events("writer-b", 10).size(), std::size_t(0));
        QCOMPARE(a.queue_depth(), std::int64_t(3));
        // Once A's events have been idle long enough, B claims and writes them.
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        const auto claimed = b.read_events("writer-b", 10);
        QCOMPARE(claimed.size(), std::size_t(3));
        b.ack_events(claimed);
        QCOMPARE(a.queue_depth(), std::int64_t(0));
        QCOMPARE(a.order_tally("s1").unwritten, std::int64_t(0));
        QVERIFY(!a.get_order("101")->queue_position.has_value());
    }

    void eventsAndOrdersOfEarlierVersionsStillRead() {
        // A sale that was running when the nodes were upgraded: its stream holds events in
        // the eight-field layout and orders marked written by the old acknowledgement. They
        // are read, written and acknowledged like new ones.
        RedisServer server;
        RedisLedger ledger(url_of(server), {});
        seckill::store::redis::RedisConnection raw(url_of(server), {});
        QVERIFY(sold(ledger, {{"u1", "501"}}));
        const auto old_id = raw.command({"XADD", "sk:{s1}:events", "*", "seq", "2", "id", "502",
                                         "user", "u2", "status", "paid", "created", "7", "updated",
                                         "8", "pay_before", "9", "creates", "1"});
        raw.command({"HINCRBY", "sk:{s1}:meta", "unwritten", "1"});
        raw.command({"HSET", "sk:{s1}:orders", "503", "u3|paid|1|2|3|1-1|1"});
        raw.command({"HSET", "sk:{#}:order_sale", "503", "s1"});

        const auto events = ledger.read_events("w1", 10);
        QCOMPARE(events.size(), std::size_t(2));
        QCOMPARE(q(events[0].order.order_id), QByteArray("501"));
        QCOMPARE(q(events[0].order.user), QByteArray("u1"));
        QCOMPARE(events[0].order.pay_before, t0 + 600'000);
        QCOMPARE(events[0].order.created_at, t0);
        QVERIFY(events[0].creates);
        QCOMPARE(q(events[1].ack_id), QByteArray(old_id.str().data(), int(old_id.str().size())));
        QCOMPARE(events[1].seq, std::uint64_t(2));
        QCOMPARE(q(events[1].order.user), QByteArray("u2"));
        QCOMPARE(events[1].order.status, OrderStatus::paid);
        QCOMPARE(events[1].order.updated_at, Millis(8));
        QVERIFY(events[1].creates);
        QCOMPARE(ledger.get_order("501")->queue_position, std::optional<std::int64_t>(0));
        QVERIFY(!ledger.get_order("503")->queue_position.has_value());  // written=1, old style
        ledger.ack_events(events);
        QCOMPARE(ledger.queue_depth(), std::int64_t(0));
        QVERIFY(!ledger.get_order("501")->queue_position.has_value());
        QCOMPARE(ledger.order_tally("s1").unwritten, std::int64_t(0));
    }

    void unreadableEventsGoToAWriterThatCanReadThem() {
        // Found by review: an entry a node cannot parse (a newer version's format) stayed
        // in that writer's pending list, which it re-reads on every call — so the entry
        // never went idle and no writer that could read it ever claimed it.
        RedisServer server;
        RedisLedger w1(url_of(server), quick_claims());  // two nodes: two claim timers
        RedisLedger w2(url_of(server), quick_claims());
        seckill::store::redis::RedisConnection raw(url_of(server), {});
        QVERIFY(sold(w1, {{"u1", "501"}}));
        const std::string stream = "sk:{s1}:events";
        const std::string future(raw.command({"XADD", stream, "*", "e", "9|502|u2|x"}).str());
        const auto events = w1.read_events("w1", 10);
        QCOMPARE(events.size(), std::size_t(1));
        QCOMPARE(q(events[0].order.order_id), QByteArray("501"));
        w1.ack_events(events);

        const auto pending = [&] {
            std::map<std::string, std::string> owners;  // entry id -> consumer
            const auto p = raw.command({"XPENDING", stream, "writers", "-", "+", "10"});
            for (std::size_t i = 0; i < p.size(); ++i)
                owners[std::string(p.at(i).at(0).str())] = std::string(p.at(i).at(1).str());
            return owners;
        };
        const auto seen = [&] {
            std::string out;
            for (const auto& [id, owner] : pending()) out += id + " held by " + owner + "; ";
            return out.empty() ? std::string("nothing pending") : out;
        };
        // Not w1's any more, so w1 does not keep it warm by re-reading it.
        QCOMPARE(q(pending()[future]), QByteArray("#unreadable"));
        QVERIFY(w1.read_events("w1", 10).empty());

        // A readable entry parked the same way (by a writer of an older version, say) reaches
        // a writer that reads it.
        const std::string parked(
            raw.command({"XADD", stream, "*", "e", "7|503|u3|paid|1|2|3|0"}).str());
        raw.command({"XREADGROUP", "GROUP", "writers", "#unreadable", "COUNT", "1", "STREAMS",
                     stream, ">"});
        QCOMPARE(q(pending()[parked]), QByteArray("#unreadable"));
        std::vector<seckill::store::OrderEvent> got;
        QVERIFY2(seckill::testing::eventually([&] {
                     got = w2.read_events("w2", 10);
                     return !got.empty();
                 }),
                 seen().c_str());
        QCOMPARE(got.size(), std::size_t(1));
        QCOMPARE(q(got[0].order.order_id), QByteArray("503"));
        QCOMPARE(got[0].order.status, OrderStatus::paid);
        w2.ack_events(got);
        // The unreadable one is still waiting for its reader, not acknowledged by anyone.
        QVERIFY2(pending().size() == 1 && pending().count(future) == 1, seen().c_str());
        QCOMPARE(w1.order_tally("s1").unwritten, std::int64_t(0));
    }

    void aFullRedisStillDrainsTheOrderQueue() {
        // Found by review: recording the writer (SADD) is refused by a Redis at maxmemory
        // under noeviction, while acknowledging (which frees memory) is not; a refused
        // record must not stop the writers from emptying the stream.
        RedisServer server;
        RedisLedger ledger(url_of(server), {});
        seckill::store::redis::RedisConnection raw(url_of(server), {});
        QVERIFY(sold(ledger, {{"u1", "601"}, {"u2", "602"}}));
        QVERIFY(!raw.command({"CONFIG", "SET", "maxmemory", "1"}).is_error());
        QVERIFY(raw.command({"SADD", "probe", "x"}).is_error());  // full indeed
        const auto events = ledger.read_events("w1", 10);
        QCOMPARE(events.size(), std::size_t(2));
        ledger.ack_events(events);
        QCOMPARE(ledger.queue_depth(), std::int64_t(0));
        raw.command({"CONFIG", "SET", "maxmemory", "0"});
        QCOMPARE(ledger.order_tally("s1").unwritten, std::int64_t(0));
    }

    void redisRestartFailsFastThenRecovers() {
        RedisServer server;
        RedisLedger ledger(url_of(server), {});
        QVERIFY(ledger.create_sale(sale_config("s1", 10), SaleState::running, t0));
        ledger.register_node("n1", "127.0.0.1:1", t0);
        ledger.grant_lease("s1", "n1", 4);
        const CommitItem item{"u1", "201"};
        QCOMPARE(ledger.commit("s1", "n1", {&item, 1}, t0)[0].outcome, CommitOutcome::reserved);

        server.kill_hard();
        const auto before = std::chrono::steady_clock::now();
        for (int i = 0; i < 20; ++i)
            QVERIFY_THROWS_EXCEPTION(std::runtime_error, ledger.get_sale("s1", t0));
        // Never a hang: twenty calls against a dead Redis take well under the 1 s timeout
        // each (the pool backs off instead of reconnecting every time).
        QVERIFY(std::chrono::steady_clock::now() - before < std::chrono::seconds(5));

        server.start();  // from the AOF; the script cache is empty now
        std::optional<seckill::SaleView> view;
        QVERIFY(seckill::testing::eventually(
            [&] {
                try {
                    view = ledger.get_sale("s1", t0);
                    return true;
                } catch (const std::exception&) {
                    return false;
                }
            },
            5000));
        QVERIFY(view.has_value());
        QCOMPARE(view->stock.reserved, std::int64_t(1));  // the acknowledged commit survived
        QCOMPARE(view->stock.leased, std::int64_t(3));
        // EVALSHA meets NOSCRIPT and reloads the script by itself.
        const CommitItem next{"u2", "202"};
        QCOMPARE(ledger.commit("s1", "n1", {&next, 1}, t0)[0].outcome, CommitOutcome::reserved);
        const auto report = ledger.check_invariants("s1", t0, 10'000, 5'000);
        QVERIFY2(report && report->ok, describe(*report).constData());
    }

    void driftedCountersTurnTheChecksRed() {
        // What the quick checks and the audit exist for: counters that no longer match the
        // records. Staged by editing Redis behind the ledger's back.
        RedisServer server;
        RedisLedger ledger(url_of(server), {});
        seckill::store::redis::RedisConnection raw(url_of(server), {});
        QVERIFY(ledger.create_sale(sale_config("s1", 10), SaleState::running, t0));
        ledger.register_node("n1", "127.0.0.1:1", t0);
        ledger.grant_lease("s1", "n1", 4);
        const std::vector<CommitItem> items{{"u1", "301"}, {"u2", "302"}};
        ledger.commit("s1", "n1", items, t0);
        QVERIFY(ledger.check_invariants("s1", t0, 10'000, 5'000)->ok);

        // A unit moved from the pool to `reserved` without an order: the sum still holds,
        // but the deadlines and the recount disagree with the counter.
        raw.command({"HINCRBY", "sk:{s1}:meta", "reserved", "1"});
        raw.command({"HINCRBY", "sk:{s1}:meta", "pool", "-1"});
        auto quick = ledger.check_invariants("s1", t0, 10'000, 5'000);
        QVERIFY2(!find_check(*quick, "I1")->ok, describe(*quick).constData());
        auto audit = ledger.audit_invariants("s1", t0, 5'000);
        QVERIFY(!find_check(*audit, "I1")->ok);
        QCOMPARE(q(find_check(*audit, "I1")->detail),
                 QByteArray("recounted reserved 2 (counter 3), paid 0 (counter 0)"));
        raw.command({"HINCRBY", "sk:{s1}:meta", "reserved", "-1"});
        raw.command({"HINCRBY", "sk:{s1}:meta", "pool", "1"});

        // A holding above the limit that the orders do not explain.
        raw.command({"HSET", "sk:{s1}:holds", "u1", "3"});
        audit = ledger.audit_invariants("s1", t0, 5'000);
        QVERIFY(!find_check(*audit, "I3")->ok);
        QCOMPARE(q(find_check(*audit, "I3")->detail),
                 QByteArray("most held by one user: 3 (limit 1); 4 units held"));
        // An order record with no counter behind it.
        raw.command({"HSET", "sk:{s1}:holds", "u1", "1"});
        raw.command({"HSET", "sk:{s1}:orders", "399", "u9|cancelled|1|1|1||1"});
        QVERIFY(!find_check(*ledger.check_invariants("s1", t0, 10'000, 5'000), "I4")->ok);
        audit = ledger.audit_invariants("s1", t0, 5'000);
        QCOMPARE(q(find_check(*audit, "I4")->detail), QByteArray("3 order records, counter 2"));
    }

    void concurrentReclaimReturnsEachUnitOnce() {
        RedisServer server;
        RedisLedger a(url_of(server), {});
        RedisLedger b(url_of(server), {});
        QVERIFY(a.create_sale(sale_config("s1", 1000), SaleState::running, t0));
        for (const char* n : {"dead1", "dead2", "live"}) a.register_node(n, "127.0.0.1:1", t0);
        a.grant_lease("s1", "dead1", 300);
        a.grant_lease("s1", "dead2", 200);
        a.grant_lease("s1", "live", 100);
        a.heartbeat("live", "{}", t0 + 60'000);
        std::int64_t by_a = 0, by_b = 0;
        std::thread ta([&] { by_a = a.reclaim_dead_nodes(t0 + 60'000, 5'000); });
        std::thread tb([&] { by_b = b.reclaim_dead_nodes(t0 + 60'000, 5'000); });
        ta.join();
        tb.join();
        QCOMPARE(by_a + by_b, std::int64_t(500));
        const auto stock = a.get_sale("s1", t0)->stock;
        QCOMPARE(stock.pool, std::int64_t(900));
        QCOMPARE(stock.leased, std::int64_t(100));
    }
};

QTEST_GUILESS_MAIN(TestRedisLedger)
#include "test_redis_ledger.moc"
