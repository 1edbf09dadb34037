#pragma once
// QA's fault actions: the Nodes table's context menu (crash, freeze, slow / fail / take
// down the ledger, fail the order DB, drop heartbeats) and the Faults dock's Inject and
// Clear all. Each asks for a duration where the fault has one, confirms what turns buyers
// away or ends a node, and hands the work to the backend, whose result reaches the audit
// log like every other operator action.
#include <QObject>
#include <functional>
#include <optional>
#include <vector>

#include "store/fault_plan.h"
#include "window/operator_actions.h"

class QAction;
class QWidget;

namespace seckill::ui {

class FaultActions final : public QObject {
    Q_OBJECT

  public:
    FaultActions(QWidget* window, OperatorActions::Context context);

    // Replaceable for tests, like OperatorActions::setConfirm.
    void setConfirm(std::function<bool(const QString& question)> confirm) {
        confirm_ = std::move(confirm);
    }
    // Asks how long a fault lasts; nullopt = cancelled. Default: a QInputDialog.
    void setAskDuration(
        std::function<std::optional<double>(const QString& title, double seconds)> ask) {
        ask_duration_ = std::move(ask);
    }

    // False when nothing was sent (no backend, no node, or not confirmed).
    bool inject(const QStringList& nodes, const store::FaultSpec& spec);
    bool clearAll();

    // The context menu's presets on the selected node, in menu order.
    QAction* crashNode;
    QAction* freezeNode;
    QAction* slowLedger;
    QAction* failLedger;
    QAction* ledgerDown;
    QAction* failOrderDb;
    QAction* dropHeartbeats;
    QAction* clearNode;
    std::vector<QAction*> nodeMenu() const;

  private:
    // One preset: the kind and what it fixes; the duration is asked with `seconds` offered.
    void preset(QAction* action, store::FaultSpec spec, double seconds);

    QWidget* window_;
    OperatorActions::Context context_;
    std::function<bool(const QString&)> confirm_;
    std::function<std::optional<double>(const QString&, double)> ask_duration_;
};

// Faults that refuse buyers or end the node are confirmed first; latency and order DB
// errors only slow or retry work, so they go at once (QA injects them repeatedly).
bool needs_confirmation(store::FaultKind kind);

}  // namespace seckill::ui
