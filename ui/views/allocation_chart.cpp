#include "views/allocation_chart.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QValueAxis>
#include <cmath>

namespace seckill::ui {
namespace {

void set_values(QBarSet* set, const QList<qreal>& values, bool same_nodes) {
    if (!same_nodes) {
        set->remove(0, set->count());
        set->append(values);
        return;
    }
    for (int i = 0; i < values.size(); ++i)
        if (set->at(i) != values[i]) set->replace(i, values[i]);
}

}  // namespace

// Made with its chart: QChartView(parent) makes a default one that setChart would hand
// back to us, unowned (LeakSanitizer found one per window).
AllocationChart::AllocationChart(QWidget* parent) : QChartView(new QChart, parent) {
    QChart* chart = this->chart();
    chart->setTitle(tr("Allocation per node"));
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->legend()->setAlignment(Qt::AlignBottom);
    lease_ = new QBarSet(tr("lease (ledger)"));
    lease_->setColor(QColor(QStringLiteral("#5c6bc0")));
    // Parented: while no node has a target it is out of the series, and someone must own it.
    target_ = new QBarSet(tr("target (rebalance)"), this);
    target_->setColor(QColor(QStringLiteral("#ffb300")));
    series_ = new QBarSeries;
    series_->append(lease_);
    chart->addSeries(series_);
    nodes_ = new QBarCategoryAxis;
    y_ = new QValueAxis;
    y_->setLabelFormat(QStringLiteral("%.0f"));
    chart->addAxis(nodes_, Qt::AlignBottom);
    chart->addAxis(y_, Qt::AlignLeft);
    series_->attachAxis(nodes_);
    series_->attachAxis(y_);
    setToolTip(
        tr("Unsold units of the selected sale each live node holds, as the ledger records them. A "
           "node "
           "that counts differently is named in the title (invariant I7)."));
    setMinimumSize(280, 200);
}

void AllocationChart::refresh(const ClusterSnapshot& snap) {
    const std::string& sale = snap.selected_sale;
    QStringList ids, disagree;
    QList<qreal> lease, target;
    bool any_target = false;
    for (const NodeStatus& n : snap.nodes) {
        if (!reports_live(n.health)) continue;
        ids << QString::fromStdString(n.info.id);
        auto it = n.info.leases.find(sale);
        lease << qreal(it == n.info.leases.end() ? 0 : it->second);
        auto t = n.stats.lease_targets.find(sale);
        any_target |= t != n.stats.lease_targets.end();
        target << qreal(t == n.stats.lease_targets.end() ? 0 : t->second);
        if (n.stats.lease_disagreements.contains(sale))
            disagree << QString::fromStdString(n.info.id);
    }
    const bool same = ids == categories_;
    if (!same) {
        categories_ = ids;
        nodes_->setCategories(ids);
    }
    set_values(lease_, lease, same);
    if (any_target != targetsShown()) {
        if (any_target)
            series_->append(target_);
        else
            series_->take(target_);
        set_values(target_, target, false);
    } else {
        set_values(target_, target, same);
    }
    QString title = sale.empty()
                        ? tr("Allocation per node")
                        : tr("Allocation of %1 per node").arg(QString::fromStdString(sale));
    if (!disagree.isEmpty())
        title +=
            tr(" — %1 disagrees with the ledger (I7)").arg(disagree.join(QStringLiteral(", ")));
    if (chart()->title() != title) chart()->setTitle(title);
    qreal top = 1;
    for (qreal v : lease + target) top = std::max(top, v);
    y_->setRange(0, top * 1.1);
    // Round steps (0, 10, 20 … rather than 0, 13, 25), and never more ticks than whole
    // units, or labels repeat ("1, 1, 2").
    y_->setTickCount(5);
    y_->applyNiceNumbers();
    if (y_->max() < 4) y_->setTickCount(int(y_->max()) + 1);
}

bool AllocationChart::targetsShown() const { return series_->barSets().contains(target_); }

QList<qreal> AllocationChart::leaseValues() const {
    QList<qreal> out;
    for (int i = 0; i < lease_->count(); ++i) out << lease_->at(i);
    return out;
}

QList<qreal> AllocationChart::targetValues() const {
    QList<qreal> out;
    for (int i = 0; i < target_->count(); ++i) out << target_->at(i);
    return out;
}

}  // namespace seckill::ui
