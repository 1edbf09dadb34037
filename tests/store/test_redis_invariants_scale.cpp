// The invariant checks cannot stall Redis (issue 8): on a big sale, no Redis command made
// by check_invariants, order_tally or the chunked audit runs 10 ms or longer, as Redis
// itself measures it (SLOWLOG). The orders come in through the normal commit path, in
// large batches; the fill is slow by design and is reset away. 500,000 orders by default:
// a million took 40-60 s to fill through commit on the shared 2-core box, past the test's
// budget. The quick checks cost the same at any size (nothing in them walks the orders)
// and each audit call handles one chunk of 250 at any size, so the per-call numbers this
// prints hold for a million; SECKILL_SCALE_ORDERS=1000000 runs the full size.
#include <QtTest>
#include <algorithm>
#include <chrono>

#include "ledger_fixture.h"
#include "store/redis/redis_connection.h"
#include "support/eventually.h"

using namespace fixture;
using seckill::store::CommitItem;
using seckill::store::redis::RedisConnection;
using seckill::store::redis::RedisLedger;
using seckill::store::redis::RedisLedgerOptions;
using seckill::store::redis::RedisUrl;
using seckill::testing::RedisServer;

namespace {

constexpr Millis ttl = 10'000;
constexpr Millis grace = 5'000;

// SECKILL_SCALE_ORDERS overrides the order count (e.g. a quick local run).
std::int64_t order_count() {
    bool ok = false;
    const auto n = qEnvironmentVariableIntValue("SECKILL_SCALE_ORDERS", &ok);
    return ok && n > 0 ? n : 500'000;
}

RedisUrl url_of(const RedisServer& s) {
    return std::get<RedisUrl>(seckill::store::redis::parse_redis_url(s.url()));
}

// Entries of SLOWLOG GET as "duration µs: command args…", longest first.
struct SlowEntry {
    long long micros = 0;
    std::string command;
};

std::vector<SlowEntry> slowlog(RedisConnection& c) {
    const auto r = c.command({"SLOWLOG", "GET", "-1"});
    std::vector<SlowEntry> out;
    for (std::size_t i = 0; i < r.size(); ++i) {
        const auto e = r.at(i);
        SlowEntry s{e.at(2).integer(), {}};
        const auto args = e.at(3);
        for (std::size_t j = 0; j < args.size() && j < 4; ++j)
            s.command += std::string(args.at(j).str()) + " ";
        out.push_back(std::move(s));
    }
    std::sort(out.begin(), out.end(),
              [](const SlowEntry& a, const SlowEntry& b) { return a.micros > b.micros; });
    return out;
}

QByteArray describe(const std::vector<SlowEntry>& entries) {
    QByteArray out;
    for (std::size_t i = 0; i < entries.size() && i < 5; ++i)
        out += QByteArray::number(entries[i].micros) +
               " µs: " + QByteArray::fromStdString(entries[i].command) + "; ";
    return out.isEmpty() ? QByteArray("(empty)") : out;
}

}  // namespace

class TestRedisInvariantsScale : public QObject {
    Q_OBJECT

  private Q_SLOTS:
    void checksStayShortOnAHugeSale() {
        RedisServer server;
        RedisLedgerOptions options;
        options.timeouts.command = std::chrono::seconds(60);  // the fill's batches are long
        RedisLedger ledger(url_of(server), options);
        RedisConnection admin(url_of(server), options.timeouts);
        const std::int64_t n = order_count();
        QVERIFY(ledger.create_sale(sale_config("big", n, 1, 3600), SaleState::running, t0));
        ledger.register_node("n1", "127.0.0.1:1", t0);
        QCOMPARE(ledger.grant_lease("big", "n1", n).granted, n);

        const auto fill_start = std::chrono::steady_clock::now();
        constexpr std::int64_t batch = 10'000;
        std::vector<CommitItem> items;
        for (std::int64_t done = 0; done < n; done += batch) {
            items.clear();
            for (std::int64_t i = done; i < std::min(n, done + batch); ++i)
                items.push_back({"u" + std::to_string(i), std::to_string(5'000'000 + i)});
            for (const auto& r : ledger.commit("big", "n1", items, t0))
                QCOMPARE(r.outcome, CommitOutcome::reserved);
        }
        // A few payments and cancels so the recount has more than one status to count.
        for (std::int64_t i = 0; i < 100; ++i) {
            ledger.pay(std::to_string(5'000'000 + i), t0 + 1);
            ledger.cancel(std::to_string(5'000'100 + i), t0 + 1);
        }
        const auto fill_s =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - fill_start).count();
        qInfo("filled %lld orders through commit in %.1f s", static_cast<long long>(n), fill_s);

        // The fill grew the AOF past its rewrite threshold: a rewrite child forked then
        // competes for the two cores and its copy-on-write faults slow Redis, whatever the
        // commands are. Wait it out and start no other, so SLOWLOG measures our calls.
        admin.command({"CONFIG", "SET", "auto-aof-rewrite-percentage", "0"});
        std::string persistence;
        QVERIFY2(seckill::testing::eventually(
                     [&] {
                         persistence = admin.command({"INFO", "persistence"}).str();
                         return persistence.find("aof_rewrite_in_progress:0") !=
                                    std::string::npos &&
                                persistence.find("aof_rewrite_scheduled:0") != std::string::npos &&
                                persistence.find("rdb_bgsave_in_progress:0") != std::string::npos;
                     },
                     60'000),
                 ("waited for no AOF rewrite or RDB save in progress; last INFO persistence: " +
                  persistence)
                     .c_str());

        // Strict: nothing the checks send may reach 10 ms.
        admin.command({"CONFIG", "SET", "slowlog-log-slower-than", "10000"});
        admin.command({"SLOWLOG", "RESET"});
        const Millis now = t0 + 2;
        for (int i = 0; i < 3; ++i) {
            const auto quick = ledger.check_invariants("big", now, ttl, grace);
            QVERIFY2(quick && quick->ok, quick ? describe(*quick).constData() : "no report");
            QCOMPARE(ledger.order_tally("big").orders, n);
        }
        const auto audit = ledger.audit_invariants("big", now, grace);
        QVERIFY2(audit && audit->ok, audit ? describe(*audit).constData() : "no audit");
        QCOMPARE(q(find_check(*audit, "I4")->detail),
                 QByteArray::number(n) + " order records, counter " + QByteArray::number(n));
        const auto slow = slowlog(admin);
        QVERIFY2(slow.empty(), ("commands of 10 ms or longer: " + describe(slow)).constData());

        // Measured: log everything once more and report the longest call of each kind.
        admin.command({"CONFIG", "SET", "slowlog-max-len", "100000"});
        admin.command({"CONFIG", "SET", "slowlog-log-slower-than", "0"});
        admin.command({"SLOWLOG", "RESET"});
        const auto t = std::chrono::steady_clock::now();
        QVERIFY(ledger.check_invariants("big", now, ttl, grace));
        const auto quick_ms =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count();
        const auto t2 = std::chrono::steady_clock::now();
        QVERIFY(ledger.audit_invariants("big", now, grace));
        const auto audit_ms =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t2)
                .count();
        const auto all = slowlog(admin);
        admin.command({"CONFIG", "SET", "slowlog-log-slower-than", "10000"});
        QVERIFY(!all.empty());
        qInfo("longest Redis commands (µs): %s", describe(all).constData());
        qInfo("check_invariants %.1f ms end to end; audit %.0f ms end to end in %zu commands",
              quick_ms, audit_ms, all.size());
    }
};

QTEST_GUILESS_MAIN(TestRedisInvariantsScale)
#include "test_redis_invariants_scale.moc"
