#include "window/sale_report.h"

#include <QDateTime>
#include <QSaveFile>
#include <QStringList>

#include "models/invariants_model.h"

namespace seckill::ui {
namespace {

// RFC 4180: quote every field that needs it, double the quotes inside.
QString field(const QString& v) {
    if (!v.contains(QLatin1Char(',')) && !v.contains(QLatin1Char('"')) &&
        !v.contains(QLatin1Char('\n')))
        return v;
    QString q = v;
    q.replace(QLatin1String("\""), QLatin1String("\"\""));
    return QLatin1Char('"') + q + QLatin1Char('"');
}

void line(QString& out, const QStringList& fields) {
    QStringList quoted;
    for (const QString& f : fields) quoted << field(f);
    out += quoted.join(QLatin1Char(',')) + QLatin1Char('\n');
}

QString n(std::int64_t v) { return QString::number(v); }
QString s(const std::string& v) { return QString::fromStdString(v); }
QString s(std::string_view v) { return QString::fromUtf8(v.data(), qsizetype(v.size())); }

}  // namespace

QString sale_report_csv(const ClusterSnapshot& snap) {
    QString out;
    const SaleView* sale = snap.find_sale(snap.selected_sale);
    line(out, {QStringLiteral("section"), QStringLiteral("key"), QStringLiteral("value")});
    line(out, {QStringLiteral("report"), QStringLiteral("taken_at"),
               QDateTime::fromMSecsSinceEpoch(snap.taken_at, Qt::UTC).toString(Qt::ISODateWithMs)});
    if (sale) {
        const auto& c = sale->config;
        const std::pair<const char*, QString> rows[] = {{"sale", s(c.id)},
                                                        {"name", s(c.name)},
                                                        {"state", s(to_string(sale->state))},
                                                        {"total", n(sale->stock.total)},
                                                        {"sold", n(sale->stock.sold())},
                                                        {"reserved", n(sale->stock.reserved)},
                                                        {"paid", n(sale->stock.paid)},
                                                        {"remaining", n(sale->stock.remaining())},
                                                        {"pool", n(sale->stock.pool)},
                                                        {"leased", n(sale->stock.leased)},
                                                        {"per_user_limit", n(c.per_user_limit)},
                                                        {"pay_timeout_s", n(c.pay_timeout_s)}};
        for (const auto& [key, value] : rows)
            line(out, {QStringLiteral("sale"), QString::fromLatin1(key), value});
    }
    line(out, {QStringLiteral("cluster"), QStringLiteral("queue_depth"), n(snap.queue_depth)});
    out += QLatin1Char('\n');
    line(out, {QStringLiteral("node"), QStringLiteral("address"), QStringLiteral("health"),
               QStringLiteral("requests"), QStringLiteral("qps"), QStringLiteral("p50_ms"),
               QStringLiteral("p99_ms"), QStringLiteral("lease"), QStringLiteral("sold"),
               QStringLiteral("degrade_level")});
    for (const NodeStatus& node : snap.nodes)
        line(
            out,
            {s(node.info.id), s(node.info.address), QString::fromLatin1(health_name(node.health)),
             n(node.stats.requests), QString::number(node.requests_per_s, 'f', 1),
             QString::number(node.stats.p50_ms, 'f', 3), QString::number(node.stats.p99_ms, 'f', 3),
             n(node.stats.lease), n(node.stats.sold), n(node.stats.degrade_level)});
    out += QLatin1Char('\n');
    line(out, {QStringLiteral("invariant"), QStringLiteral("meaning"), QStringLiteral("ok"),
               QStringLiteral("detail")});
    if (snap.invariants)
        for (const auto& check : snap.invariants->checks)
            line(out, {s(check.id), invariant_meaning(check.id),
                       check.ok ? QStringLiteral("yes") : QStringLiteral("no"), s(check.detail)});
    return out;
}

QString write_sale_report(const ClusterSnapshot& snap, const QString& path) {
    // QSaveFile: a half-written report never replaces a good one.
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text)) return file.errorString();
    file.write(sale_report_csv(snap).toUtf8());
    if (!file.commit()) return file.errorString();
    return QString();
}

}  // namespace seckill::ui
