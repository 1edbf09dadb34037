#include "dialogs/rebalance_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QStringList>
#include <QTableWidget>
#include <algorithm>
#include <cmath>
#include <variant>

#include "node/operations/sale_operations.h"

namespace seckill::ui {
namespace {

constexpr node::RebalanceStrategy strategies[] = {
    node::RebalanceStrategy::even, node::RebalanceStrategy::weighted,
    node::RebalanceStrategy::demand, node::RebalanceStrategy::manual,
    node::RebalanceStrategy::automatic};

QString q(std::string_view s) { return QString::fromUtf8(s.data(), qsizetype(s.size())); }

}  // namespace

RebalanceDialog::RebalanceDialog(const ClusterSnapshot& snapshot, const std::string& sale,
                                 QWidget* parent)
    : QDialog(parent) {
    setWindowTitle(tr("Rebalance %1").arg(q(sale)));
    if (const SaleView* view = snapshot.find_sale(sale)) remaining_ = view->stock.remaining();
    for (const NodeStatus& n : snapshot.nodes)
        if (n.health == NodeHealth::up) live_.push_back({n.info.id, n.requests_per_s});

    auto* form = new QFormLayout(this);
    strategy_ = new QComboBox(this);
    for (auto s : strategies) strategy_->addItem(q(node::to_string(s)));
    table_ = new QTableWidget(int(live_.size()), 2, this);
    table_->setHorizontalHeaderLabels({tr("Node"), tr("Units / weight")});
    table_->horizontalHeader()->setStretchLastSection(true);
    table_->verticalHeader()->hide();
    for (int row = 0; row < int(live_.size()); ++row) {
        auto* id = new QTableWidgetItem(q(live_[std::size_t(row)].id));
        id->setFlags(Qt::ItemIsEnabled);
        table_->setItem(row, 0, id);
        // One editor per row serves both: whole units for manual, a ratio for weighted.
        auto* value = new QDoubleSpinBox(table_);
        value->setRange(0, 1e9);
        table_->setCellWidget(row, 1, value);
        connect(value, &QDoubleSpinBox::valueChanged, this, &RebalanceDialog::revalidate);
    }
    plan_ = new QLabel(this);
    plan_->setWordWrap(true);
    buttons_ = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);

    form->addRow(tr("Unsold units"), new QLabel(QString::number(remaining_), this));
    form->addRow(tr("Strategy"), strategy_);
    form->addRow(table_);
    form->addRow(plan_);
    form->addRow(buttons_);
    connect(strategy_, &QComboBox::currentIndexChanged, this,
            [this] { setStrategy(strategies[strategy_->currentIndex()]); });
    connect(buttons_, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons_, &QDialogButtonBox::rejected, this, &QDialog::reject);
    setStrategy(node::RebalanceStrategy::even);
}

void RebalanceDialog::setStrategy(node::RebalanceStrategy strategy) {
    const int index = int(std::find(std::begin(strategies), std::end(strategies), strategy) -
                          std::begin(strategies));
    if (strategy_->currentIndex() != index)
        return strategy_->setCurrentIndex(index);  // comes back here
    const bool manual = strategy == node::RebalanceStrategy::manual;
    const bool weighted = strategy == node::RebalanceStrategy::weighted;
    table_->setEnabled(manual || weighted);
    for (int row = 0; row < table_->rowCount(); ++row) {
        auto* value = static_cast<QDoubleSpinBox*>(table_->cellWidget(row, 1));
        const QSignalBlocker quiet(value);
        // Counts are units and weights whole numbers up to a million, as the node's API takes them.
        value->setDecimals(0);
        value->setMaximum(manual ? 1e9 : double(node::max_rebalance_weight));
        // Starting points: an even split of the unsold units, or equal weights.
        value->setValue(manual ? double(remaining_ / std::max<std::int64_t>(1, table_->rowCount()))
                               : 1.0);
    }
    revalidate();
}

void RebalanceDialog::setNodeValue(int row, double value) {
    static_cast<QDoubleSpinBox*>(table_->cellWidget(row, 1))->setValue(value);
}

node::RebalanceRequest RebalanceDialog::request() const {
    node::RebalanceRequest r;
    r.strategy = strategies[strategy_->currentIndex()];
    for (int row = 0; row < table_->rowCount(); ++row) {
        const std::string id = table_->item(row, 0)->text().toStdString();
        const double value = static_cast<QDoubleSpinBox*>(table_->cellWidget(row, 1))->value();
        if (r.strategy == node::RebalanceStrategy::manual) r.counts[id] = std::llround(value);
        if (r.strategy == node::RebalanceStrategy::weighted) r.weights[id] = std::llround(value);
    }
    return r;
}

void RebalanceDialog::revalidate() {
    // The checks the operation makes first, then the plan it would store.
    std::variant<node::Allocation, std::string> plan;
    if (auto invalid = node::check_rebalance(request()))
        plan = *invalid;
    else
        plan = node::plan_rebalance(request(), live_, remaining_);
    const auto* error = std::get_if<std::string>(&plan);
    buttons_->button(QDialogButtonBox::Ok)->setEnabled(!error);
    plan_->setStyleSheet(error ? QStringLiteral("color: #c62828;") : QString());
    if (error) return plan_->setText(q(*error));
    const auto& allocation = std::get<node::Allocation>(plan);
    if (allocation.empty())
        return plan_->setText(tr("Clears the targets: nodes refill by demand again."));
    QStringList targets;
    for (const auto& [id, units] : allocation)
        targets << QStringLiteral("%1: %2").arg(q(id)).arg(units);
    plan_->setText(tr("Targets now: %1").arg(targets.join(QStringLiteral(", "))));
}

}  // namespace seckill::ui
