#pragma once
// The one door from the UI to a cluster, whether its nodes run in this process
// (LocalCluster) or elsewhere behind a shared ledger (RemoteCluster, with the Redis
// ledger). Every call returns at once; the work runs off the UI thread and comes back as
// signals: a snapshot 2–4 times a second, an ActionResult per action, connection changes.
#include <QObject>
#include <QString>
#include <QStringList>
#include <vector>

#include "backend/action_result.h"
#include "backend/cluster_snapshot.h"
#include "backend/journey_answer.h"
#include "core/sale.h"
#include "node/rebalance.h"
#include "store/fault_plan.h"

namespace seckill::ui {

// The body of POST /admin/v1/sales/{sale}/rebalance: the engine's own request, so the
// console and the admin API plan with the same code (node/rebalance_sale.h).
using RebalanceRequest = node::RebalanceRequest;

class ConsoleBackend : public QObject {
    Q_OBJECT

  public:
    enum class Connection { connecting, connected, failed, closed };
    Q_ENUM(Connection)

    using QObject::QObject;

    // "local cluster, 3 nodes", "redis://host:6379": for the status bar and settings.
    virtual QString description() const = 0;
    // The name the chart history file keeps this cluster's series under: description(),
    // less what changes within one cluster's life (a local cluster's node count).
    virtual QString historyKey() const { return description(); }
    // Starts connecting (or starting nodes); connectionChanged and snapshots follow.
    virtual void open() = 0;

    virtual void selectSale(const QString& sale) = 0;
    virtual void createSale(const SaleConfig& config) = 0;
    virtual void setSaleState(const QString& sale, SaleState state) = 0;
    // node empty = every node.
    virtual void setDegrade(const QString& node, int level) = 0;
    virtual void setLimits(const QString& rulesJson) = 0;
    // Stops sending buys to the node and returns its lease to the pool.
    virtual void drainNode(const QString& node) = 0;
    // Makes at least `count` nodes serve (a local cluster starts them; a remote one cannot
    // and says so in the action's result).
    virtual void ensureNodes(int count) = 0;
    // Whether ensureNodes can start a node here: the window offers "Add a node" only then.
    virtual bool canStartNodes() const { return false; }

    // Sets the lease each live node should hold for a sale (Ledger::set_allocation); nodes
    // move units to their targets through the pool. A backend that cannot reach an
    // allocation-capable ledger answers false and rebalance() fails with the reason.
    virtual bool canRebalance() const = 0;
    virtual void rebalance(const QString& sale, const RebalanceRequest& request) = 0;

    // QA's fault lab. Injects `faults` on each of `nodes` (the same list on each; a spec's
    // node is ignored), one action result per node: a local cluster through the engine
    // (node::inject_faults), a remote one through the node's /admin/v1/faults, which
    // refuses unless the node runs with --allow-faults. A node_crash ends the node.
    virtual void injectFaults(const QStringList& nodes,
                              const std::vector<store::FaultSpec>& faults) = 0;
    // Clears every active fault on `nodes`; empty = every node that is up.
    virtual void clearFaults(const QStringList& nodes) = 0;

    // Where one order is (node/order_journey.h): from the ledger and the order DB where the
    // backend reaches them, else through a node's GET /admin/v1/orders/{id}. Answered by
    // orderJourneyReady on the UI thread.
    virtual void orderJourney(const QString& orderId) = 0;

  Q_SIGNALS:
    void orderJourneyReady(const QString& orderId, const seckill::ui::JourneyAnswer& answer);
    void snapshotReady(seckill::ui::SnapshotPtr snapshot);
    void actionFinished(const seckill::ui::ActionResult& result);
    void connectionChanged(seckill::ui::ConsoleBackend::Connection state, const QString& detail);
};

}  // namespace seckill::ui
