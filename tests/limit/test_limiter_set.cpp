// LimiterSet: how rules combine, and exact totals when several io threads check at once.
#include <QtTest>
#include <atomic>
#include <memory>
#include <thread>
#include <vector>

#include "decision_printer.h"
#include "limit/keyed_table.h"
#include "limit/limiter_set.h"

using seckill::Millis;
using seckill::limit::Decision;
using seckill::limit::LimiterSet;
using seckill::limit::Rule;

namespace {

Rule fixed(std::string name, Rule::Key key, int limit, Millis window_ms = 1'000) {
    Rule rule;
    rule.name = std::move(name);
    rule.key = key;
    rule.algorithm = Rule::Algorithm::fixed_window;
    rule.limit = limit;
    rule.window_ms = window_ms;
    return rule;
}

Rule leaky(std::string name, Rule::Key key, std::string_view rate, int burst, bool nodelay) {
    Rule rule;
    rule.name = std::move(name);
    rule.key = key;
    if (set_rate(rule, rate)) qFatal("bad rate in test");
    rule.burst = burst;
    rule.nodelay = nodelay;
    return rule;
}

// Runs `per_thread(thread_index)` on four threads at once and sums what they return.
template <class F>
int on_four_threads(F per_thread) {
    std::atomic<int> total{0};
    std::atomic<int> ready{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
            ready.fetch_add(1);
            while (ready.load() < 4) {
            }  // start together so the threads really overlap
            total.fetch_add(per_thread(t));
        });
    }
    for (auto& thread : threads) thread.join();
    return total.load();
}

}  // namespace

class TestLimiterSet : public QObject {
    Q_OBJECT

  private Q_SLOTS:
    void noRulesAllowsEverything() {
        LimiterSet set({});
        QCOMPARE(set.check("10.0.0.1", "u", 0), Decision::allow());
        QCOMPARE(set.memory_bytes(), std::size_t{0});
    }

    void invalidRulesThrowTheSentence() {
        try {
            LimiterSet set({fixed("w", Rule::Key::ip, 0)});
            QFAIL("expected std::invalid_argument");
        } catch (const std::invalid_argument& error) {
            QVERIFY(std::string_view(error.what()).starts_with("rule \"w\" (fixed_window)"));
        }
    }

    void keysAreCountedApart() {
        LimiterSet set({fixed("per-ip", Rule::Key::ip, 1)});
        QVERIFY(set.check("10.0.0.1", "", 0).allowed);
        QVERIFY(set.check("10.0.0.2", "", 0).allowed);
        QCOMPARE(set.check("10.0.0.1", "", 0), Decision::reject(1'000));
    }

    void anonymousRequestsSkipUserRules() {
        LimiterSet set({fixed("per-user", Rule::Key::user, 1)});
        for (int i = 0; i < 10; ++i) QVERIFY(set.check("10.0.0.1", "", 0).allowed);
        QVERIFY(set.check("10.0.0.1", "alice", 0).allowed);
        QVERIFY(!set.check("10.0.0.1", "alice", 0).allowed);
    }

    void aRejectedRequestChargesNoRule() {
        // Global 3 per window, each user 1. alice's second try is refused by her own rule and
        // must not use up the global budget, or one eager user would starve everyone else.
        LimiterSet set({fixed("all", Rule::Key::global, 3), fixed("each", Rule::Key::user, 1)});
        QVERIFY(set.check("ip", "alice", 0).allowed);   // global 1
        QVERIFY(!set.check("ip", "alice", 0).allowed);  // refused, global still 1
        QVERIFY(!set.check("ip", "alice", 0).allowed);
        QVERIFY(set.check("ip", "bob", 0).allowed);    // global 2
        QVERIFY(set.check("ip", "carol", 0).allowed);  // global 3
        QVERIFY(!set.check("ip", "dave", 0).allowed);  // global exhausted
    }

    void rejectionReportsTheLongestRetry() {
        LimiterSet set(
            {fixed("ip", Rule::Key::ip, 1, 1'000), fixed("user", Rule::Key::user, 1, 5'000)});
        QVERIFY(set.check("10.0.0.1", "alice", 0).allowed);
        // Both refuse: the ip window ends in 1000 ms, the user window in 5000 ms.
        QCOMPARE(set.check("10.0.0.1", "alice", 0), Decision::reject(5'000));
    }

    void allowedReportsTheLongestDelay() {
        LimiterSet set({leaky("all", Rule::Key::global, "10r/s", 10, false),
                        leaky("ip", Rule::Key::ip, "2r/s", 10, false)});
        QCOMPARE(set.check("10.0.0.1", "", 0), Decision::allow(0));  // new keys wait for nothing
        // Excess 1000 on both: 1000 * 1000 / 10000 = 100 ms and 1000 * 1000 / 2000 = 500 ms.
        QCOMPARE(set.check("10.0.0.1", "", 0), Decision::allow(500));
    }

    void memoryIsBoundedPerRule() {
        LimiterSet set({fixed("all", Rule::Key::global, 1), fixed("ip", Rule::Key::ip, 1),
                        fixed("user", Rule::Key::user, 1)},
                       1 << 20);
        // A global rule holds one key (one shard header + one key); keyed rules hold a MiB.
        std::size_t global = seckill::limit::KeyedTable::shard_header_bytes +
                             seckill::limit::KeyedTable::bytes_per_key;
        QVERIFY(set.memory_bytes() <=
                global + 2 * ((1 << 20) + seckill::limit::KeyedTable::max_fixed_overhead));
    }

    void sameKeyAcrossThreadsAdmitsExactlyTheLimit() {
        LimiterSet set({fixed("per-ip", Rule::Key::ip, 1'000)});
        int allowed = on_four_threads([&](int) {
            int passed = 0;
            for (int i = 0; i < 1'000; ++i) passed += set.check("203.0.113.9", "", 5'000).allowed;
            return passed;
        });
        QCOMPARE(allowed, 1'000);
    }

    void distinctKeysAcrossThreadsEachGetTheirLimit() {
        LimiterSet set({fixed("per-user", Rule::Key::user, 10)});
        int allowed = on_four_threads([&](int thread) {
            int passed = 0;
            for (int user = 0; user < 100; ++user) {
                std::string name = "t" + std::to_string(thread) + "-u" + std::to_string(user);
                for (int i = 0; i < 20; ++i) passed += set.check("ip", name, 0).allowed;
            }
            return passed;
        });
        QCOMPARE(allowed, 4 * 100 * 10);
    }

    void sharedGlobalBudgetHoldsUnderRacingRules() {
        // Two rules per request (global leaky + per-ip window), so the consult-then-charge
        // path runs; the global bucket (burst 99, nodelay, no time passing) admits the first
        // request plus 99 more, whichever threads they come from.
        LimiterSet set({leaky("all", Rule::Key::global, "1000r/s", 99, true),
                        fixed("per-ip", Rule::Key::ip, 1'000'000)});
        int allowed = on_four_threads([&](int thread) {
            int passed = 0;
            std::string ip = "192.0.2." + std::to_string(thread);
            for (int i = 0; i < 1'000; ++i) passed += set.check(ip, "", 0).allowed;
            return passed;
        });
        QCOMPARE(allowed, 100);
    }

    void setsSwapAtomicallyWhileInUse() {
        std::atomic<std::shared_ptr<const LimiterSet>> current(
            std::make_shared<const LimiterSet>(std::vector<Rule>{fixed("ip", Rule::Key::ip, 1)}));
        std::shared_ptr<const LimiterSet> held = current.load();
        QVERIFY(held->check("a", "", 0).allowed);
        current.store(std::make_shared<const LimiterSet>(std::vector<Rule>{}));
        QVERIFY(!held->check("a", "", 0).allowed);  // the old set still works for its holder
        QVERIFY(current.load()->check("a", "", 0).allowed);  // the new one has no rules
    }
};

QTEST_APPLESS_MAIN(TestLimiterSet)
#include "test_limiter_set.moc"
