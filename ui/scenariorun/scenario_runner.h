#pragma once
// Runs one scenario off the UI thread with the runner the CLI uses (scenario::run_spec):
// on its own thread, as LoadRunner runs a crowd, because the run blocks for its whole
// length (load, timeline, recovery waits). What the run reports arrives as queued
// signals on the runner's thread. start() and stop() are for that thread too.
#include <QObject>
#include <QString>
#include <atomic>
#include <memory>
#include <thread>

#include "scenario/cluster.h"
#include "scenario/report.h"
#include "scenario/run.h"

namespace seckill::ui {

struct ScenarioJob {
    scenario::ScenarioSpec spec;
    scenario::RunnerPaths paths;  // node binary and work dir: only for a processes cluster
    std::string admin_token;
};

class ScenarioRunner : public QObject {
    Q_OBJECT

  public:
    using QObject::QObject;
    // Stops a run in progress and waits for its thread.
    ~ScenarioRunner() override;

    bool running() const { return thread_.joinable() && !done_; }
    // False (nothing starts) while a run is going.
    bool start(ScenarioJob job);
    // Ends the run early (see wait());
    // finished() still comes, with a failed `run` check saying so.
    void stop();
    // Waits for the run's thread to end (after stop(): the crowd ends at once, a wait in
    // progress — a node to start, the recovery — runs to its own deadline).
    void wait();
    // The last finished run's report (null before one finished).
    std::shared_ptr<const scenario::RunReport> report() const { return report_; }

  Q_SIGNALS:
    void phaseChanged(const QString& phase);
    void logLine(const QString& line);
    // One timeline entry as carried out: when (ms into the load), what, and whether it worked.
    void timelineEntry(qint64 at_ms, const QString& action, const QString& node, bool ok,
                       const QString& detail);
    void checkJudged(const QString& id, bool pass, const QString& summary);
    void finished(bool pass);

  private:
    // Hands `f` to the runner's thread (never emit from the run's thread).
    template <class F>
    void post(F&& f) {
        QMetaObject::invokeMethod(this, std::forward<F>(f), Qt::QueuedConnection);
    }

    std::unique_ptr<ScenarioJob> job_;
    std::unique_ptr<scenario::RunControl>
        control_;  // replaced only by start(), on this object's thread
    std::thread thread_;
    std::atomic<bool> done_{false};
    std::shared_ptr<const scenario::RunReport> report_;
};

}  // namespace seckill::ui
