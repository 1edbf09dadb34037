#include "backend/background_priority.h"

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <exception>
#include <thread>

namespace seckill::ui {

void lower_this_thread_priority(int steps) {
    // On Linux PRIO_PROCESS with a thread id changes that one thread.
    const auto tid = static_cast<id_t>(::syscall(SYS_gettid));
    errno = 0;
    const int current = ::getpriority(PRIO_PROCESS, tid);
    if (errno == 0) (void)::setpriority(PRIO_PROCESS, tid, current + steps);
}

void start_at_lower_priority(const std::function<void()>& start) {
    std::exception_ptr failure;
    std::thread helper([&] {
        lower_this_thread_priority();
        try {
            start();
        } catch (...) {
            failure = std::current_exception();
        }
    });
    helper.join();
    if (failure) std::rethrow_exception(failure);
}

}  // namespace seckill::ui
