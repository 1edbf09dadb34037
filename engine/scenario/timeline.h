#pragma once
// Carries out a scenario's timeline on its cluster while the load runs: each entry at
// its time (ms since the history's origin), each outcome logged. What was staged
// becomes the fault intervals the verdict phases availability and recovery by.
#include <atomic>
#include <boost/json/array.hpp>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "scenario/cluster.h"

namespace seckill::scenario {

class Timeline {
  public:
    Timeline(const ScenarioSpec& spec, Cluster& cluster, LogLine log)
        : spec_(spec), cluster_(cluster), log_(std::move(log)) {}

    // Runs every entry at origin + at_s; returns early when cancel() is called.
    void run(std::chrono::steady_clock::time_point origin);
    void cancel();
    // Called on the timeline's thread with each entry's record as it is carried out (the
    // form events() keeps), so a front end can show the run's progress as it happens.
    void on_event(std::function<void(const boost::json::object&)> f) { on_event_ = std::move(f); }

    // The faults as intervals; those still open at `run_end_ms` are closed there (a node
    // killed and never restarted is an instant: its survivors are judged from then on).
    std::vector<FaultInterval> intervals(std::int64_t run_end_ms) const;
    const std::vector<std::string>& failures() const { return failures_; }
    const boost::json::array& events() const { return events_; }

  private:
    void execute(const TimelineEntry& e, std::int64_t at_ms);
    void open(const std::string& key, const std::string& label, std::int64_t at,
              bool instant_if_left_open, const std::string& node = {});
    void close(const std::string& key, std::int64_t at);
    bool admin(const Endpoint& to, const char* method, const std::string& target,
               const std::string& body, std::string& said);

    const ScenarioSpec& spec_;
    Cluster& cluster_;
    LogLine log_;
    std::mutex mu_;
    std::condition_variable cv_;
    bool cancelled_ = false;
    struct Open {
        std::string label;
        std::int64_t start;
        bool instant_if_left_open;
        std::string node;
    };
    std::map<std::string, Open> open_;
    std::vector<FaultInterval> closed_;
    std::vector<std::string> failures_;
    boost::json::array events_;
    std::function<void(const boost::json::object&)> on_event_;
};

}  // namespace seckill::scenario
