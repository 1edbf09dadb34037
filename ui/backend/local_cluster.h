#pragma once
// A cluster inside the console: 1–8 embedded nodes on loopback ports sharing one
// in-process ledger, and one order writer filling a SQLite order DB in the data dir.
// Everything that blocks (starting nodes, ledger reads, SQLite) runs on the worker.
#include <QString>
#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <string>

#include "backend/ledger_backend.h"
#include "store/memory_ledger.h"

namespace seckill::ui {

struct LocalClusterOptions {
    int nodes = 3;
    QString data_dir;  // order DBs and the admin token; created when missing
    std::chrono::milliseconds refresh{250};
    // Most buys one ledger commit call carries on every node; 0: the engine's default. 1
    // turns group commit off (the demo's "what if every buy went to the ledger").
    std::size_t commit_batch = 0;
};

class LocalCluster final : public LedgerBackend {
    Q_OBJECT

  public:
    explicit LocalCluster(LocalClusterOptions options, QObject* parent = nullptr);
    // Drains every node and writes every queued order event before it returns.
    ~LocalCluster() override;

    QString description() const override;
    QString historyKey() const override { return QStringLiteral("local cluster"); }
    void open() override;
    void selectSale(const QString& sale) override;
    void drainNode(const QString& node) override;
    void ensureNodes(int count) override;
    bool canStartNodes() const override { return true; }
    void injectFaults(const QStringList& nodes,
                      const std::vector<store::FaultSpec>& faults) override;
    void clearFaults(const QStringList& nodes) override;
    store::Ledger& ledger() override { return ledger_; }
    const LocalClusterOptions& options() const { return options_; }
    // This session's order DB: the ledger lives in memory, so each session writes its own.
    QString orderDbPath() const { return db_path_; }
    // The nodes' admin token (from the data dir), for the scenario runner's admin calls;
    // empty until the nodes have started. Any thread.
    std::string adminToken() const;

  private:
    struct Session;     // the order DB, writer, nodes and reader: worker thread only
    struct CrashRelay;  // hands a crash from an engine's detached thread to the worker

    void startSession();
    // Worker thread: ends the node an injected node_crash named.
    void crashNode(const std::string& id);
    // Worker thread: what each engine logged since the last poll, and its live faults.
    void addFaultsAndEvents(ClusterSnapshot& snap);
    SnapshotPtr poll() override;
    // With the session's order DB: the write time too.
    std::optional<node::OrderJourney> journeyOf(const std::string& orderId) override;
    // Nodes see a new or changed sale now, not at their next housekeeping tick.
    void saleChanged(const std::string& sale) override;

    LocalClusterOptions options_;
    std::atomic<int> running_nodes_{0};  // written by the worker, read for the description
    mutable std::mutex token_mu_;
    std::string admin_token_;    // under token_mu_: written by the worker, read by the UI
    bool poll_failing_ = false;  // UI thread: report recovery once
    QString db_path_;
    store::MemoryLedger ledger_;
    std::shared_ptr<CrashRelay> crash_relay_;
    std::unique_ptr<Session> session_;
};

}  // namespace seckill::ui
