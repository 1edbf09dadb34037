#include "scenario/child_process.h"

#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fstream>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace seckill::scenario {

ChildProcess::ChildProcess(std::string program, std::vector<std::string> args, std::string log_file,
                           std::map<std::string, std::string> env)
    : program_(std::move(program)),
      args_(std::move(args)),
      log_(std::move(log_file)),
      env_(std::move(env)) {}

ChildProcess::~ChildProcess() { kill_hard(); }

void ChildProcess::start() {
    if (running()) throw std::runtime_error(describe() + " is already running");
    // Everything the child needs is built before fork: after it, only async-signal-safe
    // calls (a multi-threaded parent's child may not allocate).
    std::vector<std::string> env_text;
    for (char** e = environ; *e; ++e) {
        const std::string_view kv(*e);
        const auto eq = kv.find('=');
        if (eq != std::string_view::npos && env_.count(std::string(kv.substr(0, eq)))) continue;
        env_text.emplace_back(kv);
    }
    for (const auto& [k, v] : env_) env_text.push_back(k + "=" + v);
    std::vector<char*> envp, argv;
    for (auto& s : env_text) envp.push_back(s.data());
    envp.push_back(nullptr);
    std::string prog = program_;
    argv.push_back(prog.data());
    std::vector<std::string> args = args_;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    const int log_fd = ::open(log_.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    if (log_fd < 0)
        throw std::runtime_error("cannot open log " + log_ + ": " + std::strerror(errno));
    const pid_t parent = ::getpid();
    const pid_t pid = ::fork();
    if (pid < 0) {
        ::close(log_fd);
        throw std::runtime_error("fork failed: " + std::string(std::strerror(errno)));
    }
    if (pid == 0) {
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (::getppid() != parent) ::_exit(127);  // the runner died before prctl
        ::dup2(log_fd, STDOUT_FILENO);
        ::dup2(log_fd, STDERR_FILENO);
        const int null_fd = ::open("/dev/null", O_RDONLY);
        if (null_fd >= 0) ::dup2(null_fd, STDIN_FILENO);
        ::execve(argv[0], argv.data(), envp.data());
        ::_exit(127);
    }
    ::close(log_fd);
    pid_ = pid;
}

bool ChildProcess::reap(bool block) {
    if (pid_ <= 0) return true;
    int status = 0;
    const pid_t r = ::waitpid(pid_, &status, block ? 0 : WNOHANG);
    if (r == pid_ || (r < 0 && errno == ECHILD)) {
        pid_ = -1;
        return true;
    }
    return false;
}

bool ChildProcess::running() { return pid_ > 0 && !reap(false); }

void ChildProcess::signal(int sig) {
    if (running()) ::kill(pid_, sig);
}

void ChildProcess::kill_hard() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGKILL);  // SIGKILL ends a stopped process too
    reap(true);
}

void ChildProcess::stop(std::chrono::milliseconds grace) {
    if (!running()) return;
    ::kill(pid_, SIGCONT);  // a stopped process cannot act on SIGTERM
    ::kill(pid_, SIGTERM);
    const auto deadline = std::chrono::steady_clock::now() + grace;
    while (std::chrono::steady_clock::now() < deadline) {
        if (reap(false)) return;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));  // polling waitpid
    }
    kill_hard();
}

std::string ChildProcess::last_log_line() const {
    std::ifstream in(log_);
    std::string line, last;
    while (std::getline(in, line))
        if (!line.empty()) last = line;
    return last.substr(0, 300);
}

std::string ChildProcess::describe() const {
    return program_ +
           (pid_ > 0 ? " (pid " + std::to_string(pid_) + ")" : std::string(" (not running)"));
}

}  // namespace seckill::scenario
