#include "views/allocation_chart.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QValueAxis>
#include <cmath>

namespace seckill::ui {

AllocationChart::AllocationChart(QWidget* parent) : QChartView(parent) {
    auto* chart = new QChart;
    chart->setTitle(tr("Allocation per node"));
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->legend()->setAlignment(Qt::AlignBottom);
    lease_ = new QBarSet(tr("lease (selected sale)"));
    lease_->setColor(QColor(QStringLiteral("#5c6bc0")));
    sold_ = new QBarSet(tr("sold (all sales)"));
    sold_->setColor(QColor(QStringLiteral("#43a047")));
    auto* series = new QBarSeries;
    series->append(lease_);
    series->append(sold_);
    chart->addSeries(series);
    nodes_ = new QBarCategoryAxis;
    y_ = new QValueAxis;
    y_->setLabelFormat(QStringLiteral("%.0f"));
    chart->addAxis(nodes_, Qt::AlignBottom);
    chart->addAxis(y_, Qt::AlignLeft);
    series->attachAxis(nodes_);
    series->attachAxis(y_);
    setChart(chart);
    setMinimumSize(280, 200);
}

void AllocationChart::refresh(const ClusterSnapshot& snap) {
    QStringList ids;
    QList<qreal> lease, sold;
    for (const NodeStatus& n : snap.nodes) {
        if (n.health != NodeHealth::up) continue;
        ids << QString::fromStdString(n.info.id);
        auto it = n.info.leases.find(snap.selected_sale);
        lease << qreal(it == n.info.leases.end() ? 0 : it->second);
        sold << qreal(n.stats.sold);
    }
    if (ids != categories_) {
        categories_ = ids;
        nodes_->setCategories(ids);
        lease_->remove(0, lease_->count());
        sold_->remove(0, sold_->count());
        lease_->append(lease);
        sold_->append(sold);
    } else {
        for (int i = 0; i < ids.size(); ++i) {
            if (lease_->at(i) != lease[i]) lease_->replace(i, lease[i]);
            if (sold_->at(i) != sold[i]) sold_->replace(i, sold[i]);
        }
    }
    qreal top = 1;
    for (qreal v : lease + sold) top = std::max(top, v);
    const qreal p = std::pow(10.0, std::floor(std::log10(top)));
    y_->setRange(0, std::ceil(top * 1.1 / p) * p);
}

QList<qreal> AllocationChart::leaseValues() const {
    QList<qreal> out;
    for (int i = 0; i < lease_->count(); ++i) out << lease_->at(i);
    return out;
}

QList<qreal> AllocationChart::soldValues() const {
    QList<qreal> out;
    for (int i = 0; i < sold_->count(); ++i) out << sold_->at(i);
    return out;
}

}  // namespace seckill::ui
