#include "views/charts_panel.h"

#include <QComboBox>
#include <QSignalBlocker>
#include <QGridLayout>
#include <QVBoxLayout>

#include "backend/rate_tracker.h"

#include "views/allocation_chart.h"
#include "views/history_chart.h"

namespace seckill::ui {
namespace {

QColor c(const char* hex) { return QColor(QLatin1String(hex)); }

std::vector<SeriesSpec> result_bands() {
    // In ResultBand order: a stacked chart adds the metrics below each band.
    return {{Metric::reserved_per_s, QStringLiteral("reserved"), c("#43a047")},
            {Metric::sold_out_per_s, QStringLiteral("sold out"), c("#90a4ae")},
            {Metric::rate_limited_per_s, QStringLiteral("limited"), c("#fb8c00")},
            {Metric::degraded_per_s, QStringLiteral("degraded"), c("#8e24aa")},
            {Metric::refused_per_s, QStringLiteral("refused"), c("#fdd835")},
            {Metric::error_per_s, QStringLiteral("error"), c("#e53935")}};
}

}  // namespace

ChartsPanel::ChartsPanel(Millis sample_period_ms, QWidget* parent)
    : QWidget(parent), sample_period_ms_(sample_period_ms), history_(sample_period_ms) {
    requests_ = new HistoryChart(tr("Buy requests/s by result (%1 s average)").arg(RateTracker::window_ms / 1000),
                                 tr("req/s"), result_bands(), true, this);
    auto* latency_box = new QWidget(this);
    latency_ = new HistoryChart(tr("Buy latency"), tr("ms"),
                                {{Metric::p50_ms, QStringLiteral("p50"), c("#1e88e5")},
                                 {Metric::p99_ms, QStringLiteral("p99"), c("#e53935")}},
                                false, latency_box);
    latency_scope_ = new QComboBox(latency_box);
    latency_scope_->setObjectName(QStringLiteral("latency.scope"));
    latency_scope_->setToolTip(tr("Whose latency: the cluster's (every live node's histogram merged, then the "
                                  "quantile) or one node's"));
    latency_scope_->addItem(tr("cluster (merged histograms)"), QString());
    connect(latency_scope_, &QComboBox::currentIndexChanged, this, [this] {
        history_.setLatencyScope(latency_scope_->currentData().toString().toStdString());
        latency_->refresh(history_, &faults_);
    });
    auto* latency_layout = new QVBoxLayout(latency_box);
    latency_layout->setContentsMargins(0, 0, 0, 0);
    latency_layout->setSpacing(2);
    latency_layout->addWidget(latency_scope_);
    latency_layout->addWidget(latency_, 1);
    stock_ = new HistoryChart(tr("Stock of the selected sale"), tr("units"),
                              {{Metric::remaining, QStringLiteral("remaining"), c("#1e88e5")},
                               {Metric::sold, QStringLiteral("sold"), c("#43a047")}},
                              false, this);
    queue_ = new HistoryChart(tr("Order queue depth"), tr("events"),
                              {{Metric::queue_depth, QStringLiteral("queued for SQLite"), c("#6d4c41")}},
                              false, this);
    allocation_ = new AllocationChart(this);
    auto* grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setSpacing(4);
    grid->addWidget(requests_, 0, 0);
    grid->addWidget(latency_box, 0, 1);
    grid->addWidget(allocation_, 0, 2);
    grid->addWidget(stock_, 1, 0);
    grid->addWidget(queue_, 1, 1);
}

void ChartsPanel::setCornerWidget(QWidget* widget) {
    static_cast<QGridLayout*>(layout())->addWidget(widget, 1, 2);
}

void ChartsPanel::reset() {
    history_ = MetricHistory(sample_period_ms_);
    faults_ = FaultTimeline();
    {
        const QSignalBlocker quiet(latency_scope_);
        while (latency_scope_->count() > 1) latency_scope_->removeItem(latency_scope_->count() - 1);
        latency_scope_->setCurrentIndex(0);
    }
    for (HistoryChart* chart : {requests_, latency_, stock_, queue_}) chart->refresh(history_, &faults_);
    allocation_->refresh(ClusterSnapshot{});
}

void ChartsPanel::update(const ClusterSnapshot& snap) {
    history_.append(snap);
    faults_.append(snap);
    for (const std::string& node : history_.latencyNodes())
        if (latency_scope_->findData(QString::fromStdString(node)) < 0)
            latency_scope_->addItem(tr("node %1").arg(QString::fromStdString(node)), QString::fromStdString(node));
    // Half the charts per snapshot, in turn: each still redraws twice a second at the 4 Hz
    // refresh, and the UI thread never spends a whole redraw of every chart at once.
    if (++turn_ % 2 == 0) {
        requests_->refresh(history_, &faults_);
        latency_->refresh(history_, &faults_);
    } else {
        stock_->refresh(history_, &faults_);
        queue_->refresh(history_, &faults_);
        allocation_->refresh(snap);
    }
}

std::vector<std::pair<QString, QWidget*>> ChartsPanel::charts() const {
    return {{QStringLiteral("requests"), requests_},
            {QStringLiteral("latency"), latency_},
            {QStringLiteral("stock"), stock_},
            {QStringLiteral("queue"), queue_},
            {QStringLiteral("allocation"), allocation_}};
}

}  // namespace seckill::ui
