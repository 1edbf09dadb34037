#pragma once
// A chart of some metrics over time (the live five minutes or a stored stretch) on a wall-clock
// axis: lines, or stacked areas whose bands add up (requests by result). Each refresh hands every
// series its whole point list with QXYSeries::replace, one repaint per series instead of one per
// point. A stretch without data splits a metric into segments, each its own series of
// the same colour (Qt Charts draws no gap inside one series), and is shaded "no data".
// Fault intervals are painted over the plot as translucent bands and node events as marks
// (drawForeground): they belong to the time axis, not to a series, and stay out of the
// legend.
#include <QChartView>
#include <QColor>
#include <utility>
#include <vector>

#include "history/fault_timeline.h"
#include "history/series_source.h"

class QAbstractSeries;
class QDateTimeAxis;
class QLineSeries;
class QValueAxis;

namespace seckill::ui {

struct SeriesSpec {
    Metric metric;
    QString label;
    QColor colour;
};

class HistoryChart final : public QChartView {
    Q_OBJECT

  public:
    HistoryChart(const QString& title, const QString& unit, std::vector<SeriesSpec> series,
                 bool stacked, QWidget* parent = nullptr);

    // `faults` null: no bands or marks (a stored stretch, which keeps none).
    void refresh(const SeriesSource& history, const FaultTimeline* faults = nullptr);
    // Points currently plotted for metric i, every segment joined (tests compare them
    // with the ledger); x is ms since the epoch.
    QList<QPointF> plotted(std::size_t i) const;
    // How many pieces metric i is drawn in (1 + the gaps inside the window).
    int segmentsShown(std::size_t i) const;
    // The time axis' range, ms since the epoch.
    std::pair<Millis, Millis> timeRange() const;
    // Fault bands and event marks inside the visible time window.
    int bandsShown() const;
    int marksShown() const;

  protected:
    void drawForeground(QPainter* painter, const QRectF& rect) override;

  private:
    struct Segment {
        QLineSeries* upper = nullptr;
        QLineSeries* lower = nullptr;  // stacked only: the top of the band below
    };
    struct Plot {
        SeriesSpec spec;
        std::vector<Segment> segments;  // the first carries the legend entry
        int used = 0;
    };

    // The plot's segment i, created on first use.
    Segment& segment(Plot& p, std::size_t i);
    void addSeries(QAbstractSeries* series);

    std::vector<Plot> plots_;
    std::vector<FaultBand> bands_;
    std::vector<EventMark> marks_;
    Gaps gaps_;
    Millis from_ = 0, to_ = 0;  // the time axis' range
    int labelled_width_ = -1;   // the width the time axis' labels were laid out for
    bool stacked_;
    QDateTimeAxis* x_;
    QValueAxis* y_;
};

}  // namespace seckill::ui
