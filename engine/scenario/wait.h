#pragma once
// Waiting on a condition with a deadline, the only way the runner waits for the system:
// the condition is polled, and on timeout the error names what was awaited and the last
// value seen, so a failed scenario says why.
#include <chrono>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>

namespace seckill::scenario {

// Thrown by a probe when waiting longer cannot help (the process awaited has exited).
struct GiveUp : std::runtime_error {
    using std::runtime_error::runtime_error;
};

struct WaitOutcome {
    bool ok = false;
    std::string what;       // what was awaited
    std::string last_seen;  // the probe's last description of the state
    std::chrono::milliseconds took{0};
    std::string sentence() const;
};

// Calls `probe` every `period` until it returns true or `limit` passes. The probe writes
// a description of what it saw into its argument; exceptions count as "not yet" and their
// message becomes the last value seen.
WaitOutcome wait_for(const std::string& what, std::chrono::milliseconds limit,
                     const std::function<bool(std::string&)>& probe,
                     std::chrono::milliseconds period = std::chrono::milliseconds(50));

}  // namespace seckill::scenario
