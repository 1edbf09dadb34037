#include "views/charts_panel.h"

#include <QComboBox>
#include <QDateTime>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QVBoxLayout>

#include "history/history_store.h"
#include "views/allocation_chart.h"
#include "views/history_chart.h"
#include "views/history_charts.h"

namespace seckill::ui {
namespace {

constexpr Millis hour_ms = 3600 * 1000;

}  // namespace

ChartsPanel::ChartsPanel(Millis sample_period_ms, QWidget* parent)
    : QWidget(parent), sample_period_ms_(sample_period_ms), history_(sample_period_ms) {
    requests_ = make_history_chart(ChartKind::requests, this);
    auto* latency_box = new QWidget(this);
    latency_ = make_history_chart(ChartKind::latency, latency_box);
    latency_scope_ = new QComboBox(latency_box);
    latency_scope_->setObjectName(QStringLiteral("latency.scope"));
    latency_scope_->setToolTip(
        tr("Whose latency: the cluster's (every live node's histogram merged, then the "
           "quantile) or one node's"));
    latency_scope_->addItem(tr("cluster (merged histograms)"), QString());
    connect(latency_scope_, &QComboBox::currentIndexChanged, this, [this] {
        history_.setLatencyScope(latency_scope_->currentData().toString().toStdString());
        if (!stored_) latency_->refresh(history_, &faults_);
    });
    auto* latency_layout = new QVBoxLayout(latency_box);
    latency_layout->setContentsMargins(0, 0, 0, 0);
    latency_layout->setSpacing(2);
    latency_layout->addWidget(latency_scope_);
    latency_layout->addWidget(latency_, 1);
    stock_ = make_history_chart(ChartKind::stock, this);
    queue_ = make_history_chart(ChartKind::queue, this);
    allocation_ = new AllocationChart(this);

    range_ = new QComboBox(this);
    range_->setObjectName(QStringLiteral("history.range"));
    range_->addItem(tr("last 5 minutes (live)"), int(Range::live));
    range_->addItem(tr("last hour"), int(Range::hour));
    range_->addItem(tr("whole sale"), int(Range::sale));
    range_->setToolTip(
        tr("The live five minutes, or history read back from the data dir's history.db: "
           "the last hour, or one sale from its first sample to its last (earlier sessions too)"));
    range_->setEnabled(false);
    stored_sale_ = new QComboBox(this);
    stored_sale_->setObjectName(QStringLiteral("history.sale"));
    stored_sale_->setToolTip(
        tr("Whose stock the stored ranges show, and which sale \"whole sale\" spans"));
    stored_sale_->setEnabled(false);
    stored_sale_->setMinimumContentsLength(16);
    connect(range_, &QComboBox::currentIndexChanged, this, &ChartsPanel::showSource);
    connect(stored_sale_, &QComboBox::currentIndexChanged, this, &ChartsPanel::showSource);
    auto* bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("History:"), this));
    bar->addWidget(range_);
    bar->addWidget(new QLabel(tr("Sale:"), this));
    bar->addWidget(stored_sale_);
    bar->addStretch(1);

    auto* column = new QVBoxLayout(this);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(2);
    column->addLayout(bar);
    grid_ = new QGridLayout;
    grid_->setSpacing(4);
    grid_->addWidget(requests_, 0, 0);
    grid_->addWidget(latency_box, 0, 1);
    grid_->addWidget(allocation_, 0, 2);
    grid_->addWidget(stock_, 1, 0);
    grid_->addWidget(queue_, 1, 1);
    column->addLayout(grid_, 1);
}

void ChartsPanel::setCornerWidget(QWidget* widget) { grid_->addWidget(widget, 1, 2); }

void ChartsPanel::setHistoryStore(HistoryStore* store, const QString& cluster) {
    store_ = store;
    cluster_ = cluster.toStdString();
    range_->setEnabled(store_ != nullptr);
    const QSignalBlocker quiet(range_);
    if (!store_) range_->setCurrentIndex(0);
    showSource();
}

void ChartsPanel::historyWritten() {
    // The last hour moves with the clock; a whole sale grows while it is still sampled.
    if (!stored_) return;
    listStoredSales();
    reloadStored();
}

ChartsPanel::Range ChartsPanel::range() const { return Range(range_->currentData().toInt()); }

void ChartsPanel::setRange(Range range, const QString& sale) {
    if (!sale.isEmpty()) {
        listStoredSales();
        stored_sale_->setCurrentIndex(stored_sale_->findData(sale));
    }
    range_->setCurrentIndex(range_->findData(int(range)));
}

const SeriesSource& ChartsPanel::shown() const {
    if (stored_) return *stored_;
    return history_;
}

void ChartsPanel::listStoredSales() {
    if (!store_) {
        stored_sale_->clear();
        return;
    }
    std::vector<StoredSale> sales;
    try {
        sales = store_->sales(cluster_);
    } catch (const std::exception& e) {
        Q_EMIT historyFailed(QString::fromUtf8(e.what()));
        return;
    }
    // Kept as it is when nothing changed: rebuilding would reset the operator's pick.
    bool same = int(sales.size()) == stored_sale_->count();
    for (std::size_t i = 0; same && i < sales.size(); ++i)
        same = stored_sale_->itemData(int(i)).toString().toStdString() == sales[i].id;
    if (same) return;
    const QString picked = stored_sale_->currentData().toString();
    const QSignalBlocker quiet(stored_sale_);
    stored_sale_->clear();
    for (const StoredSale& s : sales)
        stored_sale_->addItem(
            tr("%1 (from %2)")
                .arg(QString::fromStdString(s.id), QDateTime::fromMSecsSinceEpoch(s.first).toString(
                                                       QStringLiteral("yyyy-MM-dd HH:mm"))),
            QString::fromStdString(s.id));
    const QString want =
        picked.isEmpty() ? QString::fromStdString(history_.selectedSale()) : picked;
    stored_sale_->setCurrentIndex(std::max(0, stored_sale_->findData(want)));
}

void ChartsPanel::showSource() {
    const bool live = range() == Range::live || !store_;
    stored_sale_->setEnabled(!live);
    latency_scope_->setEnabled(live);  // the file keeps the cluster's latency only
    listStoredSales();
    if (live) {
        stored_.reset();
        for (HistoryChart* chart : {requests_, latency_, stock_, queue_})
            chart->refresh(history_, &faults_);
        return;
    }
    reloadStored();
}

void ChartsPanel::reloadStored() {
    const std::string sale = stored_sale_->currentData().toString().toStdString();
    const Millis now = QDateTime::currentMSecsSinceEpoch();
    Millis from = now - hour_ms, to = now;
    try {
        if (range() == Range::sale)
            for (const StoredSale& s : store_->sales(cluster_))
                if (s.id == sale) from = s.first, to = s.last;
        stored_ = store_->load(cluster_, sale, from, to);
    } catch (const std::exception& e) {
        setHistoryStore(nullptr, QString());
        Q_EMIT historyFailed(QString::fromUtf8(e.what()));
        return;
    }
    for (HistoryChart* chart : {requests_, latency_, stock_, queue_}) chart->refresh(*stored_);
}

void ChartsPanel::reset() {
    history_ = MetricHistory(sample_period_ms_);
    faults_ = FaultTimeline();
    {
        const QSignalBlocker quiet(latency_scope_);
        while (latency_scope_->count() > 1) latency_scope_->removeItem(latency_scope_->count() - 1);
        latency_scope_->setCurrentIndex(0);
    }
    for (HistoryChart* chart : {requests_, latency_, stock_, queue_})
        chart->refresh(history_, &faults_);
    allocation_->refresh(ClusterSnapshot{});
}

void ChartsPanel::update(const ClusterSnapshot& snap) {
    history_.append(snap);
    faults_.append(snap);
    for (const std::string& node : history_.latencyNodes())
        if (latency_scope_->findData(QString::fromStdString(node)) < 0)
            latency_scope_->addItem(tr("node %1").arg(QString::fromStdString(node)),
                                    QString::fromStdString(node));
    // Half the charts per snapshot, in turn: each still redraws twice a second at the 4 Hz
    // refresh, and the UI thread never spends a whole redraw of every chart at once. A
    // stored range redraws when the file is written (historyWritten).
    if (++turn_ % 2 == 0) {
        if (!stored_) {
            requests_->refresh(history_, &faults_);
            latency_->refresh(history_, &faults_);
        }
    } else {
        if (!stored_) {
            stock_->refresh(history_, &faults_);
            queue_->refresh(history_, &faults_);
        }
        allocation_->refresh(snap);
    }
}

std::vector<QImage> ChartsPanel::render(const SeriesSource& source, QSize size) const {
    std::vector<QImage> out;
    for (ChartKind kind :
         {ChartKind::requests, ChartKind::latency, ChartKind::stock, ChartKind::queue}) {
        std::unique_ptr<HistoryChart> chart(make_history_chart(kind, nullptr));
        chart->resize(size);
        chart->refresh(source);
        out.push_back(chart->grab().toImage());
    }
    return out;
}

std::vector<std::pair<QString, QWidget*>> ChartsPanel::charts() const {
    return {{QStringLiteral("requests"), requests_},
            {QStringLiteral("latency"), latency_},
            {QStringLiteral("stock"), stock_},
            {QStringLiteral("queue"), queue_},
            {QStringLiteral("allocation"), allocation_}};
}

}  // namespace seckill::ui
