#include "backend/fault_wire.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>
#include <chrono>

namespace seckill::ui {
namespace {

QString q(std::string_view text) { return QString::fromUtf8(text.data(), qsizetype(text.size())); }

QString seconds(double s) { return QString::number(s, 'g', 4) + QStringLiteral(" s"); }

QJsonObject object_of(const std::string& json) {
    return QJsonDocument::fromJson(QByteArray::fromStdString(json)).object();
}

}  // namespace

std::string faults_body(const std::vector<store::FaultSpec>& faults) {
    QJsonArray list;
    for (const store::FaultSpec& f : faults) {
        const store::FaultKindInfo& info = store::info(f.kind);
        QJsonObject o{{QStringLiteral("kind"), q(info.name)}, {QStringLiteral("ratio"), f.ratio}};
        if (info.takes_latency) {
            o.insert(QStringLiteral("ms"), qint64(f.ms));
            o.insert(QStringLiteral("jitter_ms"), qint64(f.jitter_ms));
        }
        if (info.lasts) o.insert(QStringLiteral("duration_s"), double(f.duration_ms) / 1000.0);
        list.append(o);
    }
    return QJsonDocument(QJsonObject{{QStringLiteral("faults"), list}})
        .toJson(QJsonDocument::Compact)
        .toStdString();
}

QString describe_parameters(const FaultView& f) {
    QStringList parts;
    const auto kind = store::parse_fault_kind(f.kind);
    if (kind && store::info(*kind).takes_latency)
        parts << (f.jitter_ms > 0 ? QStringLiteral("%1 ± %2 ms").arg(f.ms).arg(f.jitter_ms)
                                  : QStringLiteral("%1 ms").arg(f.ms));
    parts << (f.ratio >= 1.0 ? QStringLiteral("every call")
                             : QStringLiteral("%1 % of calls").arg(f.ratio * 100.0, 0, 'g', 3));
    if (f.duration_s > 0) parts << seconds(f.duration_s);
    return parts.join(QStringLiteral(", "));
}

QString describe(const store::FaultSpec& f) {
    const store::FaultKindInfo& info = store::info(f.kind);
    QString text = q(info.name);
    if (info.takes_latency)
        text += f.jitter_ms > 0 ? QStringLiteral(" %1 ± %2 ms").arg(f.ms).arg(f.jitter_ms)
                                : QStringLiteral(" %1 ms").arg(f.ms);
    if (f.ratio < 1.0) text += QStringLiteral(" on %1 % of calls").arg(f.ratio * 100.0, 0, 'g', 3);
    if (info.lasts) text += QStringLiteral(" for ") + seconds(double(f.duration_ms) / 1000.0);
    return text;
}

std::vector<FaultView> fault_views(const std::vector<store::ActiveFault>& faults, Millis now) {
    const auto steady_now = std::chrono::steady_clock::now();
    std::vector<FaultView> out;
    for (const store::ActiveFault& a : faults) {
        FaultView f;
        f.id = a.id;
        f.kind = std::string(store::to_string(a.spec.kind));
        f.ms = a.spec.ms;
        f.jitter_ms = a.spec.jitter_ms;
        f.ratio = a.spec.ratio;
        f.duration_s = double(a.spec.duration_ms) / 1000.0;
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(a.ends - steady_now).count();
        f.ends_at = now + std::max<Millis>(0, Millis(left));
        out.push_back(std::move(f));
    }
    return out;
}

ClusterEvent cluster_event(const store::NodeEvent& e) {
    ClusterEvent out{e.seq, e.at, e.node, {}, e.json};
    out.kind = object_of(e.json).value(QLatin1String("kind")).toString().toStdString();
    return out;
}

QString describe(const ClusterEvent& e) {
    const QJsonObject o = object_of(e.json);
    auto text = [&](const char* key) { return o.value(QLatin1String(key)).toString(); };
    auto number = [&](const char* key) {
        return QString::number(o.value(QLatin1String(key)).toDouble(), 'g', 3);
    };
    const QString kind = q(e.kind);
    if (kind.startsWith(QLatin1String("breaker_"))) {
        // The breaker's own sentence carries the numbers that decided.
        const QString reason = text("reason");
        return QStringLiteral("%1 breaker %2%3")
            .arg(text("target"), kind.mid(8),
                 reason.isEmpty() ? QString() : QStringLiteral(": ") + reason);
    }
    if (kind == QLatin1String("degrade_raised") || kind == QLatin1String("degrade_lowered")) {
        const QString reason = text("reason");
        return QStringLiteral("automatic degrade %1 → %2 (%3 = %4)%5")
            .arg(number("from"), number("level"), text("signal"), number("value"),
                 reason.isEmpty() ? QString() : QStringLiteral(": ") + reason);
    }
    if (kind == QLatin1String("fault_injected")) {
        const double d = o.value(QLatin1String("duration_s")).toDouble();
        return QStringLiteral("fault %1 injected%2")
            .arg(text("fault"), d > 0 ? QStringLiteral(" for ") + seconds(d) : QString());
    }
    if (kind == QLatin1String("faults_cleared")) return QStringLiteral("every fault cleared");
    if (kind == QLatin1String("node_crashed"))
        return QStringLiteral(
            "ended as kill -9 would (injected node_crash): nothing returned; peers reclaim its "
            "lease once its heartbeat is older than the TTL");
    return q(e.json);  // a kind this console does not know yet: show it whole
}

bool is_alarm(const ClusterEvent& e) {
    return e.kind == "breaker_open" || e.kind == "degrade_raised" || e.kind == "fault_injected" ||
           e.kind == "node_crashed";
}

}  // namespace seckill::ui
