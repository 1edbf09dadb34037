#include "scenario/wait.h"

#include <thread>

namespace seckill::scenario {

std::string WaitOutcome::sentence() const {
    return (ok ? "waited " : "gave up after ") + std::to_string(took.count()) + " ms for " + what +
           (last_seen.empty() ? std::string() : "; last seen: " + last_seen);
}

WaitOutcome wait_for(const std::string& what, std::chrono::milliseconds limit,
                     const std::function<bool(std::string&)>& probe,
                     std::chrono::milliseconds period) {
    using Clock = std::chrono::steady_clock;
    const auto start = Clock::now();
    const auto deadline = start + limit;
    WaitOutcome out;
    out.what = what;
    for (;;) {
        bool done = false;
        bool give_up = false;
        try {
            done = probe(out.last_seen);
        } catch (const GiveUp& e) {
            out.last_seen = e.what();
            give_up = true;
        } catch (const std::exception& e) {
            out.last_seen = e.what();
        }
        out.took = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
        if (done) {
            out.ok = true;
            return out;
        }
        if (give_up || Clock::now() >= deadline) return out;
        std::this_thread::sleep_for(period);  // the poll period of a condition wait
    }
}

}  // namespace seckill::scenario
