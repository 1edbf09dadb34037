#include "views/history_chart.h"

#include <QAreaSeries>
#include <QLineSeries>
#include <QPainter>
#include <QValueAxis>
#include <algorithm>
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

// One colour per part of the node a fault hits, so overlapping bands can be told apart.
QColor band_colour(const std::string& kind) {
    if (kind.find("latency") != std::string::npos) return QColor(255, 179, 0);  // amber: slow
    if (kind.rfind("ledger_", 0) == 0) return QColor(229, 57, 53);   // red: failing
    if (kind.rfind("order_db_", 0) == 0) return QColor(251, 140, 0);  // orange
    return QColor(142, 36, 170);                                     // purple: heartbeats, freeze
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

void HistoryChart::refresh(const MetricHistory& history, const FaultTimeline* faults) {
    newest_ = history.newest();
    if (faults) {
        bands_ = faults->bands();
        marks_ = faults->marks();
    }
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
    // Bands and marks are not items of the scene: repaint them with the new axis.
    if (!bands_.empty() || !marks_.empty()) viewport()->update();
}

int HistoryChart::bandsShown() const {
    return int(std::count_if(bands_.begin(), bands_.end(), [this](const FaultBand& b) {
        return axisSeconds(b.to) >= x_->min() && axisSeconds(b.from) <= x_->max();
    }));
}

int HistoryChart::marksShown() const {
    return int(std::count_if(marks_.begin(), marks_.end(), [this](const EventMark& m) {
        return axisSeconds(m.at) >= x_->min() && axisSeconds(m.at) <= x_->max();
    }));
}

void HistoryChart::drawForeground(QPainter* painter, const QRectF& rect) {
    QChartView::drawForeground(painter, rect);
    if ((bands_.empty() && marks_.empty()) || newest_ == 0) return;
    const QRectF plot = chart()->mapRectToScene(chart()->plotArea());
    const double lo = x_->min(), hi = x_->max();
    auto x_at = [&](double s) { return plot.left() + (std::clamp(s, lo, hi) - lo) / (hi - lo) * plot.width(); };
    painter->save();
    painter->setClipRect(plot);
    QFont small = painter->font();
    small.setPointSizeF(small.pointSizeF() * 0.75);
    painter->setFont(small);
    // Overlapping bands of one node stack their labels one line apart.
    int row = 0;
    for (const FaultBand& b : bands_) {
        const double from = axisSeconds(b.from), to = axisSeconds(b.to);
        if (to < lo || from > hi) continue;
        const QRectF band(QPointF(x_at(from), plot.top()), QPointF(x_at(to), plot.bottom()));
        QColor fill = band_colour(b.kind);
        fill.setAlpha(32);
        painter->fillRect(band, fill);
        QColor text = band_colour(b.kind);
        painter->setPen(text.darker(130));
        painter->drawText(band.adjusted(3, 2 + 11 * (row++ % 3), 0, 0), Qt::AlignLeft | Qt::AlignTop,
                          QString::fromStdString(b.node + " " + b.kind));
    }
    for (const EventMark& m : marks_) {
        const double at = axisSeconds(m.at);
        if (at < lo || at > hi) continue;
        const double x = x_at(at);
        painter->setPen(QPen(m.alarm ? QColor(198, 40, 40) : QColor(46, 125, 50), 1, Qt::DashLine));
        painter->drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()));
        // A small flag at the bottom: red for trouble, green for a recovery.
        painter->setBrush(m.alarm ? QColor(198, 40, 40) : QColor(46, 125, 50));
        painter->setPen(Qt::NoPen);
        const QPointF tip(x, plot.bottom());
        painter->drawPolygon(QPolygonF({tip, tip + QPointF(-4, -7), tip + QPointF(4, -7)}));
    }
    painter->restore();
}

QList<QPointF> HistoryChart::plotted(std::size_t i) const {
    return i < plots_.size() ? plots_[i].upper->points() : QList<QPointF>();
}

}  // namespace seckill::ui
