#include "load/history.h"

#include "core/enum_names.h"

namespace seckill::load {

std::string_view to_string(Op op) {
    constexpr std::array<EnumName<Op>, 3> names{{
        {Op::buy, "buy"},
        {Op::pay, "pay"},
        {Op::cancel, "cancel"},
    }};
    return name_of(names, op);
}

void History::start_now() {
    origin = std::chrono::steady_clock::now();
    origin_wall_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count();
}

}  // namespace seckill::load
