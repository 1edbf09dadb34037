#pragma once
// The cluster a scenario runs on: processes the runner starts (seckill-node on the
// embedded ledger, or several sharing a redis-server it starts) or existing targets. It
// carries out the timeline's process actions and knows where each node's files are.
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "scenario/child_process.h"
#include "scenario/http_call.h"
#include "scenario/scenario_spec.h"
#include "scenario/wait.h"

namespace seckill::scenario {

struct RunnerPaths {
    std::string node_binary;   // seckill-node
    std::string redis_binary;  // redis-server
    std::string nginx_binary;  // nginx, when the cluster has it
    std::string work_dir;      // a fresh directory for data dirs and logs
};

using LogLine = std::function<void(const std::string&)>;

class Cluster {
  public:
    struct Node {
        NodeSpec spec;
        Endpoint endpoint;
        std::string data_dir;
        std::unique_ptr<ChildProcess> process;  // null for targets
        // A node_crash fault ended it (the timeline's doing): not waited for afterwards. A
        // process's own exit says as much; a target's crash is only known this way.
        bool crashed = false;
        bool alive() const { return !crashed && (!process || process->running()); }
    };

    Cluster(const ScenarioSpec& spec, RunnerPaths paths, std::string admin_token, LogLine log);
    ~Cluster();

    // Starts redis-server and the nodes, each waited for until ready; throws with the
    // wait's sentence when one is not.
    void start();
    // SIGTERM to every node (then redis), each given a few seconds, then SIGKILL.
    void stop();

    std::vector<Node>& nodes() { return nodes_; }
    Node& node(const std::string& id);
    const std::string& admin_token() const { return token_; }
    bool redis() const {
        return spec_.cluster.kind == ClusterSpec::Kind::processes &&
               spec_.cluster.ledger == ClusterSpec::Ledger::redis;
    }
    std::string redis_url() const { return "redis://127.0.0.1:" + std::to_string(redis_port_); }
    bool processes() const { return spec_.cluster.kind == ClusterSpec::Kind::processes; }

    // The timeline's process actions. Each returns a sentence for the log.
    std::string kill(const std::string& id);
    std::string stop_node(const std::string& id);
    std::string cont(const std::string& id);
    WaitOutcome restart(const std::string& id);
    std::string redis_kill();
    WaitOutcome redis_restart();
    std::string redis_stop();
    std::string redis_cont();

    // Where buyers go: nginx when the cluster has it, else nothing (each node directly).
    std::optional<Endpoint> front() const;
    // A node that answers /readyz 200 now, for cluster-wide admin calls.
    std::optional<Endpoint> any_ready_node();
    WaitOutcome wait_ready(Node& n);
    // SQLite files of the cluster: the order DBs of the nodes that write one, and the
    // embedded ledger's journal ("" when the ledger is Redis or not ours).
    std::vector<std::string> order_db_files() const;
    std::string journal_file() const;

  private:
    std::vector<std::string> node_args(const Node& n) const;
    void start_redis();
    void start_nginx();

    const ScenarioSpec& spec_;
    RunnerPaths paths_;
    std::string token_;
    LogLine log_;
    std::vector<Node> nodes_;
    unsigned short redis_port_ = 0;
    std::unique_ptr<ChildProcess> redis_;
    unsigned short nginx_port_ = 0;
    std::unique_ptr<ChildProcess> nginx_;
};

}  // namespace seckill::scenario
