#pragma once
// The operator's actions on sales, nodes and controls: the QActions for menus and the
// toolbar, the dialogs, and a confirmation before anything destructive. The work itself
// goes to the backend; its result reaches the audit log through actionFinished.
#include <QObject>
#include <array>
#include <functional>

#include "backend/console_backend.h"

class QAction;
class QWidget;

namespace seckill::ui {

class OperatorActions final : public QObject {
    Q_OBJECT

  public:
    struct Context {
        std::function<ConsoleBackend*()> backend;
        std::function<SnapshotPtr()> snapshot;
        std::function<QString()> selectedNode;  // empty when no node row is selected
    };

    OperatorActions(QWidget* window, Context context);

    // Asks before a destructive action; a QMessageBox unless replaced (tests answer yes).
    void setConfirm(std::function<bool(const QString& question)> confirm) {
        confirm_ = std::move(confirm);
    }
    // The same question for the window's own destructive steps (leaving an attached cluster).
    bool confirm(const QString& question) const { return confirm_(question); }

    // Each returns false when nothing was sent (no backend, no target, or not confirmed).
    bool createSale(const SaleConfig& config, bool startNow);
    bool changeSaleState(const QString& sale, SaleState state);
    bool drain(const QString& node);
    bool degrade(const QString& node, int level);  // node empty = every node
    bool setLimits(const QString& rulesJson);
    bool rebalanceSale(const QString& sale, const RebalanceRequest& request);

    QAction* newSale;
    QAction* startSale;
    QAction* pauseSale;
    QAction* endSale;
    QAction* rebalance;
    QAction* drainNode;
    QAction* editLimits;
    std::array<QAction*, 4> degradeAll;
    std::array<QAction*, 4> degradeNode;

  private:
    ConsoleBackend* backend() const { return context_.backend ? context_.backend() : nullptr; }
    QString selectedSale() const;
    void openSaleDialog();
    void openLimitsDialog();
    void openRebalanceDialog();

    QWidget* window_;
    Context context_;
    std::function<bool(const QString&)> confirm_;
};

}  // namespace seckill::ui
