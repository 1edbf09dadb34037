// How old the window's data is, shown where the data is: a snapshot that stops coming
// (the ledger frozen or down, the console's worker stuck) must not leave "up" and the
// last rates looking live while only the status bar turns red.
#include <QLabel>

#include "history/metric_history.h"
#include "models/invariants_model.h"
#include "models/node_table_model.h"
#include "models/sales_table_model.h"
#include "views/tiles_panel.h"
#include "window/main_window.h"

namespace seckill::ui {

void MainWindow::checkFreshness() {
    QString why;
    if (last_ && backend_) {
        // On the steady clock since the snapshot arrived: a wall clock stepped back would
        // hide an outage, one stepped forward would invent one.
        const Millis age = since_snapshot_.elapsed();
        if (age > stale_after_ms(refresh_ms_)) {
            const QString reason =
                connection_failure_.isEmpty()
                    ? tr("%1 has not answered since").arg(backend_->description())
                    : connection_failure_;
            why = tr("no data for %1 s — %2").arg(qRound64(double(age) / 1000.0)).arg(reason);
        }
    }
    tiles_->setStale(why);
    nodes_->setStale(why);
    sales_->setStale(why);
    invariants_->setStale(why);
    stale_banner_->setText(why);
    stale_banner_->setVisible(!why.isEmpty());
}

}  // namespace seckill::ui
