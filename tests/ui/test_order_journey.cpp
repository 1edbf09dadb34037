// Sale ▸ Order journey on a local cluster: a paid order shows its four stages (reserved,
// queued for the order DB, written to the order DB, paid), each with its time; a cancelled
// one ends cancelled; a typo is refused before anything is asked.
#include <QComboBox>
#include <QLabel>
#include <QTableWidget>
#include <QtTest>

#include "console_fixture.h"
#include "dialogs/order_journey.h"
#include "models/journey_stages.h"
#include "shopper.h"

using namespace seckill;
using namespace seckill::testing;
using namespace seckill::ui;

class OrderJourneyTest : public QObject {
    Q_OBJECT

  private Q_SLOTS:
    void paidAndCancelledOrders();
    void stagesOfAWaitingOrder();
};

namespace {

std::string shown(const OrderJourneyDialog& d) {
    QStringList rows;
    for (int r = 0; r < d.stages()->rowCount(); ++r)
        rows << d.stages()->item(r, 0)->text() + QLatin1Char('@') + d.stages()->item(r, 1)->text();
    return (rows.join(QStringLiteral(", ")) + QStringLiteral(" | ") + d.status()->text())
        .toStdString();
}

bool every_stage_has_a_time(const OrderJourneyDialog& d) {
    for (int r = 0; r < d.stages()->rowCount(); ++r)
        if (!d.stages()->item(r, 1)->text().contains(QLatin1Char(':'))) return false;
    return d.stages()->rowCount() > 0;
}

}  // namespace

void OrderJourneyTest::paidAndCancelledOrders() {
    ConsoleFixture f(1);
    SECKILL_WAIT_FOR(f.snapshot() && f.snapshot()->nodes_up() == 1, "the node up", "", 10'000);
    SaleConfig c;
    c.id = "trip";
    c.name = "Journey";
    c.total = 10;
    QVERIFY(f.window->actions()->createSale(c, true));
    const Shopper shopper = Shopper::on(*f.snapshot());
    std::string paid, cancelled;
    SECKILL_WAIT_FOR(!(paid = shopper.buy("trip", "alice")).empty(), "alice's buy to be served", "",
                     5000);
    cancelled = shopper.buy("trip", "bob");
    QVERIFY(!cancelled.empty());
    QCOMPARE(shopper.pay(paid, "alice"), 200);
    QCOMPARE(shopper.cancel(cancelled, "bob"), 200);

    OrderJourneyDialog* d = f.window->showOrderJourney();
    QVERIFY(d->isVisible());
    const QStringList four{QStringLiteral("reserved"), QStringLiteral("queued for the order DB"),
                           QStringLiteral("written to the order DB"), QStringLiteral("paid")};
    // Asked again until the order writer has stored it: the stage then carries its time.
    SECKILL_WAIT_FOR((d->lookUp(QString::fromStdString(paid)),
                      eventually([&] { return d->stageNames() == four; }, 1000)) &&
                         every_stage_has_a_time(*d),
                     "the paid order's four stages, each with a time", shown(*d), 10'000);
    QVERIFY(d->status()->text().contains(QStringLiteral("alice")));

    d->lookUp(QString::fromStdString(cancelled));
    SECKILL_WAIT_FOR(
        !d->stageNames().isEmpty() && d->stageNames().back() == QStringLiteral("cancelled"),
        "the cancelled order's last stage", shown(*d), 5000);

    d->lookUp(QStringLiteral("not-an-order"));
    QVERIFY(d->stageNames().isEmpty());
    QVERIFY(d->status()->text().contains(QStringLiteral("32 lowercase hex")));
    d->lookUp(QStringLiteral("0123456789abcdef0123456789abcdef"));
    SECKILL_WAIT_FOR(d->status()->text().startsWith(QStringLiteral("no order")),
                     "an unknown id said so", d->status()->text().toStdString(), 5000);
    // The ids looked up are offered again.
    QVERIFY(d->orderId()->findText(QString::fromStdString(paid)) >= 0);
}

void OrderJourneyTest::stagesOfAWaitingOrder() {
    // Still in the order queue: the DB stage is not reached, the positions seen are told.
    node::OrderJourney j;
    j.in_ledger = true;
    j.order.order_id = "0123456789abcdef0123456789abcdef";
    j.order.created_at = 1'750'000'000'000;
    j.order.pay_before = j.order.created_at + 30'000;
    j.order.queue_position = 4;
    const auto stages = journey_stages(j, {7, 4});
    QCOMPARE(stages.size(), std::size_t(4));
    QVERIFY(stages[1].detail.contains(QStringLiteral("7 → 4")));
    QVERIFY(!stages[2].reached);
    QCOMPARE(stages[3].stage, QStringLiteral("awaiting payment"));
    QVERIFY(!stages[3].reached);
    j.order.queue_position.reset();
    j.in_order_db = true;
    j.written_at = j.order.created_at + 12;
    QCOMPARE(journey_stages(j)[2].detail, QStringLiteral("12 ms after the reservation"));
}

QTEST_MAIN(OrderJourneyTest)
#include "test_order_journey.moc"
