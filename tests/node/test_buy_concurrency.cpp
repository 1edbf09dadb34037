// The oversell test of the issue: 8 threads × 200k buy attempts on 1,000 units from 50k
// users through the node's buy pipeline (lease, holder cache, group commit, MemoryLedger).
// Exactly 1,000 reservations, no user twice, I1–I6 hold, every order reaches SQLite.
#include <QTemporaryDir>
#include <QtTest>
#include <atomic>
#include <mutex>
#include <random>
#include <set>
#include <thread>

#include "core/clock.h"
#include "node/engine.h"
#include "store/memory_ledger.h"
#include "store/order_db.h"
#include "support/sale_builder.h"

using namespace seckill;

class BuyConcurrency : public QObject {
    Q_OBJECT

  private Q_SLOTS:
    void exactlyTheStockIsSoldOnceToDistinctUsers();
    void cancelledUnitsSellAgainUnderLoad();
};

namespace {

struct Tally {
    std::atomic<std::int64_t> settled{0};
    std::array<std::atomic<std::int64_t>, node::buy_outcome_count> by_outcome{};
    std::mutex mu;
    std::multiset<std::string> winners;
    std::vector<std::string> orders;

    node::BuyCallback callback(std::string user) {
        return [this, user = std::move(user)](node::BuyResult r) {
            by_outcome[std::size_t(r.outcome)].fetch_add(1);
            if (r.outcome == node::BuyOutcome::reserved) {
                std::lock_guard lock(mu);
                winners.insert(user);
                orders.push_back(r.order_id);
            }
            settled.fetch_add(1, std::memory_order_release);
        };
    }
    std::int64_t count(node::BuyOutcome o) const { return by_outcome[std::size_t(o)].load(); }
};

using seckill::testing::sale_config;

void wait_settled(const Tally& t, std::int64_t expected) {
    QTRY_COMPARE_WITH_TIMEOUT(t.settled.load(std::memory_order_acquire), expected, 60000);
}

}  // namespace

void BuyConcurrency::exactlyTheStockIsSoldOnceToDistinctUsers() {
    constexpr int threads = 8;
    constexpr int attempts = 200'000;
    constexpr int users = 50'000;
    constexpr std::int64_t stock = 1'000;

    QTemporaryDir dir;
    store::MemoryLedger ledger;
    store::OrderDb db(dir.filePath(QStringLiteral("orders.db")).toStdString());
    SystemClock clock;
    QVERIFY(ledger.create_sale(sale_config("flash", stock), SaleState::running, clock.now_ms()));
    node::Engine engine(ledger, &db, clock, node::EngineOptions{});
    engine.start();

    Tally tally;
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t) {
        pool.emplace_back([&, t] {
            std::mt19937 rng(std::uint32_t(1234 + t));
            std::uniform_int_distribution<int> pick(0, users - 1);
            for (int i = 0; i < attempts; ++i) {
                std::string user = "u" + std::to_string(pick(rng));
                engine.buys().buy("flash", user, tally.callback(user));
            }
        });
    }
    for (auto& th : pool) th.join();
    wait_settled(tally, std::int64_t(threads) * attempts);

    QCOMPARE(tally.count(node::BuyOutcome::reserved), stock);
    QCOMPARE(std::int64_t(tally.winners.size()), stock);
    for (const auto& w : tally.winners) QCOMPARE(tally.winners.count(w), std::size_t(1));
    QCOMPARE(std::set<std::string>(tally.orders.begin(), tally.orders.end()).size(),
             std::size_t(stock));
    QCOMPARE(tally.count(node::BuyOutcome::unavailable), std::int64_t(0));
    QCOMPARE(tally.count(node::BuyOutcome::reserved) + tally.count(node::BuyOutcome::sold_out) +
                 tally.count(node::BuyOutcome::limit_reached),
             std::int64_t(threads) * attempts);
    // Group commit: far fewer ledger calls than reservations.
    QVERIFY2(engine.group_commit().batches() <= std::uint64_t(stock), "one commit per buy");

    auto report = ledger.check_invariants("flash", clock.now_ms(), 5000, 5000);
    QVERIFY(report);
    for (const auto& c : report->checks) QVERIFY2(c.ok, (c.id + ": " + c.detail).c_str());

    engine.stop();
    QCOMPARE(ledger.queue_depth(), std::int64_t(0));
    QCOMPARE(db.count_orders("flash"), stock);
    const auto view = ledger.get_sale("flash", clock.now_ms());
    QCOMPARE(view->stock.reserved, stock);
    QCOMPARE(view->stock.pool + view->stock.leased, std::int64_t(0));
}

void BuyConcurrency::cancelledUnitsSellAgainUnderLoad() {
    // Half the winners cancel while buyers keep coming: the returned units must reopen the
    // sold-out node and sell again, and the totals must still balance.
    constexpr std::int64_t stock = 200;
    QTemporaryDir dir;
    store::MemoryLedger ledger;
    store::OrderDb db(dir.filePath(QStringLiteral("orders.db")).toStdString());
    SystemClock clock;
    QVERIFY(ledger.create_sale(sale_config("again", stock), SaleState::running, clock.now_ms()));
    node::EngineOptions options;
    options.tick_ms = 10;
    node::Engine engine(ledger, &db, clock, options);
    engine.start();

    Tally first;
    for (int i = 0; i < 1000; ++i) {
        const std::string user = "a" + std::to_string(i);
        engine.buys().buy("again", user, first.callback(user));
    }
    wait_settled(first, 1000);
    QCOMPARE(first.count(node::BuyOutcome::reserved), stock);

    std::vector<std::string> orders;
    {
        std::lock_guard lock(first.mu);
        orders.assign(first.orders.begin(), first.orders.begin() + stock / 2);
    }
    std::atomic<int> cancelled{0};
    std::thread canceller([&] {
        for (const auto& id : orders)
            if (ledger.cancel(id, clock.now_ms()).result == store::OrderUpdate::Result::done)
                ++cancelled;
    });
    Tally second;
    std::int64_t sent = 0;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    // Keep buying with fresh users until the cancelled units are sold again.
    while (std::chrono::steady_clock::now() < deadline &&
           second.count(node::BuyOutcome::reserved) < stock / 2) {
        const std::string user = "b" + std::to_string(sent++);
        engine.buys().buy("again", user, second.callback(user));
        if (sent % 1000 == 0) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    canceller.join();
    QCOMPARE(cancelled.load(), int(stock / 2));
    wait_settled(second, sent);
    QCOMPARE(second.count(node::BuyOutcome::reserved), stock / 2);

    engine.stop();
    auto report = ledger.check_invariants("again", clock.now_ms(), 5000, 5000);
    for (const auto& c : report->checks) QVERIFY2(c.ok, (c.id + ": " + c.detail).c_str());
    QCOMPARE(db.count_orders("again"), stock + stock / 2);
}

QTEST_GUILESS_MAIN(BuyConcurrency)
#include "test_buy_concurrency.moc"
