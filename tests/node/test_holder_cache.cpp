// HolderCache (node/holder_cache.h): refuses a buyer the ledger would refuse, forgets after
// its TTL, gives a unit back on cancel, and — swept by the housekeeper — holds only the
// buyers of the last TTL, not every buyer of the sale.
#include <QtTest>

#include "node/holder_cache.h"

using namespace seckill;
using namespace seckill::node;

class HolderCacheTest : public QObject {
    Q_OBJECT

  private Q_SLOTS:
    void remembersHoldersForItsTtl();
    void sweepingKeepsOnlyRecentBuyers();
};

void HolderCacheTest::remembersHoldersForItsTtl() {
    HolderCache c(5000);
    QVERIFY(!c.at_limit("u", 1, 0));
    c.add("u", 0);
    QVERIFY(c.at_limit("u", 1, 4999));
    QVERIFY(!c.at_limit("u", 2, 4999));  // holds one of two
    QVERIFY(!c.at_limit("u", 1, 5000));  // expired: the ledger judges again
    c.mark_at_limit("v", 3, 0);
    QVERIFY(c.at_limit("v", 3, 1));
    c.remove("v");  // one came back
    QVERIFY(!c.at_limit("v", 3, 1));
    c.clear();
    QCOMPARE(c.size(), std::size_t(0));
}

void HolderCacheTest::sweepingKeepsOnlyRecentBuyers() {
    HolderCache c(1000);
    // 10,000 buyers a second for 10 s of clock; a full sweep round (64 ticks) every second.
    for (Millis now = 0; now < 10'000; now += 10) {
        for (int i = 0; i < 100; ++i) c.add("u" + std::to_string(now * 100 + i), now);
        if (now % 20 == 0) c.sweep(now);
    }
    // At most the last TTL plus a sweep round of buyers (about 2.3 s), far from all 1,000,000.
    QVERIFY2(c.size() <= 30'000, qPrintable(QString::number(c.size())));
    QVERIFY(c.at_limit("u999099", 1, 9'999));  // the newest are still known
}

QTEST_GUILESS_MAIN(HolderCacheTest)
#include "test_holder_cache.moc"
