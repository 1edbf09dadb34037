#include "window/demo_scenario.h"

#include <QDateTime>
#include <QTimer>

#include "views/load_panel.h"

namespace seckill::ui {

DemoScenario::DemoScenario(LoadPanel& load, QObject* parent)
    : QObject(parent), load_(load), deadline_(new QTimer(this)) {
    deadline_->setSingleShot(true);
    deadline_->setInterval(20'000);
    connect(deadline_, &QTimer::timeout, this, [this] {
        // Ending: a reservation committed after its buyer was answered (an orphan the
        // housekeeper cancels) is an order no node counted as reserved; summarize anyway.
        if (phase_ == Phase::ending && last_) return summarizeAt(*last_);
        if (phase_ != Phase::starting) return;
        setPhase(Phase::idle);
        Q_EMIT failed(tr("the demo sale did not come up on %1 nodes within 20 s").arg(plan_.nodes));
    });
    connect(&load_, &LoadPanel::finished, this, &DemoScenario::onLoadFinished);
}

void DemoScenario::start(ConsoleBackend& backend, const DemoPlan& plan) {
    // The previous demo ends here, summary or not: its sale would otherwise stay running
    // with its units back in the pool.
    if (phase_ == Phase::loading) load_.stop();
    endSale();
    plan_ = plan;
    // A fresh id each time (to the millisecond: a demo can replace one started a moment
    // ago): sales cannot be reset, and the order DB keeps earlier demos.
    sale_ = QStringLiteral("demo-") +
            QDateTime::currentDateTime().toString(QStringLiteral("HHmmss-zzz"));
    SaleConfig c;
    c.id = sale_.toStdString();
    c.name = "Demo sale";
    c.total = plan.stock;
    c.pay_timeout_s = plan.pay_timeout_s;
    backend.ensureNodes(plan.nodes);
    backend.createSale(c);
    backend.setSaleState(sale_, SaleState::running);
    backend.selectSale(sale_);
    backend_ = &backend;
    sale_ended_ = false;
    ended_early_ = false;
    report_ = {};
    setPhase(Phase::starting);
    deadline_->start();
}

void DemoScenario::onSnapshot(const SnapshotPtr& snap) {
    if (!snap || phase_ == Phase::idle || snap->selected_sale != sale_.toStdString()) return;
    const SaleView* sale = snap->find_sale(snap->selected_sale);
    if (phase_ == Phase::starting) {
        if (!sale || sale->state != SaleState::running || snap->nodes_up() < plan_.nodes) return;
        deadline_->stop();
        flow_.rebase(*snap);  // before the first buy: the stages count this demo only
        load::LoadOptions o = plan_.load;
        o.sale = sale_.toStdString();
        load_.setSnapshot(snap);
        if (!load_.run(o)) {
            setPhase(Phase::idle);
            Q_EMIT failed(tr("the load could not start (is a run already going?)"));
            return;
        }
        setPhase(Phase::loading);
        Q_EMIT loadStarted(sale_);
        return;
    }
    flow_.update(*snap);
    last_ = snap;
    // Every reservation paid, cancelled or expired: nothing the sale holds can change.
    if (phase_ == Phase::settling && sale && sale->stock.reserved == 0) {
        endSale();
        setPhase(Phase::ending);
        return;
    }
    if (phase_ == Phase::ending && settledAt(*snap)) summarizeAt(*snap);
}

void DemoScenario::summarizeAt(const ClusterSnapshot& snap) {
    deadline_->stop();
    summary_ = summarize(plan_, sale_.toStdString(), snap, flow_, report_, ended_early_);
    setPhase(Phase::idle);
    Q_EMIT finished(*summary_);
}

bool DemoScenario::settledAt(const ClusterSnapshot& snap) const {
    const SaleView* sale = snap.find_sale(sale_.toStdString());
    std::int64_t written = 0;
    for (const auto& [status, n] : snap.order_db_statuses) written += n;
    // The stage counts need the nodes' heartbeats after the last answer: the order DB's
    // orders equal the reservations the nodes counted once both have caught up.
    return sale && sale->state == SaleState::ended && snap.queue_depth == 0 && snap.invariants &&
           written == std::int64_t(flow_.count(node::Stage::reserved));
}

void DemoScenario::onLoadFinished(const load::LoadReport& report) {
    if (phase_ != Phase::loading) return;
    report_ = report;
    if (ended_early_) {
        endSale();
        setPhase(Phase::ending);
    } else {
        setPhase(Phase::settling);
    }
}

void DemoScenario::endNow() {
    ended_early_ = true;
    if (phase_ == Phase::loading) return load_.stop();  // onLoadFinished ends the sale
    if (phase_ == Phase::settling) {
        endSale();
        setPhase(Phase::ending);
    }
}

void DemoScenario::endSale() {
    if (sale_ended_ || !backend_) return;
    backend_->setSaleState(sale_, SaleState::ended);
    sale_ended_ = true;
}

void DemoScenario::setPhase(Phase p) {
    if (phase_ == p) return;
    phase_ = p;
    if (p == Phase::ending) deadline_->start();
    Q_EMIT phaseChanged(p);
}

}  // namespace seckill::ui
