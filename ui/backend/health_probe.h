#pragma once
// Asks each registered node's /healthz once a second on a thread of its own, so a node
// killed -9 stops being "up" within a second instead of when its heartbeat goes stale,
// and a frozen node's unanswered probe never delays a snapshot. Only a node that has
// answered once counts as unanswered later: a console that cannot reach the nodes'
// addresses at all (another network) judges them by their heartbeats alone.
#include <atomic>
#include <condition_variable>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>

namespace seckill::ui {

class HealthProbe {
  public:
    HealthProbe();
    ~HealthProbe();
    HealthProbe(const HealthProbe&) = delete;
    HealthProbe& operator=(const HealthProbe&) = delete;

    // The nodes to ask (id -> host:port, as the registry records it); replaces the list.
    void watch(std::map<std::string, std::string> addresses);
    // id -> why the node's last probe went unanswered; nodes that answered are absent.
    std::map<std::string, std::string> unanswered() const;

  private:
    void run();

    mutable std::mutex mu_;
    std::condition_variable wake_;
    std::map<std::string, std::string> addresses_;
    std::map<std::string, std::string> unanswered_;
    std::set<std::string> answered_;  // ids that answered at least once (probe thread)
    std::atomic<bool> stopping_{false};
    bool probe_now_ = false;  // a first list arrived: probe without waiting a period
    std::thread thread_;
};

}  // namespace seckill::ui
