#include "window/operator_actions.h"

#include <QAction>
#include <QMessageBox>

#include "dialogs/limits_dialog.h"
#include "dialogs/rebalance_dialog.h"
#include "dialogs/sale_dialog.h"
#include "window/degrade_question.h"

namespace seckill::ui {
namespace {

QAction* make(QObject* parent, const QString& text, const QKeySequence& keys = {}) {
    auto* a = new QAction(text, parent);
    if (!keys.isEmpty()) a->setShortcut(keys);
    return a;
}

}  // namespace

OperatorActions::OperatorActions(QWidget* window, Context context)
    : QObject(window), window_(window), context_(std::move(context)) {
    confirm_ = [this](const QString& question) {
        return QMessageBox::question(window_, tr("Confirm"), question) == QMessageBox::Yes;
    };
    newSale = make(this, tr("&New sale…"), QKeySequence::New);
    startSale = make(this, tr("&Start sale"), QKeySequence(Qt::CTRL | Qt::Key_Return));
    pauseSale = make(this, tr("&Pause sale"), QKeySequence(Qt::CTRL | Qt::Key_P));
    endSale = make(this, tr("&End sale…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    rebalance = make(this, tr("&Rebalance…"));
    drainNode = make(this, tr("&Drain selected node…"));
    editLimits = make(this, tr("Edit &limiter rules…"), QKeySequence(Qt::CTRL | Qt::Key_L));
    for (int level = 0; level < 4; ++level) {
        const QString name = degrade_level_name(level);
        degradeAll[std::size_t(level)] = make(this, tr("Degrade all: %1 %2").arg(level).arg(name),
                                              QKeySequence(Qt::CTRL | (Qt::Key_0 + level)));
        degradeAll[std::size_t(level)]->setIconText(QString::number(level));
        degradeAll[std::size_t(level)]->setToolTip(
            tr("Set degrade level %1 (%2) on every node").arg(level).arg(name));
        degradeNode[std::size_t(level)] =
            make(this, tr("Degrade selected node: %1 %2").arg(level).arg(name));
        connect(degradeAll[std::size_t(level)], &QAction::triggered, this,
                [this, level] { degrade({}, level); });
        connect(degradeNode[std::size_t(level)], &QAction::triggered, this, [this, level] {
            if (context_.selectedNode) degrade(context_.selectedNode(), level);
        });
    }
    connect(newSale, &QAction::triggered, this, &OperatorActions::openSaleDialog);
    connect(startSale, &QAction::triggered, this,
            [this] { changeSaleState(selectedSale(), SaleState::running); });
    connect(pauseSale, &QAction::triggered, this,
            [this] { changeSaleState(selectedSale(), SaleState::paused); });
    connect(endSale, &QAction::triggered, this,
            [this] { changeSaleState(selectedSale(), SaleState::ended); });
    connect(rebalance, &QAction::triggered, this, &OperatorActions::openRebalanceDialog);
    connect(drainNode, &QAction::triggered, this, [this] {
        if (context_.selectedNode) drain(context_.selectedNode());
    });
    connect(editLimits, &QAction::triggered, this, &OperatorActions::openLimitsDialog);
}

QString OperatorActions::selectedSale() const {
    const SnapshotPtr snap = context_.snapshot ? context_.snapshot() : nullptr;
    return snap ? QString::fromStdString(snap->selected_sale) : QString();
}

bool OperatorActions::createSale(const SaleConfig& config, bool startNow) {
    ConsoleBackend* b = backend();
    if (!b) return false;
    b->createSale(config);
    // Queued behind the creation on the backend's worker, so it finds the sale.
    if (startNow) b->setSaleState(QString::fromStdString(config.id), SaleState::running);
    b->selectSale(QString::fromStdString(config.id));
    return true;
}

bool OperatorActions::changeSaleState(const QString& sale, SaleState state) {
    ConsoleBackend* b = backend();
    if (!b || sale.isEmpty()) return false;
    if (state == SaleState::ended &&
        !confirm_(tr("End sale %1? An ended sale cannot be started again.").arg(sale)))
        return false;
    if (state == SaleState::paused &&
        !confirm_(tr("Pause sale %1? Buyers are turned away until it starts again.").arg(sale)))
        return false;
    b->setSaleState(sale, state);
    return true;
}

bool OperatorActions::drain(const QString& node) {
    ConsoleBackend* b = backend();
    if (!b || node.isEmpty()) return false;
    if (!confirm_(
            tr("Drain node %1? It stops serving and returns its lease to the pool.").arg(node)))
        return false;
    b->drainNode(node);
    return true;
}

bool OperatorActions::degrade(const QString& node, int level) {
    ConsoleBackend* b = backend();
    if (!b) return false;
    const SnapshotPtr snap = context_.snapshot ? context_.snapshot() : nullptr;
    const QString question = degrade_question(snap ? &snap->control : nullptr, node, level);
    if (!question.isEmpty() && !confirm_(question)) return false;
    b->setDegrade(node, level);
    return true;
}

bool OperatorActions::setLimits(const QString& rulesJson) {
    ConsoleBackend* b = backend();
    if (!b) return false;
    b->setLimits(rulesJson);
    return true;
}

void OperatorActions::openSaleDialog() {
    SaleDialog dialog(window_);
    if (dialog.exec() == QDialog::Accepted) createSale(dialog.config(), dialog.startNow());
}

void OperatorActions::openLimitsDialog() {
    const SnapshotPtr snap = context_.snapshot ? context_.snapshot() : nullptr;
    LimitsDialog dialog(snap ? QString::fromStdString(snap->control.limits_json) : QString(),
                        window_);
    if (dialog.exec() == QDialog::Accepted &&
        confirm_(tr("Replace the limiter rules on every node? Their counters start afresh.")))
        setLimits(dialog.rulesJson());
}

bool OperatorActions::rebalanceSale(const QString& sale, const RebalanceRequest& request) {
    ConsoleBackend* b = backend();
    if (!b || sale.isEmpty()) return false;
    b->rebalance(sale, request);
    return true;
}

void OperatorActions::openRebalanceDialog() {
    const SnapshotPtr snap = context_.snapshot ? context_.snapshot() : nullptr;
    ConsoleBackend* b = backend();
    const QString sale = selectedSale();
    if (!snap || !b || sale.isEmpty()) {
        QMessageBox::information(window_, tr("Rebalance"), tr("Select a sale first."));
        return;
    }
    if (!b->canRebalance()) {
        QMessageBox::information(window_, tr("Rebalance"),
                                 tr("%1 cannot set allocations.").arg(b->description()));
        return;
    }
    RebalanceDialog dialog(*snap, sale.toStdString(), window_);
    if (dialog.exec() == QDialog::Accepted) rebalanceSale(sale, dialog.request());
}

}  // namespace seckill::ui
