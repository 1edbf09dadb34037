#include "views/chart_export.h"

#include <QDateTime>
#include <QPainter>
#include <QPixmap>
#include <QWidget>

namespace seckill::ui {

QImage stamped_chart(QWidget& chart, const QString& cluster, const QString& sale, qint64 at) {
    const QPixmap shot = chart.grab();
    const int strip = 22;
    QImage out(shot.width(), shot.height() + strip, QImage::Format_RGB32);
    out.fill(Qt::white);
    QPainter p(&out);
    p.drawPixmap(0, 0, shot);
    p.setPen(QColor(66, 66, 66));
    // UTC with its offset: the reader of a ticket may be in another time zone.
    const QString when = QDateTime::fromMSecsSinceEpoch(at)
                             .toOffsetFromUtc(QDateTime::currentDateTime().offsetFromUtc())
                             .toString(Qt::ISODate);
    const QString caption = QObject::tr("%1 · sale %2 · data to %3")
                                .arg(cluster, sale.isEmpty() ? QObject::tr("(none)") : sale, when);
    p.drawText(QRect(6, shot.height(), shot.width() - 12, strip), Qt::AlignLeft | Qt::AlignVCenter,
               caption);
    return out;
}

}  // namespace seckill::ui
