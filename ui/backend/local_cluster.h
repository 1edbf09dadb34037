#pragma once
// A cluster inside the console: 1–8 embedded nodes on loopback ports sharing one
// in-process ledger, and one order writer filling a SQLite order DB in the data dir.
// Everything that blocks (starting nodes, ledger reads, SQLite) runs on the worker.
#include <QString>
#include <atomic>
#include <chrono>
#include <memory>

#include "backend/backend_worker.h"
#include "backend/console_backend.h"
#include "store/memory_ledger.h"

namespace seckill::ui {

struct LocalClusterOptions {
    int nodes = 3;
    QString data_dir;  // order DBs and the admin token; created when missing
    std::chrono::milliseconds refresh{250};
};

class LocalCluster final : public ConsoleBackend {
    Q_OBJECT

public:
    explicit LocalCluster(LocalClusterOptions options, QObject* parent = nullptr);
    // Drains every node and writes every queued order event before it returns.
    ~LocalCluster() override;

    QString description() const override;
    void open() override;
    void selectSale(const QString& sale) override;
    void createSale(const SaleConfig& config) override;
    void setSaleState(const QString& sale, SaleState state) override;
    void setDegrade(const QString& node, int level) override;
    void setLimits(const QString& rulesJson) override;
    void drainNode(const QString& node) override;
    void ensureNodes(int count) override;
    bool canRebalance() const override { return true; }
    void rebalance(const QString& sale, const RebalanceRequest& request) override;

    // The ledger every node shares; thread-safe, for tests and reports that check the
    // console against the source of truth.
    store::Ledger& ledger() { return ledger_; }
    // This session's order DB: the ledger lives in memory, so each session writes its own.
    QString orderDbPath() const { return db_path_; }

private:
    struct Session;  // the order DB, writer, nodes and reader: worker thread only

    void startSession();
    SnapshotPtr poll();

    LocalClusterOptions options_;
    std::atomic<int> running_nodes_{0};  // written by the worker, read for the description
    bool poll_failing_ = false;          // UI thread: report recovery once
    QString db_path_;
    store::MemoryLedger ledger_;
    std::unique_ptr<Session> session_;
    BackendWorker worker_;
};

}  // namespace seckill::ui
