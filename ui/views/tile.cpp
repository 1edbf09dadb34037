#include "views/tile.h"

#include <QFontMetrics>
#include <QLabel>
#include <QVBoxLayout>
#include <algorithm>

namespace seckill::ui {

Tile::Tile(const QString& caption, QWidget* parent) : QFrame(parent) {
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(10, 6, 10, 6);
    layout->setSpacing(0);
    auto* title = new QLabel(caption.toUpper(), this);
    QFont small = title->font();
    small.setPointSizeF(small.pointSizeF() * 0.8);
    title->setFont(small);
    title->setStyleSheet(QStringLiteral("color: palette(mid);"));
    value_ = new QLabel(QStringLiteral("–"), this);
    QFont big = value_->font();
    big.setPointSizeF(big.pointSizeF() * 1.9);
    big.setBold(true);
    value_->setFont(big);
    big_point_size_ = big.pointSizeF();
    // Text that changes 4 times a second must not move the layout: fixed policies keep a
    // new number from relaying out the window (and resizing every chart).
    for (QLabel* label : {title, value_})
        label->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
    setMinimumWidth(120);
    detail_ = new QLabel(this);
    detail_->setFont(small);
    detail_->setStyleSheet(QStringLiteral("color: palette(mid);"));
    detail_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
    layout->addWidget(title);
    layout->addWidget(value_);
    layout->addWidget(detail_);
}

void Tile::setValue(const QString& value, const QString& detail) {
    // Setting unchanged text still relayouts the label; at 4 refreshes a second that adds up.
    if (value_->text() != value) {
        value_->setText(value);
        fitValue();
    }
    if (detail_->text() != detail) detail_->setText(detail);
}

void Tile::resizeEvent(QResizeEvent* event) {
    QFrame::resizeEvent(event);
    fitValue();
}

void Tile::fitValue() {
    // A long number ("200,000,000") shrinks to the tile's width instead of being cut off:
    // a clipped "200,00" reads as another number.
    QFont f = value_->font();
    f.setPointSizeF(big_point_size_);
    const int room = value_->width();
    const int wide = QFontMetrics(f).horizontalAdvance(value_->text());
    if (room > 0 && wide > room) f.setPointSizeF(std::max(6.0, big_point_size_ * room / wide));
    if (f.pointSizeF() != value_->font().pointSizeF()) value_->setFont(f);
}

void Tile::setAlert(bool alert) {
    if (alert == alert_) return;
    alert_ = alert;
    restyle();
}

void Tile::setStale(bool stale) {
    if (stale == stale_) return;
    stale_ = stale;
    restyle();
}

void Tile::restyle() {
    value_->setStyleSheet(stale_   ? QStringLiteral("color: #9e9e9e;")
                          : alert_ ? QStringLiteral("color: #c62828;")
                                   : QString());
}

QString Tile::value() const { return value_->text(); }

QString Tile::detail() const { return detail_->text(); }

}  // namespace seckill::ui
