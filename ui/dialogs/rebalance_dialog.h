#pragma once
// Rebalance a sale: strategy (even, weighted, demand, manual, auto), per-node counts for
// manual and weights for weighted. The preview is node::plan_rebalance itself on the last
// snapshot, so OK is enabled exactly when the nodes' own planner accepts the request; the
// backend plans again on fresh ledger data when it runs.
#include <QDialog>

#include "backend/cluster_snapshot.h"
#include "node/rebalance.h"

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QTableWidget;

namespace seckill::ui {

class RebalanceDialog final : public QDialog {
    Q_OBJECT

  public:
    RebalanceDialog(const ClusterSnapshot& snapshot, const std::string& sale,
                    QWidget* parent = nullptr);

    node::RebalanceRequest request() const;
    // For tests and scripted use: picks the strategy as the combo box would.
    void setStrategy(node::RebalanceStrategy strategy);
    void setNodeValue(int row, double value);

  private:
    void revalidate();

    std::vector<node::NodeLoad> live_;
    std::int64_t remaining_ = 0;
    QComboBox* strategy_;
    QTableWidget* table_;
    QLabel* plan_;
    QDialogButtonBox* buttons_;
};

}  // namespace seckill::ui
