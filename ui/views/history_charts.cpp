#include "views/history_charts.h"

#include <QObject>

#include "backend/rate_tracker.h"
#include "views/history_chart.h"

namespace seckill::ui {
namespace {

QColor c(const char* hex) { return QColor(QLatin1String(hex)); }

std::vector<SeriesSpec> result_bands() {
    // In ResultBand order: a stacked chart adds the metrics below each band.
    return {{Metric::reserved_per_s, QStringLiteral("reserved"), c("#43a047")},
            {Metric::sold_out_per_s, QStringLiteral("sold out"), c("#90a4ae")},
            {Metric::rate_limited_per_s, QStringLiteral("limited"), c("#fb8c00")},
            {Metric::degraded_per_s, QStringLiteral("degraded"), c("#8e24aa")},
            {Metric::refused_per_s, QStringLiteral("refused"), c("#fdd835")},
            {Metric::error_per_s, QStringLiteral("error"), c("#e53935")}};
}

}  // namespace

HistoryChart* make_history_chart(ChartKind kind, QWidget* parent) {
    switch (kind) {
        case ChartKind::requests:
            return new HistoryChart(QObject::tr("Buy requests/s by result (%1 s average)")
                                        .arg(RateTracker::window_ms / 1000),
                                    QObject::tr("req/s"), result_bands(), true, parent);
        case ChartKind::latency:
            return new HistoryChart(QObject::tr("Buy latency"), QObject::tr("ms"),
                                    {{Metric::p50_ms, QStringLiteral("p50"), c("#1e88e5")},
                                     {Metric::p99_ms, QStringLiteral("p99"), c("#e53935")}},
                                    false, parent);
        case ChartKind::stock:
            return new HistoryChart(QObject::tr("Stock of the selected sale"), QObject::tr("units"),
                                    {{Metric::remaining, QStringLiteral("remaining"), c("#1e88e5")},
                                     {Metric::sold, QStringLiteral("sold"), c("#43a047")}},
                                    false, parent);
        case ChartKind::queue:
            return new HistoryChart(
                QObject::tr("Order queue depth"), QObject::tr("events"),
                {{Metric::queue_depth, QStringLiteral("queued for SQLite"), c("#6d4c41")}}, false,
                parent);
    }
    return nullptr;
}

}  // namespace seckill::ui
