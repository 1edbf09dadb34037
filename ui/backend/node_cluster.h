#pragma once
// Standalone seckill-node processes the console attaches to by URL (seckill-console --node
// http://HOST:PORT, repeatable), seen and operated purely through each node's admin API
// with the operator's admin token: no ledger of its own, no Redis. Every HTTP call runs on
// the worker thread, bounded by call_node_admin's timeout.
//
// Each URL is its own cluster (an embedded node holds its own ledger), so:
// - a sale with the same id on several nodes is shown as one sale whose stock is the sum
//   of the nodes' (each node sells its own units), and acted on everywhere: createSale and
//   setSaleState go to every attached node, the invariants are every node's checks joined
//   (a check fails when it fails on any node; the detail names each node). An operator who
//   runs N shops of one sale sees the sale, not N rows of it.
// - nodes are the union of every URL's registry; degrade and faults for one node go to the
//   URL whose registry lists it, "every node" goes to every URL. An id that two attached
//   nodes share (every seckill-node is n1 unless given --node-id) is shown as id@host:port.
// - attach one node per ledger: two nodes of one Redis cluster list the same registry and
//   sales, which would show twice (RemoteCluster is the backend for a Redis cluster).
// - nothing can move units between nodes: rebalance and drain fail with that sentence,
//   and the operator starts and stops the nodes (ensureNodes fails saying so).
//
// I4 is complete here for free: each node's invariants endpoint includes its own order DB.
#include <QString>
#include <QStringList>
#include <chrono>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "backend/backend_worker.h"
#include "backend/console_backend.h"
#include "backend/node_watch.h"

namespace seckill::ui {

struct NodeClusterOptions {
    QStringList urls;  // http://HOST:PORT of each node's HTTP listener
    std::chrono::milliseconds refresh{250};
    QString admin_token;  // every call needs it; empty: every poll fails and says how to give it
};

class NodeCluster final : public ConsoleBackend {
    Q_OBJECT

  public:
    // Throws std::invalid_argument when a URL is malformed (see urlError) or none is given.
    explicit NodeCluster(NodeClusterOptions options, QObject* parent = nullptr);
    ~NodeCluster() override;

    // What is wrong with a node URL (http://HOST:PORT, nothing after the port but "/"),
    // or empty when it is usable. Loopback or not is the operator's call.
    static QString urlError(const QString& url);

    QString description() const override;
    void open() override;
    void selectSale(const QString& sale) override;
    void createSale(const SaleConfig& config) override;
    void setSaleState(const QString& sale, SaleState state) override;
    void setDegrade(const QString& node, int level) override;
    void setLimits(const QString& rulesJson) override;
    void drainNode(const QString& node) override;
    void ensureNodes(int count) override;
    bool canRebalance() const override { return false; }
    void rebalance(const QString& sale, const RebalanceRequest& request) override;
    void injectFaults(const QStringList& nodes,
                      const std::vector<store::FaultSpec>& faults) override;
    void clearFaults(const QStringList& nodes) override;
    // GET /admin/v1/orders/{id} on each attached node in turn.
    void orderJourney(const QString& orderId) override;

  private:
    // What the worker knows of one URL between polls.
    struct Endpoint {
        std::string address;  // host:port, as call_node_admin takes it
        std::vector<store::NodeInfo>
            registry;  // the last one read: kept, aging to late and dead, when the node is away
        std::optional<std::uint64_t> event_cursor;
        std::string limits_json;
        std::pair<std::string, int>
            degrade;         // the node's id and level, as GET /admin/v1/degrade says
        std::string failed;  // why the last read failed, empty when it answered
    };
    // A node an action is for: the endpoint that lists it, and its own id there.
    struct Target {
        const Endpoint* endpoint = nullptr;
        std::string id;
    };

    SnapshotPtr poll();  // worker thread
    // Worker thread: reads one endpoint into `snap`; the reason when it cannot.
    QString read(Endpoint& e, ClusterSnapshot& snap);
    // Worker thread: the node's events logged since the last read.
    std::vector<store::NodeEvent> readEvents(Endpoint& e);
    // Worker thread: the selected sale's report from every node that sells it; the reason
    // when a node that answered the poll cannot give it.
    QString readInvariants(ClusterSnapshot& snap);
    // Worker thread: `method target body` on every endpoint, one result naming each.
    ActionResult everywhere(const QString& what, const QString& target, const std::string& method,
                            const std::string& path, const std::string& body);
    // The id the console shows for a node of `e`: its own, or "id@host:port" when another
    // attached node has it too (every seckill-node is n1 unless told otherwise).
    std::string shownId(const Endpoint& e, const std::string& id) const;
    // The node shown as `shown`; no endpoint when none is.
    Target owner(const std::string& shown) const;
    // Worker thread: one admin call to one node, as an action result.
    ActionResult onNode(const QString& what, const QString& shown, const Target& target,
                        const std::string& method, const std::string& path, const std::string& body,
                        const QString& done);
    // UI thread: the connection as the last poll found it, reported on change only.
    void pollEnded(const QString& failure);

    NodeClusterOptions options_;
    std::vector<Endpoint> endpoints_;  // worker thread only, after construction
    std::string token_;
    std::string selected_;      // worker thread
    NodeWatch watch_;           // worker thread
    std::string checked_sale_;  // worker thread
    Millis checked_at_ = 0;
    std::optional<store::InvariantReport> last_report_;
    Connection state_ = Connection::closed;  // UI thread
    QString last_error_;                     // UI thread
    BackendWorker worker_;                   // last: stopped first, before what poll() reads goes
};

}  // namespace seckill::ui
