// SpreadMap (core/spread_map.h): a map like std::unordered_map to its users — what is put
// is found, counted and erased exactly — whose entries are spread over parts so that no
// growth step rehashes them all.
#include <QtTest>
#include <set>

#include "core/spread_map.h"

using namespace seckill;

class SpreadMapTest : public QObject {
    Q_OBJECT

  private Q_SLOTS:
    void behavesLikeAMap();
    void growsPartByPart();
};

void SpreadMapTest::behavesLikeAMap() {
    SpreadMap<int> m;
    QVERIFY(m.empty());
    QCOMPARE(m.find("a"), nullptr);
    auto [a, made] = m.try_emplace("a", 1);
    QVERIFY(made);
    QCOMPARE(*a, 1);
    auto [again, made_again] = m.try_emplace("a", 7);
    QVERIFY(!made_again);  // the first value stays, as with std::unordered_map
    QCOMPARE(again, a);
    ++m["b"];
    ++m["b"];
    QCOMPARE(*m.find(std::string_view("b")), 2);  // looked up without a std::string
    QCOMPARE(m.size(), std::size_t(2));
    QVERIFY(m.erase("a"));
    QVERIFY(!m.erase("a"));
    QCOMPARE(m.size(), std::size_t(1));
    QCOMPARE(m.find("a"), nullptr);
    m.clear();
    QVERIFY(m.empty());
    QCOMPARE(m.find("b"), nullptr);
}

void SpreadMapTest::growsPartByPart() {
    SpreadMap<int, 16> m;
    std::vector<int*> first;
    for (int i = 0; i < 100'000; ++i) {
        int* v = m.try_emplace("u" + std::to_string(i), i).first;
        if (i < 100) first.push_back(v);
    }
    QCOMPARE(m.size(), std::size_t(100'000));
    // Values never move (the ledger keeps pointers to orders across inserts).
    for (int i = 0; i < 100; ++i) QCOMPARE(first[std::size_t(i)], m.find("u" + std::to_string(i)));
    // for_each visits each entry once.
    std::set<std::string> keys;
    long long sum = 0;
    m.for_each([&](const std::string& k, int v) {
        keys.insert(k);
        sum += v;
    });
    QCOMPARE(keys.size(), std::size_t(100'000));
    QCOMPARE(sum, 100'000LL * 99'999 / 2);
    for (int i = 0; i < 100'000; i += 2) QVERIFY(m.erase("u" + std::to_string(i)));
    QCOMPARE(m.size(), std::size_t(50'000));
    QCOMPARE(*m.find("u99999"), 99'999);
}

QTEST_GUILESS_MAIN(SpreadMapTest)
#include "test_spread_map.moc"
