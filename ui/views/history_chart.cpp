#include "views/history_chart.h"

#include <QAreaSeries>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QLegendMarker>
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

// The time axis grows with the history up to the source's span (five minutes live), so the
// first seconds of a demo fill the chart instead of a sliver at its right edge.
double window_for(double span_s, double most_s) {
    for (double w : {10.0, 20.0, 30.0, 60.0, 120.0, 180.0, 240.0, 600.0, 1200.0, 1800.0})
        if (span_s <= w && w < most_s) return w;
    return most_s;
}

// One colour per part of the node a fault hits, so overlapping bands can be told apart.
QColor band_colour(const std::string& kind) {
    if (kind.find("latency") != std::string::npos) return QColor(255, 179, 0);  // amber: slow
    if (kind.rfind("ledger_", 0) == 0) return QColor(229, 57, 53);              // red: failing
    if (kind.rfind("order_db_", 0) == 0) return QColor(251, 140, 0);            // orange
    return QColor(142, 36, 170);  // purple: heartbeats, freeze
}

}  // namespace

HistoryChart::HistoryChart(const QString& title, const QString& unit,
                           std::vector<SeriesSpec> series, bool stacked, QWidget* parent)
    : QChartView(new QChart, parent), stacked_(stacked) {  // see AllocationChart
    QChart* chart = this->chart();
    chart->setTitle(title);
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->legend()->setAlignment(Qt::AlignBottom);
    QFont legend_font = chart->legend()->font();
    legend_font.setPointSizeF(legend_font.pointSizeF() * 0.85);
    chart->legend()->setFont(legend_font);
    // Animations would replay on every refresh and cost more than the drawing itself.
    chart->setAnimationOptions(QChart::NoAnimation);
    // Wall-clock time: an exported chart or a screenshot says when, not "−40 s".
    x_ = new QDateTimeAxis;
    x_->setFormat(QStringLiteral("HH:mm:ss"));
    // Three labels fit a chart a third of a 1280-pixel window wide; more are elided.
    x_->setTickCount(3);
    x_->setLabelsFont(legend_font);
    y_ = new QValueAxis;
    y_->setTitleText(unit);
    y_->setTickCount(6);
    chart->addAxis(x_, Qt::AlignBottom);
    chart->addAxis(y_, Qt::AlignLeft);
    for (SeriesSpec& spec : series) plots_.push_back(Plot{spec, {}, 0});
    for (Plot& p : plots_) segment(p, 0);
    const Millis now = QDateTime::currentMSecsSinceEpoch();
    from_ = now - 10'000;
    to_ = now;
    x_->setRange(QDateTime::fromMSecsSinceEpoch(from_), QDateTime::fromMSecsSinceEpoch(to_));
    setRenderHint(QPainter::Antialiasing, false);
    setMinimumSize(280, 200);
}

void HistoryChart::addSeries(QAbstractSeries* series) {
    chart()->addSeries(series);
    series->attachAxis(x_);
    series->attachAxis(y_);
}

HistoryChart::Segment& HistoryChart::segment(Plot& p, std::size_t i) {
    while (p.segments.size() <= i) {
        Segment seg;
        seg.upper = new QLineSeries(this);
        QAbstractSeries* shown = seg.upper;
        if (stacked_) {
            seg.lower = new QLineSeries(this);
            auto* area = new QAreaSeries(seg.upper, seg.lower);
            area->setColor(p.spec.colour);
            // No outline: an empty band's border would trace the total in its colour.
            area->setPen(Qt::NoPen);
            shown = area;
        } else {
            seg.upper->setColor(p.spec.colour);
        }
        shown->setName(p.spec.label);
        addSeries(shown);
        // One legend entry per metric, however many pieces the gaps cut it into.
        if (!p.segments.empty())
            for (QLegendMarker* m : chart()->legend()->markers(shown)) m->setVisible(false);
        p.segments.push_back(seg);
    }
    return p.segments[i];
}

void HistoryChart::refresh(const SeriesSource& history, const FaultTimeline* faults) {
    bands_ = faults ? faults->bands() : std::vector<FaultBand>{};
    marks_ = faults ? faults->marks() : std::vector<EventMark>{};
    gaps_ = history.gaps();
    double top = 0;
    Millis oldest = history.newest();
    std::vector<QList<QPointF>> below;
    for (Plot& p : plots_) {
        std::vector<QList<QPointF>> pieces = history.segments(p.spec.metric, stacked_);
        for (std::size_t i = 0; i < pieces.size(); ++i) {
            Segment& seg = segment(p, i);
            if (stacked_) {
                // The band below's top is this band's floor; the lowest band sits on zero
                // (the bands share their sample times, so their pieces line up).
                QList<QPointF> floor = i < below.size() ? below[i] : pieces[i];
                if (i >= below.size())
                    for (QPointF& pt : floor) pt.setY(0);
                seg.lower->replace(floor);
            }
            seg.upper->replace(pieces[i]);
            for (const QPointF& pt : pieces[i]) top = std::max(top, pt.y());
            if (!pieces[i].isEmpty()) oldest = std::min(oldest, Millis(pieces[i].front().x()));
        }
        for (std::size_t i = pieces.size(); i < std::size_t(p.used); ++i) {
            p.segments[i].upper->clear();
            if (p.segments[i].lower) p.segments[i].lower->clear();
        }
        p.used = int(pieces.size());
        below = std::move(pieces);
    }
    // An idle chart shows 0–5 in whole numbers; small ranges (latencies under a
    // millisecond) get the decimals their labels need.
    const double y_top = top > 0 ? nice_ceiling(top * 1.05) : 5;
    y_->setLabelFormat(y_top >= 5     ? QStringLiteral("%.0f")
                       : y_top >= 0.5 ? QStringLiteral("%.1f")
                                      : QStringLiteral("%.2f"));
    y_->setRange(0, y_top);
    if (history.newest() > 0) {
        to_ = history.newest();
        from_ = to_ - Millis(window_for(double(to_ - oldest) / 1000.0,
                                        double(history.span_ms()) / 1000.0) *
                             1000.0);
        x_->setRange(QDateTime::fromMSecsSinceEpoch(from_), QDateTime::fromMSecsSinceEpoch(to_));
    }
    if (labelled_width_ != width()) {
        // Qt Charts 6.4 lays a date-time axis' labels out once and keeps them elided to
        // nothing if that was before the chart had its size; a tick-count change redoes it.
        labelled_width_ = width();
        x_->setTickCount(4);
        x_->setTickCount(3);
    }
    // Bands, marks and gaps are not items of the scene: repaint them with the new axis.
    if (!bands_.empty() || !marks_.empty() || !gaps_.empty()) viewport()->update();
}

int HistoryChart::bandsShown() const {
    return int(std::count_if(bands_.begin(), bands_.end(), [this](const FaultBand& b) {
        return b.to >= from_ && b.from <= to_;
    }));
}

int HistoryChart::marksShown() const {
    return int(std::count_if(marks_.begin(), marks_.end(),
                             [this](const EventMark& m) { return m.at >= from_ && m.at <= to_; }));
}

int HistoryChart::segmentsShown(std::size_t i) const {
    return i < plots_.size() ? plots_[i].used : 0;
}

std::pair<Millis, Millis> HistoryChart::timeRange() const { return {from_, to_}; }

void HistoryChart::drawForeground(QPainter* painter, const QRectF& rect) {
    QChartView::drawForeground(painter, rect);
    if ((bands_.empty() && marks_.empty() && gaps_.empty()) || to_ <= from_) return;
    const QRectF plot = chart()->mapRectToScene(chart()->plotArea());
    const Millis lo = from_, hi = to_;
    auto x_at = [&](Millis at) {
        return plot.left() + double(std::clamp(at, lo, hi) - lo) / double(hi - lo) * plot.width();
    };
    painter->save();
    painter->setClipRect(plot);
    QFont small = painter->font();
    small.setPointSizeF(small.pointSizeF() * 0.75);
    painter->setFont(small);
    // No data: the console heard nothing then (an outage, a frozen ledger), shaded so the
    // break in the lines is read as missing data and not as zero.
    for (const auto& [from, to] : gaps_) {
        if (to < lo || from > hi) continue;
        const QRectF gap(QPointF(x_at(from), plot.top()), QPointF(x_at(to), plot.bottom()));
        painter->fillRect(gap, QBrush(QColor(120, 120, 120, 60), Qt::BDiagPattern));
        painter->setPen(QColor(97, 97, 97));
        painter->drawText(gap.adjusted(2, 0, 0, -2), Qt::AlignHCenter | Qt::AlignBottom,
                          tr("no data"));
    }
    // Overlapping bands of one node stack their labels one line apart.
    int row = 0;
    for (const FaultBand& b : bands_) {
        const Millis from = b.from, to = b.to;
        if (to < lo || from > hi) continue;
        const QRectF band(QPointF(x_at(from), plot.top()), QPointF(x_at(to), plot.bottom()));
        QColor fill = band_colour(b.kind);
        fill.setAlpha(32);
        painter->fillRect(band, fill);
        QColor text = band_colour(b.kind);
        painter->setPen(text.darker(130));
        painter->drawText(band.adjusted(3, 2 + 11 * (row++ % 3), 0, 0),
                          Qt::AlignLeft | Qt::AlignTop,
                          QString::fromStdString(b.node + " " + b.kind));
    }
    for (const EventMark& m : marks_) {
        const Millis at = m.at;
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
    QList<QPointF> out;
    if (i >= plots_.size()) return out;
    for (int k = 0; k < plots_[i].used; ++k)
        out += plots_[i].segments[std::size_t(k)].upper->points();
    return out;
}

}  // namespace seckill::ui
