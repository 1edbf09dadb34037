#pragma once
// When each confirmed order held its unit, as bounds the history can prove: `surely`
// is a stretch during which the unit was certainly held (used to prove oversell and
// over-limit), `possibly` one outside which it was certainly not held (used to prove a
// refusal came while units were sellable). Judging on these bounds means a check fails
// only on what the answers prove, never on timing noise.
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "scenario/verdict.h"

namespace seckill::scenario {

inline constexpr std::int64_t forever = std::numeric_limits<std::int64_t>::max();

struct Holding {
    std::string order_id;
    std::string user;
    std::int64_t surely_from = 0, surely_to = 0;      // [from, to): empty when from >= to
    std::int64_t possibly_from = 0, possibly_to = 0;  // [from, to)
};

// One holding per buy that was answered 201, plus one per buy whose outcome is unknown
// (no answer: it may have reserved) with an empty `surely` stretch.
std::vector<Holding> holdings(const load::History& h, const Facts& f, const Bounds& b);

// A step function of how many stretches cover each moment.
struct Coverage {
    std::vector<std::int64_t> at;     // breakpoints, ascending
    std::vector<std::int64_t> count;  // count[i] holds on [at[i], at[i+1])
    std::int64_t max = 0;
    std::int64_t max_at = 0;
    // The highest count on [from, to] (0 before the first breakpoint).
    std::int64_t max_over(std::int64_t from, std::int64_t to) const;
};

// Coverage of the `surely` (possibly = false) or `possibly` stretches of `list`.
Coverage coverage(const std::vector<const Holding*>& list, bool possibly);

}  // namespace seckill::scenario
