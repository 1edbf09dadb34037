#pragma once
// A cluster the console attaches to: nodes run elsewhere (seckill-node --redis) and share
// a Redis ledger; the console finds them in the ledger's node registry and acts through
// the same ledger calls as a local cluster. Every Redis call runs on the worker thread.
//
// What it cannot do from here: start nodes (the operator runs them, so ensureNodes fails
// with that explanation), or stop one. Draining a node sets its lease target to 0 on every
// running sale: it returns its units to the pool within a second and takes no more, but it
// keeps answering HTTP (sold_out) until the operator takes it out of nginx and stops it.
//
// The order DB's half of I4 is read from the order-writer nodes' admin API with the same
// token (RemoteOrderTally): without it, I4 says that half was not checked.
//
// Faults are the one thing the ledger cannot carry: they go to each node's own
// /admin/v1/faults (its address from the registry) with the admin token the operator
// gives the console (--admin-token-file or SECKILL_ADMIN_TOKEN), and a node started
// without --allow-faults refuses them (403), which the action reports as failed.
#include <QString>
#include <chrono>
#include <memory>

#include "backend/event_feed.h"
#include "backend/health_probe.h"
#include "backend/ledger_backend.h"
#include "backend/remote_order_tally.h"
#include "backend/snapshot_reader.h"

namespace seckill::store::redis {
class RedisLedger;
}

namespace seckill::ui {

struct RemoteClusterOptions {
    QString url;  // redis://HOST[:PORT][/DB]
    std::chrono::milliseconds refresh{250};
    // The nodes' admin token, for the calls that go to a node itself (faults, the order
    // DB's tally for I4). Empty: those fail and say how to supply it.
    QString admin_token;
};

class RemoteCluster final : public LedgerBackend {
    Q_OBJECT

  public:
    // Throws std::invalid_argument when the URL is malformed (see urlError). Connects
    // lazily: nothing touches the network before open().
    explicit RemoteCluster(RemoteClusterOptions options, QObject* parent = nullptr);
    ~RemoteCluster() override;

    // What is wrong with a Redis URL, or empty when it is usable.
    static QString urlError(const QString& url);

    QString description() const override;
    void open() override;
    void selectSale(const QString& sale) override;
    void drainNode(const QString& node) override;
    void ensureNodes(int count) override;
    void injectFaults(const QStringList& nodes,
                      const std::vector<store::FaultSpec>& faults) override;
    void clearFaults(const QStringList& nodes) override;
    store::Ledger& ledger() override;

  private:
    SnapshotPtr poll() override;
    // The ledger's half, and the write time from the order writer that stored it (asked
    // over GET /admin/v1/orders/{id} with the admin token; without one the time is unknown).
    std::optional<node::OrderJourney> journeyOf(const std::string& orderId) override;
    // Worker thread: one call to a node's admin API, as an action result.
    ActionResult callNode(const QString& what, const std::string& node, const std::string& method,
                          const std::string& body);

    RemoteClusterOptions options_;
    std::unique_ptr<store::redis::RedisLedger> ledger_;
    std::unique_ptr<RemoteOrderTally> orders_;  // worker thread only, through reader_
    std::unique_ptr<SnapshotReader> reader_;    // worker thread only
    LedgerEventFeed events_;                    // worker thread only
    HealthProbe probe_;                         // asks each registered node's /healthz
    Connection state_ = Connection::closed;     // UI thread
    QString last_error_;                        // UI thread
};

}  // namespace seckill::ui
