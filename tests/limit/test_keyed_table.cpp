// KeyedTable: LRU eviction, key folding, and a memory bound measured by counting every heap
// allocation this test binary makes.
#include <QtTest>
#include <charconv>
#include <cstdlib>
#include <list>
#include <new>
#include <random>
#include <string>

#include "limit/keyed_table.h"

// Replacing the global allocation functions lets the test see the table's real allocations
// instead of trusting memory_bytes(). Counted per thread, so nothing Qt does elsewhere counts.
namespace {
thread_local std::size_t allocated_bytes = 0;
thread_local std::size_t allocation_count = 0;

void* counted_allocation(std::size_t size, std::size_t alignment) {
    allocated_bytes += size;
    ++allocation_count;
    std::size_t rounded = (size + alignment - 1) / alignment * alignment;
    void* memory = alignment > alignof(std::max_align_t) ? std::aligned_alloc(alignment, rounded)
                                                         : std::malloc(size ? size : 1);
    if (!memory) throw std::bad_alloc();
    return memory;
}
}  // namespace

void* operator new(std::size_t size) { return counted_allocation(size, alignof(std::max_align_t)); }
void* operator new(std::size_t size, std::align_val_t alignment) {
    return counted_allocation(size, static_cast<std::size_t>(alignment));
}
void operator delete(void* memory) noexcept { std::free(memory); }
void operator delete(void* memory, std::size_t) noexcept { std::free(memory); }
void operator delete(void* memory, std::align_val_t) noexcept { std::free(memory); }
void operator delete(void* memory, std::size_t, std::align_val_t) noexcept { std::free(memory); }

using seckill::limit::KeyedTable;

namespace {

struct Counter {
    std::int64_t hits = 0;
};

// Touches the key: creates it or bumps it, counting visits.
bool touch(KeyedTable& table, std::string_view key) {
    return table.with_state<Counter>(key, [](Counter& counter, bool is_new) {
        ++counter.hits;
        return is_new;
    });
}

std::int64_t hits(const KeyedTable& table, std::string_view key) {
    return table.peek<Counter>(
        key, [](const Counter* counter) { return counter ? counter->hits : std::int64_t{-1}; });
}

// An IPv6-looking key for n, formatted without allocating.
std::string_view flood_key(std::uint32_t n, char (&buffer)[48]) {
    static constexpr std::string_view prefix = "2001:db8:0:";
    std::copy(prefix.begin(), prefix.end(), buffer);
    auto end = std::to_chars(buffer + prefix.size(), buffer + sizeof buffer, n, 16).ptr;
    return {buffer, static_cast<std::size_t>(end - buffer)};
}

}  // namespace

class TestKeyedTable : public QObject {
    Q_OBJECT

  private Q_SLOTS:
    void capacityFollowsTheBudget() {
        QCOMPARE(KeyedTable::bytes_per_key, std::size_t{112});
        KeyedTable table(1 << 20);
        // 1048576 / 112 = 9362 keys, 585 per shard over 16 shards.
        QCOMPARE(table.capacity(), std::size_t{9'360});
        QCOMPARE(table.shard_count(), std::size_t{16});
        // 16 * 128 shard headers + 9360 * 112 = 1050368.
        QCOMPARE(table.memory_bytes(), std::size_t{1'050'368});
        QVERIFY(table.memory_bytes() <= (1u << 20) + KeyedTable::max_fixed_overhead);

        KeyedTable tiny(3 * KeyedTable::bytes_per_key);  // fewer keys than shards
        QCOMPARE(tiny.capacity(), std::size_t{3});
        QCOMPARE(tiny.shard_count(), std::size_t{3});
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, KeyedTable(KeyedTable::bytes_per_key - 1));
    }

    void statesPersistPerKey() {
        KeyedTable table(1 << 16);
        QVERIFY(touch(table, "10.0.0.1"));   // new
        QVERIFY(!touch(table, "10.0.0.1"));  // found
        QVERIFY(touch(table, "10.0.0.2"));
        QCOMPARE(hits(table, "10.0.0.1"), 2);
        QCOMPARE(hits(table, "10.0.0.2"), 1);
        QCOMPARE(hits(table, "10.0.0.3"), -1);
        QVERIFY(!table.contains("10.0.0.3"));  // peek does not create
        QCOMPARE(table.size(), std::size_t{2});
    }

    void evictsTheLeastRecentlyUsed() {
        KeyedTable table(3 * KeyedTable::bytes_per_key, 1);  // one shard: exact LRU
        touch(table, "a");
        touch(table, "b");
        touch(table, "c");  // newest first: c b a
        touch(table, "a");  // a c b
        touch(table, "d");  // evicts b: d a c
        QVERIFY(table.contains("a"));
        QVERIFY(!table.contains("b"));
        QVERIFY(table.contains("c"));
        QVERIFY(table.contains("d"));
        QCOMPARE(hits(table, "c"), 1);  // peek leaves c the oldest
        touch(table, "e");              // evicts c: e d a
        QVERIFY(!table.contains("c"));
        QCOMPARE(hits(table, "a"), 2);
        QVERIFY(touch(table, "b"));  // b comes back as a new key, evicting a
        QCOMPARE(hits(table, "b"), 1);
        QVERIFY(!table.contains("a"));
        QCOMPARE(table.size(), std::size_t{3});
    }

    void longKeysAreFoldedNotTruncated() {
        KeyedTable table(1 << 16);
        std::string base(100, 'x');
        std::string one = base + "1";
        std::string two = base + "2";
        std::string exact(KeyedTable::max_key_bytes, 'y');
        QVERIFY(touch(table, one));
        QVERIFY(touch(table, two));  // same first 64 bytes, still a different key
        QVERIFY(!touch(table, one));
        QVERIFY(touch(table, exact));
        QVERIFY(touch(table, exact + "y"));  // 65 bytes: folded, distinct from the 64-byte one
        QCOMPARE(hits(table, one), 2);
        QCOMPARE(hits(table, two), 1);
        QCOMPARE(table.size(), std::size_t{4});
    }

    void matchesAReferenceLru() {
        // Random touches and peeks over three times more keys than fit, against a plain list
        // kept in recency order. Small enough that the index wraps and shifts constantly.
        constexpr std::size_t capacity = 50;
        KeyedTable table(capacity * KeyedTable::bytes_per_key, 1);
        std::list<std::pair<std::string, std::int64_t>> model;  // newest first, with hit counts
        std::mt19937 random(20240611);
        std::uniform_int_distribution<int> pick_key(0, 3 * capacity - 1);
        for (int step = 0; step < 200'000; ++step) {
            std::string key = "k" + std::to_string(pick_key(random));
            auto found = std::find_if(model.begin(), model.end(),
                                      [&](const auto& entry) { return entry.first == key; });
            if (step % 3 == 0) {  // peek: no change to recency
                std::int64_t expected = found == model.end() ? -1 : found->second;
                QCOMPARE(hits(table, key), expected);
                continue;
            }
            bool created = touch(table, key);
            if (found != model.end()) {
                QVERIFY(!created);
                model.splice(model.begin(), model, found);
                ++model.front().second;
            } else {
                QVERIFY(created);
                if (model.size() == capacity) model.pop_back();
                model.emplace_front(key, 1);
            }
        }
        QCOMPARE(table.size(), model.size());
        for (const auto& [key, count] : model) QCOMPARE(hits(table, key), count);
    }

    void floodStaysWithinTheBudgetAndKeepsRecentKeys() {
        constexpr std::size_t budget = 1 << 20;
        std::size_t before = allocated_bytes;
        KeyedTable table(budget);
        QCOMPARE(allocated_bytes - before, table.memory_bytes());  // one block, as reported

        constexpr std::uint32_t flood = 1'000'000;
        constexpr std::uint32_t recent = 4'096;  // ~256 per shard, far below 585
        std::size_t allocations_before = allocation_count;
        char buffer[48];
        for (std::uint32_t n = 0; n < flood; ++n) {
            touch(table, flood_key(n, buffer));
            // A key in steady use survives the flood: recency, not insertion order, decides.
            if (n % 100 == 0) touch(table, "198.51.100.7");
        }
        QCOMPARE(allocation_count - allocations_before, std::size_t{0});  // no per-key heap use

        QCOMPARE(table.size(), table.capacity());
        QVERIFY(table.memory_bytes() <= budget + KeyedTable::max_fixed_overhead);
        QVERIFY(table.contains("198.51.100.7"));
        QCOMPARE(hits(table, "198.51.100.7"), std::int64_t{flood / 100});
        for (std::uint32_t n = flood - recent; n < flood; ++n) {
            QVERIFY(table.contains(flood_key(n, buffer)));
        }
        std::uint32_t old_survivors = 0;
        for (std::uint32_t n = 0; n < 100'000; ++n)
            old_survivors += table.contains(flood_key(n, buffer));
        QCOMPARE(old_survivors, std::uint32_t{0});
    }
};

QTEST_APPLESS_MAIN(TestKeyedTable)
#include "test_keyed_table.moc"
