#pragma once
// A process the scenario runner starts (seckill-node, redis-server): fork + exec with its
// output appended to a log file, signalled on the timeline (kill -9, SIGSTOP, SIGCONT)
// and always reaped. The child dies with the runner (PR_SET_PDEATHSIG), so a runner
// killed mid-scenario leaves no nodes behind — but PDEATHSIG fires when the *thread* that
// forked exits: start() only from a thread that outlives the child (the runner's main).
#include <sys/types.h>

#include <chrono>
#include <map>
#include <string>
#include <vector>

namespace seckill::scenario {

class ChildProcess {
  public:
    ChildProcess(std::string program, std::vector<std::string> args, std::string log_file,
                 std::map<std::string, std::string> env = {});
    ~ChildProcess();
    ChildProcess(const ChildProcess&) = delete;
    ChildProcess& operator=(const ChildProcess&) = delete;

    // Starts it (again, with the same arguments); throws with the reason on failure.
    void start();
    bool running();  // reaps it when it has exited
    pid_t pid() const { return pid_; }
    void signal(int sig);  // no-op when not running
    // SIGKILL and reap: what kill -9 does, without leaving a zombie.
    void kill_hard();
    // SIGTERM, waiting up to `grace` for it to exit, then SIGKILL.
    void stop(std::chrono::milliseconds grace);
    const std::string& log_file() const { return log_; }
    std::string describe() const;       // program and pid, for messages
    std::string last_log_line() const;  // what it said last (e.g. why it exited)

  private:
    bool reap(bool block);

    std::string program_;
    std::vector<std::string> args_;
    std::string log_;
    std::map<std::string, std::string> env_;
    pid_t pid_ = -1;
};

}  // namespace seckill::scenario
