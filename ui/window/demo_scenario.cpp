#include "window/demo_scenario.h"

#include <QDateTime>
#include <QTimer>

#include "views/load_panel.h"

namespace seckill::ui {

load::LoadOptions DemoPlan::default_load() {
    load::LoadOptions o;
    o.users = 50'000;
    o.profile = load::Profile::spike;
    o.rate = 2000;  // the spike opens at five times this
    o.duration_s = 30;
    o.connections = 24;
    o.pay_share = 0.3;
    o.cancel_share = 0.1;
    return o;
}

DemoScenario::DemoScenario(LoadPanel& load, QObject* parent)
    : QObject(parent), load_(load), deadline_(new QTimer(this)) {
    deadline_->setSingleShot(true);
    deadline_->setInterval(20'000);
    connect(deadline_, &QTimer::timeout, this, [this] {
        if (!waiting_) return;
        waiting_ = false;
        Q_EMIT failed(tr("the demo sale did not come up on %1 nodes within 20 s").arg(plan_.nodes));
    });
}

void DemoScenario::start(ConsoleBackend& backend, const DemoPlan& plan) {
    plan_ = plan;
    // A fresh id each time: sales cannot be reset, and the order DB keeps earlier demos.
    sale_ = QStringLiteral("demo-") + QDateTime::currentDateTime().toString(QStringLiteral("HHmmss"));
    SaleConfig c;
    c.id = sale_.toStdString();
    c.name = "Demo sale";
    c.total = plan.stock;
    c.pay_timeout_s = plan.pay_timeout_s;
    backend.ensureNodes(plan.nodes);
    backend.createSale(c);
    backend.setSaleState(sale_, SaleState::running);
    backend.selectSale(sale_);
    waiting_ = true;
    deadline_->start();
}

void DemoScenario::onSnapshot(const SnapshotPtr& snap) {
    if (!waiting_ || !snap || snap->selected_sale != sale_.toStdString()) return;
    const SaleView* sale = snap->find_sale(snap->selected_sale);
    if (!sale || sale->state != SaleState::running || snap->nodes_up() < plan_.nodes) return;
    waiting_ = false;
    deadline_->stop();
    load_.setSnapshot(snap);
    if (load_.run(plan_.load)) Q_EMIT loadStarted(sale_);
    else Q_EMIT failed(tr("the load could not start (is a run already going?)"));
}

}  // namespace seckill::ui
