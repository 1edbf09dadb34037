#include "limit/rule.h"

#include <array>
#include <set>
#include <utility>

#include "core/enum_names.h"

namespace seckill::limit {
namespace {

constexpr std::array<EnumName<Rule::Key>, 3> key_names{{
    {Rule::Key::global, "global"},
    {Rule::Key::ip, "ip"},
    {Rule::Key::user, "user"},
}};

constexpr std::array<EnumName<Rule::Algorithm>, 4> algorithm_names{{
    {Rule::Algorithm::leaky, "leaky"},
    {Rule::Algorithm::token, "token"},
    {Rule::Algorithm::fixed_window, "fixed_window"},
    {Rule::Algorithm::sliding_window, "sliding_window"},
}};

std::string describe(const Rule& rule) { return "rule \"" + rule.name + "\""; }

std::optional<std::string> validate_bucket(const Rule& rule) {
    std::string what = describe(rule) + " (" + std::string(to_string(rule.algorithm)) + ")";
    if (rule.rate <= 0) return what + " needs a rate such as \"10r/s\" or \"600r/m\"";
    if (rule.rate > max_requests_per_unit * 1000) return what + " has a rate that is too large";
    if (rule.burst < 0 || rule.burst > max_burst) {
        return what + " needs a burst between 0 and " + std::to_string(max_burst);
    }
    if (rule.algorithm == Rule::Algorithm::token) {
        if (rule.burst < 1) return what + " needs a burst of at least 1, the bucket's capacity";
        return std::nullopt;
    }
    if (rule.delay < 0) return what + " needs a delay of 0 or more";
    if (rule.nodelay && rule.delay > 0) {
        return what +
               " sets both nodelay and delay; nodelay means no request is delayed, "
               "delay=N that the first N are not, so choose one";
    }
    return std::nullopt;
}

std::optional<std::string> validate_window(const Rule& rule) {
    std::string what = describe(rule) + " (" + std::string(to_string(rule.algorithm)) + ")";
    if (rule.limit <= 0 || rule.limit > max_window_limit) {
        return what + " needs a limit between 1 and " + std::to_string(max_window_limit) +
               " requests per window";
    }
    if (rule.window_ms <= 0 || rule.window_ms > max_window_ms) {
        return what + " needs a window_ms between 1 and " + std::to_string(max_window_ms);
    }
    return std::nullopt;
}

}  // namespace

std::optional<std::string> set_rate(Rule& rule, std::string_view text) {
    std::string error;
    std::optional<MilliRate> rate = parse_rate(text, &error);
    if (!rate) return describe(rule) + ": " + error;
    rule.rate = *rate;
    rule.rate_text = std::string(text);
    return std::nullopt;
}

std::optional<std::string> validate(const Rule& rule) {
    if (rule.name.empty()) return "every rule needs a name";
    switch (rule.algorithm) {
        case Rule::Algorithm::leaky:
        case Rule::Algorithm::token:
            return validate_bucket(rule);
        case Rule::Algorithm::fixed_window:
        case Rule::Algorithm::sliding_window:
            return validate_window(rule);
    }
    return describe(rule) + " has an unknown algorithm";
}

std::optional<std::string> validate(std::span<const Rule> rules) {
    std::set<std::string_view> names;
    for (const Rule& rule : rules) {
        if (auto problem = validate(rule)) return problem;
        if (!names.insert(rule.name).second) {
            return "two rules are named \"" + rule.name + "\"; names must be unique";
        }
    }
    return std::nullopt;
}

std::string_view to_string(Rule::Key key) { return name_of(key_names, key); }

std::string_view to_string(Rule::Algorithm algorithm) {
    return name_of(algorithm_names, algorithm);
}

std::optional<Rule::Key> parse_key(std::string_view text) { return value_of(key_names, text); }

std::optional<Rule::Algorithm> parse_algorithm(std::string_view text) {
    return value_of(algorithm_names, text);
}

}  // namespace seckill::limit
