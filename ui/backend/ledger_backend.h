#pragma once
// What every backend over a Ledger shares: the worker thread, and the operator actions
// that are one ledger call each (ledger_actions), queued on the worker in order. A
// subclass says where the ledger is, how a snapshot is read, and what follows a sale change.
#include <chrono>
#include <string>

#include "backend/backend_worker.h"
#include "backend/console_backend.h"
#include "node/order_journey.h"
#include "store/ledger.h"

namespace seckill::ui {

class LedgerBackend : public ConsoleBackend {
    Q_OBJECT

  public:
    void createSale(const SaleConfig& config) override;
    void setSaleState(const QString& sale, SaleState state) override;
    void setDegrade(const QString& node, int level) override;
    void setLimits(const QString& rulesJson) override;
    bool canRebalance() const override { return true; }
    void rebalance(const QString& sale, const RebalanceRequest& request) override;
    void orderJourney(const QString& orderId) override;

    // The shared ledger; thread-safe, for tests and reports that check the console against
    // the source of truth.
    virtual store::Ledger& ledger() = 0;

  protected:
    explicit LedgerBackend(std::chrono::milliseconds refresh, QObject* parent = nullptr);

    // Worker thread. Throws when the ledger cannot be reached.
    virtual SnapshotPtr poll() = 0;
    // Worker thread: one order's journey (node::order_journey). This one knows the ledger
    // only; a backend that reaches an order DB adds its half. Throws when the ledger cannot
    // be reached.
    virtual std::optional<node::OrderJourney> journeyOf(const std::string& orderId);
    // Worker thread, after a sale was created or changed its state.
    virtual void saleChanged(const std::string& sale) { (void)sale; }

    static const Clock& clock() { return SystemClock::instance(); }
    // As the nodes' EngineOptions: a node silent this long is dead to the console too.
    static Millis nodeTtl();

    // A subclass stops it in its destructor, before what poll() reads goes away.
    BackendWorker worker_;
};

}  // namespace seckill::ui
