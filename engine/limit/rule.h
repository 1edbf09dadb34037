#pragma once
// One rate-limiting rule as operators write it in PUT /admin/v1/limits: which key it counts
// (everyone, per client address, per user), which algorithm, and that algorithm's numbers.
// Field names follow nginx limit_req where the two overlap.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "limit/rate.h"

namespace seckill::limit {

struct Rule {
    enum class Key { global, ip, user };
    enum class Algorithm { leaky, token, fixed_window, sliding_window };

    std::string name;
    Key key = Key::ip;
    Algorithm algorithm = Algorithm::leaky;
    MilliRate rate = 0;     // leaky and token: thousandths of a request per second
    std::string rate_text;  // as the operator wrote it, so GET shows back what PUT sent
    int burst = 0;          // leaky: nginx burst; token: bucket capacity
    bool nodelay = false;   // leaky: serve burst requests at once
    int delay = 0;          // leaky: nginx delay=N, the first N excess requests are not delayed
    int limit = 0;          // windows: requests per window
    Millis window_ms = 1000;

    bool operator==(const Rule&) const = default;
};

// Bounds that keep every limiter's integer arithmetic far from overflow.
inline constexpr int max_burst = 1'000'000'000;
inline constexpr int max_window_limit = 1'000'000'000;
inline constexpr Millis max_window_ms = 86'400'000;  // one day

// Sets rate and rate_text together; returns the parse error, if any, and leaves the rule as
// it was.
std::optional<std::string> set_rate(Rule& rule, std::string_view text);

// nullopt when the rule is usable, else one sentence naming the rule and what to fix.
// Fields another algorithm uses are ignored, so a client may always send every field.
std::optional<std::string> validate(const Rule& rule);
// Every rule, plus names unique across the set (metrics and logs name rules).
std::optional<std::string> validate(std::span<const Rule> rules);

std::string_view to_string(Rule::Key key);
std::string_view to_string(Rule::Algorithm algorithm);
std::optional<Rule::Key> parse_key(std::string_view text);
std::optional<Rule::Algorithm> parse_algorithm(std::string_view text);

}  // namespace seckill::limit
