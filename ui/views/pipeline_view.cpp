#include "views/pipeline_view.h"

#include <QEvent>
#include <QHelpEvent>
#include <QLocale>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>
#include <algorithm>

namespace seckill::ui {
namespace {

using node::Stage;
using node::StageKind;

QString number(double v) { return QLocale().toString(qint64(v + 0.5)); }

QColor fill_of(StageKind kind, bool busy) {
    switch (kind) {
        case StageKind::entry:
            return QColor(0xe3, 0xf2, 0xfd);
        case StageKind::exit:
            return busy ? QColor(0xff, 0xeb, 0xee) : QColor(0xfa, 0xfa, 0xfa);
        case StageKind::pass:
            return QColor(0xe8, 0xf5, 0xe9);
        case StageKind::calls:
            return QColor(0xff, 0xf8, 0xe1);
        case StageKind::events:
            return QColor(0xf3, 0xe5, 0xf5);
    }
    return Qt::white;
}

QString unit_of(StageKind kind) {
    switch (kind) {
        case StageKind::entry:
            return QObject::tr("buys");
        case StageKind::exit:
            return QObject::tr("stopped here");
        case StageKind::pass:
            return QObject::tr("buys");
        case StageKind::calls:
            return QObject::tr("ledger calls");
        case StageKind::events:
            return QObject::tr("order events");
    }
    return {};
}

QString text_of(std::string_view s) { return QString::fromUtf8(s.data(), qsizetype(s.size())); }

}  // namespace

PipelineView::PipelineView(QWidget* parent) : QWidget(parent), since_(tr("the nodes started")) {
    setObjectName(QStringLiteral("pipeline"));
    QSizePolicy policy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    policy.setHeightForWidth(true);
    setSizePolicy(policy);
    setMouseTracking(true);
}

void PipelineView::setSnapshot(const ClusterSnapshot& snap) {
    flow_.update(snap);
    update();
}

void PipelineView::rebase(const ClusterSnapshot& snap, const QString& since) {
    flow_.rebase(snap);
    since_ = since;
    update();
}

QString PipelineView::boxText(Stage s) const {
    const node::StageInfo& st = node::pipeline_stages[std::size_t(s)];
    QString rate = tr("%1/s now · peak %2/s").arg(number(flow_.rate(s)), number(flow_.peak(s)));
    // The group commit's point in one number: how many buys one ledger call carried.
    if (s == Stage::ledger_commit && flow_.count(s) > 0)
        rate += tr(" · %1 buys/call")
                    .arg(double(flow_.count(Stage::lease)) / double(flow_.count(s)), 0, 'f', 1);
    return tr("%1 %2").arg(number(double(flow_.count(s))), unit_of(st.kind)) + QLatin1Char('\n') +
           rate;
}

int PipelineView::columns(int width) const {
    const int usable = std::max(box_min_w, width - 2 * margin);
    return std::clamp((usable + gap_x) / (box_min_w + gap_x), 1, 6);
}

int PipelineView::heightForWidth(int w) const {
    const int cols = columns(w);
    const int rows = int((node::stage_count + std::size_t(cols) - 1) / std::size_t(cols));
    return 2 * margin + header_h + rows * box_h + (rows - 1) * gap_y;
}

QRect PipelineView::boxRect(std::size_t index, int width) const {
    const int cols = columns(width);
    const int w = (width - 2 * margin - (cols - 1) * gap_x) / cols;
    const int col = int(index) % cols, row = int(index) / cols;
    return {margin + col * (w + gap_x), margin + header_h + row * (box_h + gap_y), w, box_h};
}

double PipelineView::arrowWidth(Stage s) const {
    const bool flowing = flow_.rate(Stage::arrived) > 0;
    const double into = flowing ? flow_.rateInto(s) : double(flow_.flowInto(s));
    const double all = flowing ? flow_.rate(Stage::arrived) : double(flow_.count(Stage::arrived));
    return 1.5 + 14.0 * (all > 0 ? std::min(1.0, into / all) : 0.0);
}

void PipelineView::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    p.fillRect(rect(), palette().base());
    QFont bold = font();
    bold.setBold(true);
    p.setFont(bold);
    p.setPen(palette().text().color());
    p.drawText(QRect(margin, margin, width() - 2 * margin, header_h),
               Qt::AlignLeft | Qt::AlignVCenter,
               tr("One buy, stage by stage — counts since %1, rates over the last %2 s; arrows as "
                  "thick as the buys they carry")
                   .arg(since_)
                   .arg(PipelineFlow::rate_window_ms / 1000));
    for (std::size_t i = 0; i + 1 < node::stage_count; ++i)
        paintArrow(p, boxRect(i, width()), boxRect(i + 1, width()),
                   arrowWidth(node::pipeline_stages[i + 1].stage));
    for (std::size_t i = 0; i < node::stage_count; ++i)
        paintBox(p, node::pipeline_stages[i], boxRect(i, width()));
}

void PipelineView::paintBox(QPainter& p, const node::StageInfo& st, const QRect& r) const {
    p.setPen(QPen(QColor(0x90, 0xa4, 0xae), 1));
    p.setBrush(fill_of(st.kind, flow_.count(st.stage) > 0));
    p.drawRoundedRect(r, 6, 6);
    const QRect inner = r.adjusted(6, 4, -6, -4);
    QFont title = font();
    title.setBold(true);
    p.setFont(title);
    p.setPen(palette().text().color());
    const int line = p.fontMetrics().height();
    p.drawText(QRect(inner.left(), inner.top(), inner.width(), line), Qt::AlignLeft,
               text_of(st.title));
    p.setFont(font());
    const QStringList numbers = boxText(st.stage).split(QLatin1Char('\n'));
    p.drawText(QRect(inner.left(), inner.top() + line, inner.width(), line), Qt::AlignLeft,
               numbers.value(0));
    p.setPen(palette().placeholderText().color());
    p.drawText(QRect(inner.left(), inner.top() + 2 * line, inner.width(), line), Qt::AlignLeft,
               p.fontMetrics().elidedText(numbers.value(1), Qt::ElideRight, inner.width()));
    QFont small = font();
    small.setPointSizeF(font().pointSizeF() * 0.85);
    p.setFont(small);
    const QRect why(inner.left(), inner.top() + 3 * line, inner.width(),
                    inner.bottom() - inner.top() - 3 * line);
    p.drawText(why, Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, text_of(st.explains));
}

void PipelineView::paintArrow(QPainter& p, const QRect& from, const QRect& to, double width) const {
    QPainterPath path;
    QPointF tip;
    if (from.top() == to.top()) {  // same row: straight across the gap
        path.moveTo(from.right(), from.center().y());
        tip = QPointF(to.left() - 1, to.center().y());
        path.lineTo(tip - QPointF(8, 0));
    } else {  // next row: down from the row's last box, back to the left, into the first
        const double mid = from.bottom() + gap_y / 2.0;
        path.moveTo(from.center().x(), from.bottom());
        path.lineTo(from.center().x(), mid);
        path.lineTo(to.center().x(), mid);
        tip = QPointF(to.center().x(), to.top() - 1);
        path.lineTo(tip - QPointF(0, 8));
    }
    const QColor ink(0x42, 0x7d, 0xb5);
    p.setPen(QPen(ink, width, Qt::SolidLine, Qt::FlatCap, Qt::MiterJoin));
    p.setBrush(Qt::NoBrush);
    p.drawPath(path);
    // The head points along the last segment.
    const QPointF back = path.currentPosition();
    const QPointF d =
        (tip - back) / std::max(1.0, std::hypot(tip.x() - back.x(), tip.y() - back.y()));
    const QPointF n(-d.y(), d.x());
    const double half = std::max(5.0, width);
    p.setPen(Qt::NoPen);
    p.setBrush(ink);
    p.drawPolygon(QPolygonF{tip, back - d * 2 + n * half, back - d * 2 - n * half});
}

bool PipelineView::event(QEvent* e) {
    if (e->type() != QEvent::ToolTip) return QWidget::event(e);
    const auto* help = static_cast<QHelpEvent*>(e);
    for (std::size_t i = 0; i < node::stage_count; ++i) {
        if (!boxRect(i, width()).contains(help->pos())) continue;
        const node::StageInfo& st = node::pipeline_stages[i];
        QToolTip::showText(help->globalPos(),
                           QStringLiteral("<b>%1</b><br>%2<br><i>decided in %3</i><br>%4")
                               .arg(text_of(st.title), text_of(st.explains), text_of(st.decided_in),
                                    boxText(st.stage).toHtmlEscaped().replace(
                                        QLatin1Char('\n'), QStringLiteral("<br>"))),
                           this);
        return true;
    }
    QToolTip::hideText();
    e->ignore();
    return true;
}

}  // namespace seckill::ui
