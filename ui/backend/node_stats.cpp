#include "backend/node_stats.h"

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace seckill::ui {

ResultBand band_of(std::string_view outcome) {
    if (outcome == "reserved") return ResultBand::reserved;
    if (outcome == "sold_out") return ResultBand::sold_out;
    if (outcome == "rate_limited") return ResultBand::rate_limited;
    if (outcome == "degraded") return ResultBand::degraded;
    // The shop said no on purpose: the user is at the limit or the sale is not open.
    if (outcome == "limit_reached" || outcome == "not_open") return ResultBand::refused;
    return ResultBand::error;
}

NodeStats parse_node_stats(std::string_view json) {
    NodeStats s;
    const auto doc = QJsonDocument::fromJson(QByteArray(json.data(), qsizetype(json.size())));
    if (!doc.isObject()) return s;
    const QJsonObject o = doc.object();
    s.requests = o.value(QLatin1String("requests")).toInteger();
    s.p50_ms = o.value(QLatin1String("p50_ms")).toDouble();
    s.p99_ms = o.value(QLatin1String("p99_ms")).toDouble();
    s.lease = o.value(QLatin1String("lease")).toInteger();
    s.sold = o.value(QLatin1String("sold")).toInteger();
    s.degrade_level = o.value(QLatin1String("degrade_level")).toInt();
    const QJsonObject buys = o.value(QLatin1String("buys")).toObject();
    for (auto it = buys.begin(); it != buys.end(); ++it) {
        const QByteArray key = it.key().toUtf8();
        s.buys[std::size_t(band_of(std::string_view(key.constData(), std::size_t(key.size()))))] +=
            it.value().toInteger();
    }
    return s;
}

}  // namespace seckill::ui
