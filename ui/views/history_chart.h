#pragma once
// A chart of the last five minutes of some metrics: lines, or stacked areas whose bands
// add up (requests by result). Each refresh hands every series its whole point list with
// QXYSeries::replace, one repaint per series instead of one per point. Fault intervals are
// painted over the plot as translucent bands and node events as marks (drawForeground):
// they belong to the time axis, not to a series, and stay out of the legend.
#include <QChartView>
#include <QColor>
#include <vector>

#include "history/fault_timeline.h"
#include "history/metric_history.h"

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

    void refresh(const MetricHistory& history, const FaultTimeline* faults = nullptr);
    // Points currently plotted for series i (tests compare them with the ledger).
    QList<QPointF> plotted(std::size_t i) const;
    // Fault bands and event marks inside the visible time window.
    int bandsShown() const;
    int marksShown() const;

protected:
    void drawForeground(QPainter* painter, const QRectF& rect) override;

private:
    struct Plot {
        SeriesSpec spec;
        QLineSeries* upper = nullptr;
        QLineSeries* lower = nullptr;  // stacked only: the top of the band below
    };

    // Seconds on the time axis (0 = the newest sample) of a wall-clock time.
    double axisSeconds(Millis at) const { return double(at - newest_) / 1000.0; }

    std::vector<Plot> plots_;
    std::vector<FaultBand> bands_;
    std::vector<EventMark> marks_;
    Millis newest_ = 0;
    bool stacked_;
    QValueAxis* x_;
    QValueAxis* y_;
};

}  // namespace seckill::ui
