#include "models/journey_stages.h"

#include <QDateTime>
#include <QStringList>

namespace seckill::ui {
namespace {

QString q(const std::string& s) { return QString::fromStdString(s); }

QString positions_text(const std::vector<std::int64_t>& positions) {
    QStringList seen;
    for (std::int64_t p : positions)
        if (seen.isEmpty() || seen.back() != QString::number(p)) seen << QString::number(p);
    return seen.join(QStringLiteral(" → "));
}

JourneyStage ending(const store::Order& o) {
    switch (o.status) {
        case store::OrderStatus::paid:
            return {QStringLiteral("paid"), o.updated_at,
                    QStringLiteral("the unit is sold for good"), true};
        case store::OrderStatus::cancelled:
            return {QStringLiteral("cancelled"), o.updated_at,
                    QStringLiteral("the buyer gave the unit back to the pool"), true};
        case store::OrderStatus::expired:
            return {QStringLiteral("expired"), o.updated_at,
                    QStringLiteral("not paid by %1: the unit went back to the pool")
                        .arg(journey_time(o.pay_before)),
                    true};
        case store::OrderStatus::reserved:
            break;
    }
    return {QStringLiteral("awaiting payment"), 0,
            QStringLiteral("pay before %1, or the unit goes back to the pool")
                .arg(journey_time(o.pay_before)),
            false};
}

}  // namespace

QString journey_time(Millis at) {
    return at > 0 ? QDateTime::fromMSecsSinceEpoch(at).toString(QStringLiteral("HH:mm:ss.zzz"))
                  : QStringLiteral("—");
}

std::vector<JourneyStage> journey_stages(const node::OrderJourney& j,
                                         const std::vector<std::int64_t>& positions) {
    const store::Order& o = j.order;
    std::vector<JourneyStage> out;
    out.push_back(
        {QStringLiteral("reserved"), o.created_at,
         QStringLiteral("user %1 won a unit of %2 (ledger group commit)").arg(q(o.user), q(o.sale)),
         true});
    // The reserved event joins the order queue in the same ledger step as the reservation.
    QString queued = QStringLiteral("its event joined the order queue with the reservation");
    if (o.queue_position)
        queued = QStringLiteral("waiting: %1 events ahead of it").arg(*o.queue_position);
    if (!positions.empty())
        queued += QStringLiteral("; positions seen: %1").arg(positions_text(positions));
    out.push_back({QStringLiteral("queued for the order DB"), o.created_at, queued, true});
    JourneyStage written{QStringLiteral("written to the order DB"), j.written_at, {}, j.written()};
    if (!j.written())
        written.detail = QStringLiteral("not yet: the order writer has not reached it");
    else if (j.written_at > 0)
        written.detail = QStringLiteral("%1 ms after the reservation")
                             .arg(std::max<Millis>(0, j.written_at - o.created_at));
    else if (j.in_order_db)
        written.detail = QStringLiteral("stored (a row from before write times were kept)");
    else
        written.detail = QStringLiteral(
            "out of the queue (the order DB that holds it is not readable from here)");
    out.push_back(written);
    out.push_back(ending(o));
    return out;
}

}  // namespace seckill::ui
