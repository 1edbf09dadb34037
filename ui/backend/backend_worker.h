#pragma once
// The thread a backend does its blocking work on: a poll on a timer that produces
// snapshots, and actions run one at a time in the order they were asked for. Results
// leave through signals, so receivers on the UI thread get them queued.
#include <QObject>
#include <QThread>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>

#include "backend/action_result.h"
#include "backend/cluster_snapshot.h"

class QTimer;

namespace seckill::ui {

class BackendWorker : public QObject {
    Q_OBJECT

  public:
    using Poll = std::function<SnapshotPtr()>;
    using Action = std::function<ActionResult()>;

    BackendWorker(Poll poll, std::chrono::milliseconds period, QObject* parent = nullptr);
    // Stops the thread; jobs still queued are dropped (the owner runs its own shutdown
    // through run() before that when it has one).
    ~BackendWorker() override;

    void start();
    // Runs `action` on the worker thread, emits its result, then polls at once so the
    // next snapshot shows the change. `what` and `target` name it if it throws.
    void submit(QString what, QString target, Action action);
    // As submit, for an action whose reply can be lost on the way (a ledger across a
    // network): when `action` throws or answers ActionResult::lost, the result is
    // "unknown — re-checking", and
    // `recheck` (which reads the state back and says what really happened) is retried
    // every half second until it answers, or for recheck_for at most.
    void submitChecked(QString what, QString target, Action action, Action recheck);
    static constexpr std::chrono::seconds recheck_for{120};
    // Runs `job` on the worker thread without a result (selection changes and the like).
    void post(std::function<void()> job);
    // Runs `job` on the worker thread and waits for it: only for shutdown.
    void runAndWait(std::function<void()> job);
    void stop();

  Q_SIGNALS:
    void snapshotReady(seckill::ui::SnapshotPtr snapshot);
    void actionFinished(const seckill::ui::ActionResult& result);
    // The poll threw: the ledger cannot be reached. Polling goes on.
    void pollFailed(const QString& reason);
    void pollSucceeded();

  private:
    void pollNow();
    void recheck(Action recheck, QString what, QString target,
                 std::chrono::steady_clock::time_point since, std::uint64_t generation);

    // Per action and target ("degrade\nall nodes"), how many have been submitted (worker
    // thread only): a re-check whose action was followed by another on the same target
    // cannot tell which of them the state it reads came from.
    std::map<QString, std::uint64_t> generations_;

    Poll poll_;
    std::chrono::milliseconds period_;
    QThread thread_;
    QObject* context_;  // lives on thread_: queued jobs run there
    QTimer* timer_ = nullptr;
    bool started_ = false;
};

}  // namespace seckill::ui
