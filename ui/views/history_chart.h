#pragma once
// A chart of the last five minutes of some metrics: lines, or stacked areas whose bands
// add up (requests by result). Each refresh hands every series its whole point list with
// QXYSeries::replace, one repaint per series instead of one per point.
#include <QChartView>
#include <QColor>
#include <vector>

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

    void refresh(const MetricHistory& history);
    // Points currently plotted for series i (tests compare them with the ledger).
    QList<QPointF> plotted(std::size_t i) const;

private:
    struct Plot {
        SeriesSpec spec;
        QLineSeries* upper = nullptr;
        QLineSeries* lower = nullptr;  // stacked only: the top of the band below
    };

    std::vector<Plot> plots_;
    bool stacked_;
    QValueAxis* x_;
    QValueAxis* y_;
};

}  // namespace seckill::ui
