#include "backend/node_stats.h"

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>

namespace seckill::ui {
namespace {

std::map<std::string, std::int64_t> per_sale(const QJsonObject& o) {
    std::map<std::string, std::int64_t> out;
    for (auto it = o.begin(); it != o.end(); ++it)
        out[it.key().toStdString()] = it.value().toInteger();
    return out;
}

}  // namespace

ResultBand band_of(std::string_view outcome) {
    if (outcome == "reserved") return ResultBand::reserved;
    if (outcome == "sold_out") return ResultBand::sold_out;
    if (outcome == "rate_limited") return ResultBand::rate_limited;
    if (outcome == "degraded") return ResultBand::degraded;
    // The shop said no on purpose: the user is at the limit, the sale is not open, or it
    // does not exist (a buyer's or a bot's mistake, not the node's).
    if (outcome == "limit_reached" || outcome == "not_open" || outcome == "not_found")
        return ResultBand::refused;
    return ResultBand::error;
}

std::vector<FaultView> parse_faults(const QJsonArray& faults, Millis reported_at) {
    std::vector<FaultView> out;
    for (const QJsonValue& v : faults) {
        const QJsonObject o = v.toObject();
        FaultView f;
        f.id = std::uint64_t(o.value(QLatin1String("id")).toInteger());
        f.kind = o.value(QLatin1String("kind")).toString().toStdString();
        f.ms = o.value(QLatin1String("ms")).toInteger();
        f.jitter_ms = o.value(QLatin1String("jitter_ms")).toInteger();
        f.ratio = o.value(QLatin1String("ratio")).toDouble(1.0);
        f.duration_s = o.value(QLatin1String("duration_s")).toDouble();
        // A fault lasts a day at most (the engine's own bound): anything else is not a time.
        f.ends_at =
            reported_at +
            Millis(std::clamp(o.value(QLatin1String("left_s")).toDouble(), 0.0, 86'400.0) * 1000.0);
        if (!f.kind.empty()) out.push_back(std::move(f));
    }
    return out;
}

NodeStats parse_node_stats(std::string_view json, Millis reported_at) {
    NodeStats s;
    const auto doc = QJsonDocument::fromJson(QByteArray(json.data(), qsizetype(json.size())));
    if (!doc.isObject()) return s;
    const QJsonObject o = doc.object();
    s.requests = o.value(QLatin1String("requests")).toInteger();
    s.p50_ms = o.value(QLatin1String("p50_ms")).toDouble();
    s.p99_ms = o.value(QLatin1String("p99_ms")).toDouble();
    const QJsonArray buckets = o.value(QLatin1String("latency_buckets")).toArray();
    // Capped per bucket so the cluster's sum cannot wrap, nor one node claiming 10^18
    // samples own the cluster's p99 (2^40 is years of buys at a million a second).
    for (qsizetype i = 0; i < buckets.size() && i < qsizetype(s.latency_buckets.size()); ++i)
        s.latency_buckets[std::size_t(i)] =
            std::uint64_t(std::clamp<qint64>(buckets[i].toInteger(), 0, qint64(1) << 40));
    s.lease = o.value(QLatin1String("lease")).toInteger();
    s.leases = per_sale(o.value(QLatin1String("leases")).toObject());
    s.lease_targets = per_sale(o.value(QLatin1String("lease_targets")).toObject());
    const QJsonObject disagreements = o.value(QLatin1String("lease_disagreements")).toObject();
    for (auto it = disagreements.begin(); it != disagreements.end(); ++it)
        s.lease_disagreements.insert(it.key().toStdString());
    // Cadences within what a node accepts (10 ms to 10 min a beat, an hour's TTL at most);
    // out of range they read as the defaults: a zero period would make every node late, a
    // huge one overflow the arithmetic that judges it.
    if (const qint64 hb = o.value(QLatin1String("heartbeat_ms")).toInteger();
        hb >= 10 && hb <= 600'000)
        s.heartbeat_ms = hb;
    if (const qint64 ttl = o.value(QLatin1String("ttl_ms")).toInteger();
        ttl >= s.heartbeat_ms && ttl <= 3'600'000)
        s.ttl_ms = ttl;
    s.sold = o.value(QLatin1String("sold")).toInteger();
    s.degrade_level = o.value(QLatin1String("degrade_level")).toInt();
    s.degrade_auto = o.value(QLatin1String("degrade_auto")).toInt();
    const QJsonObject breakers = o.value(QLatin1String("breakers")).toObject();
    s.ledger_breaker =
        breakers.value(QLatin1String("ledger")).toString(QStringLiteral("closed")).toStdString();
    s.order_db_breaker =
        breakers.value(QLatin1String("order_db")).toString(QStringLiteral("closed")).toStdString();
    s.faults = parse_faults(o.value(QLatin1String("faults")).toArray(), reported_at);
    const QJsonObject pipeline = o.value(QLatin1String("pipeline")).toObject();
    for (const node::StageInfo& st : node::pipeline_stages)
        s.pipeline[std::size_t(st.stage)] = std::uint64_t(std::max<qint64>(
            0, pipeline.value(QLatin1String(st.key.data(), qsizetype(st.key.size()))).toInteger()));
    const QJsonObject buys = o.value(QLatin1String("buys")).toObject();
    for (auto it = buys.begin(); it != buys.end(); ++it) {
        const QByteArray key = it.key().toUtf8();
        s.buys[std::size_t(band_of(std::string_view(key.constData(), std::size_t(key.size()))))] +=
            it.value().toInteger();
    }
    return s;
}

}  // namespace seckill::ui
