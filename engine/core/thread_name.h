#pragma once
// Names the calling thread (Linux: at most 15 characters), so `top -H`, perf and gdb say
// which of a node's threads is busy: io, committer, order writer or housekeeper.
#include <pthread.h>

namespace seckill {

inline void name_this_thread(const char* name) { pthread_setname_np(pthread_self(), name); }

}  // namespace seckill
