#include "views/history_chart.h"

#include <QAreaSeries>
#include <QLineSeries>
#include <QValueAxis>
#include <cmath>

namespace seckill::ui {
namespace {

// The next round number above v (1, 2, 5 × 10^k), so the axis does not twitch with
// every sample.
double nice_ceiling(double v) {
    if (v <= 0) return 1;
    const double p = std::pow(10.0, std::floor(std::log10(v)));
    for (double m : {1.0, 2.0, 5.0, 10.0})
        if (v <= m * p) return m * p;
    return 10 * p;
}

// The time axis grows with the history up to five minutes, so the first seconds of a demo
// fill the chart instead of a sliver at its right edge.
double window_for(double span_s) {
    for (double w : {10.0, 20.0, 30.0, 60.0, 120.0, 180.0, 240.0})
        if (span_s <= w) return w;
    return double(MetricHistory::window_ms) / 1000.0;
}

}  // namespace

HistoryChart::HistoryChart(const QString& title, const QString& unit, std::vector<SeriesSpec> series,
                           bool stacked, QWidget* parent)
    : QChartView(parent), stacked_(stacked) {
    auto* chart = new QChart;
    chart->setTitle(title);
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->legend()->setAlignment(Qt::AlignBottom);
    QFont legend_font = chart->legend()->font();
    legend_font.setPointSizeF(legend_font.pointSizeF() * 0.85);
    chart->legend()->setFont(legend_font);
    // Animations would replay on every refresh and cost more than the drawing itself.
    chart->setAnimationOptions(QChart::NoAnimation);
    x_ = new QValueAxis;
    x_->setRange(-double(MetricHistory::window_ms) / 1000.0, 0);
    x_->setTickCount(6);
    x_->setLabelFormat(QStringLiteral("%.0f s"));
    y_ = new QValueAxis;
    y_->setTitleText(unit);
    y_->setTickCount(6);
    chart->addAxis(x_, Qt::AlignBottom);
    chart->addAxis(y_, Qt::AlignLeft);
    for (SeriesSpec& spec : series) {
        Plot p{spec};
        p.upper = new QLineSeries(this);
        if (stacked_) {
            p.lower = new QLineSeries(this);
            auto* area = new QAreaSeries(p.upper, p.lower);
            area->setName(spec.label);
            area->setColor(spec.colour);
            // No outline: an empty band's border would trace the total in its colour.
            area->setPen(Qt::NoPen);
            chart->addSeries(area);
            area->attachAxis(x_);
            area->attachAxis(y_);
        } else {
            p.upper->setName(spec.label);
            p.upper->setColor(spec.colour);
            chart->addSeries(p.upper);
            p.upper->attachAxis(x_);
            p.upper->attachAxis(y_);
        }
        plots_.push_back(p);
    }
    setChart(chart);
    setRenderHint(QPainter::Antialiasing, false);
    setMinimumSize(280, 200);
}

void HistoryChart::refresh(const MetricHistory& history) {
    double top = 0;
    QList<QPointF> below;
    for (Plot& p : plots_) {
        QList<QPointF> points = history.points(p.spec.metric, stacked_);
        if (stacked_) {
            // The band below's top is this band's floor; the lowest band sits on zero.
            if (below.isEmpty()) {
                below = points;
                for (QPointF& pt : below) pt.setY(0);
            }
            p.lower->replace(below);
            below = points;
        }
        for (const QPointF& pt : points) top = std::max(top, pt.y());
        p.upper->replace(points);
    }
    // An idle chart shows 0–5 in whole numbers; small ranges (latencies under a
    // millisecond) get the decimals their labels need.
    const double y_top = top > 0 ? nice_ceiling(top * 1.05) : 5;
    y_->setLabelFormat(y_top >= 5 ? QStringLiteral("%.0f") : y_top >= 0.5 ? QStringLiteral("%.1f") : QStringLiteral("%.2f"));
    y_->setRange(0, y_top);
    const QList<QPointF> first = plots_.empty() ? QList<QPointF>() : plots_.front().upper->points();
    const double span = first.isEmpty() ? 0 : -first.front().x();
    x_->setRange(-window_for(span), 0);
}

QList<QPointF> HistoryChart::plotted(std::size_t i) const {
    return i < plots_.size() ? plots_[i].upper->points() : QList<QPointF>();
}

}  // namespace seckill::ui
