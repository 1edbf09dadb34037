#pragma once
// One definition of each dashboard history chart (title, unit, series and colours), for
// the charts panel and for the PDF report's renders of the same charts.
class QWidget;

namespace seckill::ui {

class HistoryChart;

enum class ChartKind { requests, latency, stock, queue };

HistoryChart* make_history_chart(ChartKind kind, QWidget* parent);

}  // namespace seckill::ui
