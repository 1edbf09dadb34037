#pragma once
// A part of the window that scrolls rather than push the window past a small screen: the
// window's minimum size stops depending on the part's own minimum (charts, forms), and
// below that minimum the part scrolls, so nothing is cut off or out of reach.
class QScrollArea;
class QWidget;

namespace seckill::ui {

QScrollArea* scrollable(QWidget* content, QWidget* parent);

}  // namespace seckill::ui
