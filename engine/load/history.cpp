#include "load/history.h"

namespace seckill::load {

std::string_view to_string(Op op) {
    switch (op) {
        case Op::buy:
            return "buy";
        case Op::pay:
            return "pay";
        case Op::cancel:
            return "cancel";
    }
    return "buy";
}

void History::start_now() {
    origin = std::chrono::steady_clock::now();
    origin_wall_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count();
}

}  // namespace seckill::load
