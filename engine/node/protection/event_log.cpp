#include "node/protection/event_log.h"

#include <algorithm>
#include <boost/json.hpp>
#include <cstdio>

#include "core/log.h"

namespace seckill::node {

void EventLog::record(std::string_view kind, boost::json::object fields) {
    boost::json::object body{{"kind", kind}};
    for (auto& kv : fields) body.emplace(kv.key(), std::move(kv.value()));
    store::NodeEvent e{0, clock_.now_ms(), node_, boost::json::serialize(body)};
    // One line for the operator's log as well; these are rare by nature.
    log::info("node_event", {{"node", node_}, {"kind", kind}, {"json", e.json}});
    std::lock_guard lock(mu_);
    e.seq = ++last_seq_;
    events_.push_back(e);
    if (events_.size() > kept) events_.pop_front();
    unpublished_.push_back(std::move(e));
    if (unpublished_.size() > kept) unpublished_.erase(unpublished_.begin());
}

std::vector<store::NodeEvent> EventLog::since(std::uint64_t since, std::size_t max) const {
    std::lock_guard lock(mu_);
    std::vector<store::NodeEvent> out;
    for (const auto& e : events_)
        if (e.seq > since && out.size() < max) out.push_back(e);
    return out;
}

void EventLog::publish(store::Ledger& ledger) {
    std::vector<store::NodeEvent> batch;
    {
        std::lock_guard lock(mu_);
        if (unpublished_.empty()) return;
        batch.swap(unpublished_);
    }
    try {
        ledger.publish_events(batch);
    } catch (...) {
        std::lock_guard lock(mu_);
        unpublished_.insert(unpublished_.begin(), batch.begin(), batch.end());
        if (unpublished_.size() > kept)
            unpublished_.erase(unpublished_.begin(),
                               unpublished_.begin() + std::ptrdiff_t(unpublished_.size() - kept));
        throw;
    }
}

std::uint64_t EventLog::recorded() const {
    std::lock_guard lock(mu_);
    return last_seq_;
}

}  // namespace seckill::node
