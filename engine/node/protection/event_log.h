#pragma once
// The node's automatic decisions (breaker opened, level raised, fault injected…) as
// events: kept here for GET /admin/v1/events and handed to the ledger by the housekeeper,
// so operators read one cluster-wide log. Recording never calls the ledger: a breaker
// that opens because the ledger is down must still be able to say so.
#include <boost/json/object.hpp>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "store/ledger.h"

namespace seckill::node {

class EventLog {
  public:
    EventLog(std::string node, const Clock& clock) : node_(std::move(node)), clock_(clock) {}

    // Thread-safe. `fields` adds to {"kind":…} whatever explains the decision.
    void record(std::string_view kind, boost::json::object fields);
    // This node's events numbered above `since` (its own numbering), oldest first.
    std::vector<store::NodeEvent> since(std::uint64_t since, std::size_t max) const;
    // Hands events not yet published to the ledger; on failure they wait for the next
    // try (the oldest are dropped past a bound). Throws what the ledger throws.
    void publish(store::Ledger& ledger);
    std::uint64_t recorded() const;

  private:
    static constexpr std::size_t kept = 1000;
    const std::string node_;
    const Clock& clock_;
    mutable std::mutex mu_;
    std::deque<store::NodeEvent> events_;  // seq = this node's numbering
    std::vector<store::NodeEvent> unpublished_;
    std::uint64_t last_seq_ = 0;
};

}  // namespace seckill::node
