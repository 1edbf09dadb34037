#include "load/load_options.h"

#include <algorithm>

namespace seckill::load {

std::optional<Profile> parse_profile(std::string_view text) {
    if (text == "constant") return Profile::constant;
    if (text == "ramp") return Profile::ramp;
    if (text == "spike") return Profile::spike;
    return std::nullopt;
}

double rate_at(const LoadOptions& o, double t) {
    if (o.rate <= 0) return 0;
    switch (o.profile) {
        case Profile::constant:
            return o.rate;
        case Profile::ramp: {
            const double share = o.duration_s > 0 ? t / o.duration_s : 1;
            // Never quite zero, so the first request is not scheduled at infinity.
            return std::max(o.rate * std::min(share, 1.0), 1.0);
        }
        case Profile::spike:
            return t < o.duration_s / 10 ? o.rate * 5 : o.rate;
    }
    return o.rate;
}

}  // namespace seckill::load
