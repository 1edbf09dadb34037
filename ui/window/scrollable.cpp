#include "window/scrollable.h"

#include <QScrollArea>

namespace seckill::ui {

QScrollArea* scrollable(QWidget* content, QWidget* parent) {
    auto* area = new QScrollArea(parent);
    area->setObjectName(content->objectName() + QStringLiteral(".scroll"));
    area->setFrameShape(QFrame::NoFrame);
    // The content follows the area's size down to its own minimum; only below it do the
    // scroll bars appear.
    area->setWidgetResizable(true);
    area->setWidget(content);
    return area;
}

}  // namespace seckill::ui
