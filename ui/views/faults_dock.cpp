#include "views/faults_dock.h"

#include <QComboBox>
#include <QDateTime>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include "models/active_faults_model.h"

namespace seckill::ui {

FaultsDock::FaultsDock(QWidget* parent) : QWidget(parent) {
    qRegisterMetaType<store::FaultSpec>();
    nodes_ = new QListWidget(this);
    nodes_->setObjectName(QStringLiteral("faults.nodes"));
    nodes_->setFlow(QListView::LeftToRight);
    nodes_->setWrapping(true);
    nodes_->setMaximumHeight(48);
    kind_ = new QComboBox(this);
    kind_->setObjectName(QStringLiteral("faults.kind"));
    // The engine's table, so a kind added there shows up here without a console change.
    for (const store::FaultKindInfo& k : store::fault_kinds)
        kind_->addItem(QString::fromLatin1(k.name.data(), qsizetype(k.name.size())), int(k.kind));
    ms_ = new QSpinBox(this);
    ms_->setObjectName(QStringLiteral("faults.ms"));
    ms_->setRange(0, int(store::max_fault_ms));
    ms_->setValue(300);
    ms_->setSuffix(QStringLiteral(" ms"));
    jitter_ = new QSpinBox(this);
    jitter_->setObjectName(QStringLiteral("faults.jitter"));
    jitter_->setRange(0, int(store::max_fault_ms));
    jitter_->setValue(50);
    jitter_->setPrefix(QStringLiteral("± "));
    jitter_->setSuffix(QStringLiteral(" ms"));
    ratio_ = new QDoubleSpinBox(this);
    ratio_->setObjectName(QStringLiteral("faults.ratio"));
    ratio_->setRange(0.1, 100);  // the engine takes 0.001–1
    ratio_->setDecimals(1);
    ratio_->setValue(100);
    ratio_->setSuffix(QStringLiteral(" % of calls"));
    duration_ = new QDoubleSpinBox(this);
    duration_->setObjectName(QStringLiteral("faults.duration"));
    duration_->setRange(1, double(store::max_fault_duration_ms) / 1000.0);
    duration_->setDecimals(0);
    duration_->setValue(20);
    duration_->setSuffix(QStringLiteral(" s"));
    inject_ = new QPushButton(tr("Inject"), this);
    inject_->setObjectName(QStringLiteral("faults.inject"));
    active_ = new ActiveFaultsModel(this);
    table_ = new QTableView(this);
    table_->setObjectName(QStringLiteral("faults.active"));
    table_->setModel(active_);
    table_->verticalHeader()->hide();
    table_->verticalHeader()->setDefaultSectionSize(22);
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table_->horizontalHeader()->setStretchLastSection(true);
    table_->setSelectionMode(QAbstractItemView::NoSelection);
    clear_ = new QPushButton(tr("Clear all"), this);
    clear_->setObjectName(QStringLiteral("faults.clear"));
    clear_->setToolTip(tr("Clear every fault on every node"));

    auto* latency = new QHBoxLayout;
    latency->addWidget(ms_);
    latency->addWidget(jitter_);
    auto* form = new QFormLayout;
    form->addRow(tr("Nodes"), nodes_);
    form->addRow(tr("Fault"), kind_);
    form->addRow(tr("Latency"), latency);
    form->addRow(tr("Hits"), ratio_);
    form->addRow(tr("Lasts"), duration_);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(inject_);
    buttons->addStretch(1);
    buttons->addWidget(clear_);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(form);
    layout->addLayout(buttons);
    layout->addWidget(new QLabel(tr("Active faults"), this));
    layout->addWidget(table_, 1);

    connect(kind_, &QComboBox::currentIndexChanged, this, &FaultsDock::kindChanged);
    connect(inject_, &QPushButton::clicked, this,
            [this] { Q_EMIT injectRequested(checkedNodes(), spec()); });
    // Inject asks for at least one node: a click that could do nothing is not offered.
    connect(nodes_, &QListWidget::itemChanged, this,
            [this] { inject_->setEnabled(!checkedNodes().isEmpty()); });
    connect(clear_, &QPushButton::clicked, this, &FaultsDock::clearRequested);
    // Time left ticks each second between snapshots, from the wall clock the ends are on.
    ticker_ = new QTimer(this);
    ticker_->setInterval(1000);
    connect(ticker_, &QTimer::timeout, this,
            [this] { active_->tick(QDateTime::currentMSecsSinceEpoch()); });
    ticker_->start();
    kindChanged();
    inject_->setEnabled(false);
    inject_->setToolTip(tr("Inject the fault on every checked node"));
}

void FaultsDock::kindChanged() {
    const auto& info = store::info(store::FaultKind(kind_->currentData().toInt()));
    ms_->setEnabled(info.takes_latency);
    jitter_->setEnabled(info.takes_latency);
    duration_->setEnabled(info.lasts);
}

store::FaultSpec FaultsDock::spec() const {
    store::FaultSpec f;
    f.kind = store::FaultKind(kind_->currentData().toInt());
    const auto& info = store::info(f.kind);
    if (info.takes_latency) {
        f.ms = ms_->value();
        f.jitter_ms = jitter_->value();
    }
    f.ratio = ratio_->value() / 100.0;
    if (info.lasts) f.duration_ms = qRound64(duration_->value() * 1000.0);
    return f;
}

QStringList FaultsDock::checkedNodes() const {
    QStringList out;
    for (int i = 0; i < nodes_->count(); ++i)
        if (nodes_->item(i)->checkState() == Qt::Checked) out << nodes_->item(i)->text();
    return out;
}

void FaultsDock::update(const ClusterSnapshot& snap) {
    QStringList live;
    for (const NodeStatus& n : snap.nodes)
        // A "dead" node may be alive and only unable to beat (ledger_down, dropped
        // heartbeats): QA still reaches it. Drained and crashed ones are gone.
        if (n.health == NodeHealth::up || n.health == NodeHealth::dead)
            live << QString::fromStdString(n.info.id);
    QStringList shown;
    for (int i = 0; i < nodes_->count(); ++i) shown << nodes_->item(i)->text();
    if (shown != live) {
        // Rebuilt only when the set changes, so a check survives every refresh.
        const QStringList checked = checkedNodes();
        nodes_->clear();
        for (const QString& id : live) {
            auto* item = new QListWidgetItem(id, nodes_);
            item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
            item->setCheckState(checked.contains(id) ? Qt::Checked : Qt::Unchecked);
        }
    }
    inject_->setEnabled(!checkedNodes().isEmpty());
    active_->update(snap);
}

}  // namespace seckill::ui
