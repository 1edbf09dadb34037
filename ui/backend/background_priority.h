#pragma once
// The console shares the machine with the nodes and load it embeds. Their threads run at a
// lower CPU priority than the window, so a saturated machine still redraws on time; a
// thread's priority (nice value) passes on to the threads it starts.
#include <functional>

namespace seckill::ui {

// Lowers the calling thread's priority (raises its nice value by `steps`); never fails
// the caller, as a console without it only redraws later under full load.
void lower_this_thread_priority(int steps = 10);

// Runs `start` on a short-lived thread at lower priority and waits for it, so every thread
// `start` creates inherits the lower priority while the calling thread keeps its own.
// Exceptions from `start` are rethrown here.
void start_at_lower_priority(const std::function<void()>& start);

}  // namespace seckill::ui
