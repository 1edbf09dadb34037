#pragma once
// What a load run does: how many virtual users buy from which sale, at what rate and
// shape, and how many of the winners pay or cancel.
#include <cstdint>
#include <optional>
#include <string>

#include "load/history.h"

namespace seckill::load {

enum class Profile {
    constant,  // the target rate from start to end
    ramp,      // from zero up to the target rate over the run
    spike,     // five times the target rate for the first tenth (the sale opening), then the rate
};
std::optional<Profile> parse_profile(std::string_view text);

struct LoadOptions {
    std::string host = "127.0.0.1";
    unsigned short port = 8080;
    std::string sale = "demo";
    std::int64_t users = 50'000;  // virtual users u0 … u(N-1), picked at random per buy
    double rate = 0;              // buys per second at the profile's peak; 0 = as fast as possible
    Profile profile = Profile::constant;
    double duration_s = 10;
    int connections = 32;
    double pay_share = 0;     // of the buys that reserved, the share that pays …
    double cancel_share = 0;  // … and the share that cancels (the rest let the deadline pass)
    int pay_delay_ms = 200;   // how long a buyer thinks before paying or cancelling
    std::uint64_t seed = 1;
    // Non-empty: the node runs --buyer-auth jwt with this HS256 secret; each virtual user
    // sends `Authorization: Bearer <its token>` instead of naming itself with ?user=.
    std::string jwt_secret;
    // Non-null: every answer (and every request a broken connection left unanswered) is
    // appended here. Owned by the caller; used only by the thread running run().
    History* history = nullptr;
};

// Rate at time t (seconds since start) for the profile; 0 means unpaced.
double rate_at(const LoadOptions& o, double t);

}  // namespace seckill::load
