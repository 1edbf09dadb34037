#pragma once
// One scenario run on a cluster, from start to verdict, for every front end: the CLI
// (runner.cpp: reads the file, picks the paths, prints) and the console (which runs it on
// its own nodes and shows each step as it happens). One copy of the run and the judgement.
#include <boost/json/object.hpp>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "load/history.h"
#include "scenario/cluster.h"
#include "scenario/report.h"

namespace seckill::load {
class LoadGenerator;
}

namespace seckill::scenario {

class Timeline;

// Lets another thread end a run early: the crowd stops, the timeline skips what is left,
// and the run ends without the recovery waits (there is nothing to judge). Safe to call
// from any thread, any number of times, before or during the run.
class RunControl {
  public:
    void stop();
    bool stopped() const;

    // The run's own bookkeeping: what stop() must reach while the load runs.
    void attach(std::vector<load::LoadGenerator*> generators, Timeline* timeline);
    void detach();

  private:
    mutable std::mutex mu_;
    bool stopped_ = false;
    std::vector<load::LoadGenerator*> generators_;
    Timeline* timeline_ = nullptr;
};

// What a front end hears while the run goes. Every callback runs on the run's thread.
struct RunHooks {
    LogLine log;  // every line the CLI prints to stderr
    std::function<void(const std::string& phase)>
        phase;  // starting, sale, load, recovery, judging, done
    std::function<void(const boost::json::object& entry)>
        timeline;  // each entry as carried out (report's form)
    std::function<void(const CheckResult& check)> check;  // each check as it is judged
    std::function<void(const load::History& history)>
        history;                    // every answer, once the load is over
    RunControl* control = nullptr;  // null: cannot be stopped
};

// Starts `spec`'s cluster, opens its sale, runs the load and the timeline, waits for
// recovery, gathers the facts and judges. Never throws: a step that fails becomes a failed
// `run` check in the report.
RunReport run_spec(const ScenarioSpec& spec, const RunnerPaths& paths,
                   const std::string& admin_token, const RunHooks& hooks);

// The verdict's check ids in the order run_spec reports them (the verdict's, then the run's),
// so a front end can list them as pending before the run judges anything.
std::vector<std::string> check_ids();

}  // namespace seckill::scenario
