#pragma once
// Runs a LoadPlan off the UI thread: one LoadGenerator per target on its own thread (a
// generator blocks its thread until its duration is over). The merged report arrives
// through finished() on the runner's thread.
#include <QObject>
#include <atomic>
#include <memory>
#include <thread>
#include <vector>

#include "load/load_generator.h"
#include "loadrun/load_plan.h"

namespace seckill::ui {

class LoadRunner : public QObject {
    Q_OBJECT

  public:
    using QObject::QObject;
    // Stops a run in progress and waits for its threads.
    ~LoadRunner() override;

    bool running() const { return coordinator_.joinable() && !done_; }
    // False (and nothing starts) while a run is going or when the plan has no target;
    // throws what LoadGenerator throws for a target it cannot use.
    bool start(const LoadPlan& plan);
    // Ends the run early; finished() still comes, with what was sent so far.
    void stop();
    // Holds the run's crowd or lets it go on (LoadGenerator::pause).
    void pause(bool on);
    // Buys answered so far in the current run; safe to call while it runs.
    std::int64_t sent() const;

  Q_SIGNALS:
    void finished(const seckill::load::LoadReport& report);

  private:
    void join();

    std::vector<std::unique_ptr<load::LoadGenerator>> generators_;
    std::thread coordinator_;
    std::atomic<bool> done_{false};
};

}  // namespace seckill::ui
