// Sale ▸ Order journey…: one dialog per window, not modal, asking whichever backend the
// window is on when a lookup is made.
#include "dialogs/order_journey.h"
#include "window/main_window.h"

namespace seckill::ui {

OrderJourneyDialog* MainWindow::showOrderJourney() {
    if (!journey_)
        journey_ = new OrderJourneyDialog([this] { return backend_.get(); }, refresh_ms_, this);
    journey_->show();
    journey_->raise();
    return journey_;
}

}  // namespace seckill::ui
