#pragma once
// A chart as an image to hand on: the chart with a caption strip saying which cluster,
// which sale and when, so a PNG in a ticket or a report still says what it shows.
#include <QImage>
#include <QString>

class QWidget;

namespace seckill::ui {

// `cluster` as ConsoleBackend::description(), `sale` the selected sale (may be empty),
// `at` the wall-clock time of the newest data shown (ms since the epoch).
QImage stamped_chart(QWidget& chart, const QString& cluster, const QString& sale, qint64 at);

}  // namespace seckill::ui
