#pragma once
// Shared by the store tests: readable QCOMPARE failures for ledger enums, and a small world
// (ledger + manual clock) with one-line helpers for the steps every scenario repeats.
#include <QtTest>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/sale.h"
#include "store/memory_ledger.h"
#include "store/redis/redis_ledger.h"
#include "support/redis_server.h"
#include "support/sale_builder.h"

namespace seckill {
inline char* toString(SaleState s) { return qstrdup(std::string(to_string(s)).c_str()); }
}  // namespace seckill

namespace seckill::store {
inline char* toString(OrderStatus s) { return qstrdup(std::string(to_string(s)).c_str()); }
inline char* toString(CommitOutcome o) { return qstrdup(std::string(to_string(o)).c_str()); }
inline char* toString(OrderUpdate::Result r) {
    switch (r) {
        case OrderUpdate::Result::done:
            return qstrdup("done");
        case OrderUpdate::Result::conflict:
            return qstrdup("conflict");
        case OrderUpdate::Result::not_found:
            return qstrdup("not_found");
    }
    return qstrdup("?");
}
inline char* toString(StateChange c) {
    switch (c) {
        case StateChange::done:
            return qstrdup("done");
        case StateChange::not_found:
            return qstrdup("not_found");
        case StateChange::invalid:
            return qstrdup("invalid");
    }
    return qstrdup("?");
}
}  // namespace seckill::store

namespace fixture {

using seckill::Millis;
using seckill::SaleConfig;
using seckill::SaleState;
using seckill::store::CommitItem;
using seckill::store::CommitOutcome;
using seckill::store::CommitResult;
using seckill::store::InvariantCheck;
using seckill::store::InvariantReport;
using seckill::store::MemoryLedger;

inline constexpr Millis t0 = 1'800'000'000'000;  // 2027, after the order id epoch

using seckill::testing::sale_config;

inline QByteArray q(const std::string& s) { return QByteArray::fromStdString(s); }

inline const InvariantCheck* find_check(const InvariantReport& r, const char* id) {
    for (const auto& c : r.checks)
        if (c.id == id) return &c;
    return nullptr;
}

// The contract suites run once per ledger: ctest sets SECKILL_TEST_LEDGER=redis for the
// second run, which starts one redis-server for the whole test process.
inline bool on_redis() { return qgetenv("SECKILL_TEST_LEDGER") == "redis"; }
// SECKILL_TEST_LEDGER=journal: the embedded ledger writing its journal to a temp dir.
inline bool on_journal() { return qgetenv("SECKILL_TEST_LEDGER") == "journal"; }

struct JournaledLedger {
    QTemporaryDir dir;
    seckill::store::LedgerJournal journal{dir.filePath(QStringLiteral("ledger.db")).toStdString(),
                                          seckill::store::sqlite::Durability::process_crash};
    MemoryLedger ledger{journal};
};

inline std::shared_ptr<seckill::store::Ledger> make_ledger() {
    if (on_journal()) {
        auto holder = std::make_shared<JournaledLedger>();
        return std::shared_ptr<seckill::store::Ledger>(holder, &holder->ledger);
    }
    if (!on_redis()) return std::make_shared<MemoryLedger>();
    static seckill::testing::RedisServer server;
    auto url = std::get<seckill::store::redis::RedisUrl>(
        seckill::store::redis::parse_redis_url(server.url()));
    auto ledger = std::make_shared<seckill::store::redis::RedisLedger>(
        url, seckill::store::redis::RedisLedgerOptions{});
    ledger->wipe();  // each scenario starts from an empty ledger
    return ledger;
}

struct World {
    std::shared_ptr<seckill::store::Ledger> owned = make_ledger();
    seckill::store::Ledger& ledger = *owned;
    seckill::ManualClock clock{t0};
    int next_order = 1000;

    Millis now() const { return clock.now_ms(); }

    bool create(const SaleConfig& c, SaleState state = SaleState::running) {
        return ledger.create_sale(c, state, now());
    }
    std::string new_order_id() { return std::to_string(++next_order); }

    // One buy in a batch of one; the order id comes back through `order_id`.
    CommitOutcome buy(const std::string& sale, const std::string& node, const std::string& user,
                      std::string* order_id = nullptr) {
        const CommitItem item{user, new_order_id()};
        if (order_id) *order_id = item.order_id;
        return ledger.commit(sale, node, {&item, 1}, now())[0].outcome;
    }

    // Outcomes of one batch, comma-joined so QCOMPARE shows the whole verdict on failure.
    QByteArray buy_batch(const std::string& sale, const std::string& node,
                         const std::vector<std::string>& users) {
        std::vector<CommitItem> items;
        for (const auto& u : users) items.push_back({u, new_order_id()});
        QByteArray out;
        for (const auto& r : ledger.commit(sale, node, items, now())) {
            if (!out.isEmpty()) out += ',';
            out += QByteArray::fromStdString(std::string(to_string(r.outcome)));
        }
        return out;
    }

    seckill::StockCounts stock(const std::string& sale) {
        auto v = ledger.get_sale(sale, now());
        return v ? v->stock : seckill::StockCounts{};
    }

    InvariantReport invariants(const std::string& sale, Millis ttl = 10'000, Millis grace = 5'000) {
        auto r = ledger.check_invariants(sale, now(), ttl, grace);
        return r ? *r : InvariantReport{false, {}};
    }
};

// Why a report failed, for QVERIFY2.
inline QByteArray describe(const InvariantReport& r) {
    QByteArray out;
    for (const auto& c : r.checks)
        out += QByteArray::fromStdString(c.id) + (c.ok ? " ok: " : " FAILED: ") +
               QByteArray::fromStdString(c.detail) + "; ";
    return out;
}

}  // namespace fixture
